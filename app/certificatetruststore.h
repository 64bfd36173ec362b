#pragma once

#include <QString>

#include <memory>
#include <optional>

class QSettings;
class QSslCertificate;
class QUrl;

namespace confab::desktop {

// The certificates the user trusted on first use: one SHA-256 fingerprint per host and port,
// kept in the group "trustedCertificates" of QSettings. Each call opens the settings again, so
// every store on the same file reads a pin as soon as pin() returns.
class CertificateTrustStore
{
public:
    static constexpr const char *kOrganization = "confab";
    static constexpr const char *kApplication = "confab";
    static constexpr const char *kSettingsGroup = "trustedCertificates";

    // Uses the user's settings of organization and application "confab". On Linux that is
    // ~/.config/confab/confab.conf, and QSettings::setPath(NativeFormat, UserScope, dir) moves it.
    CertificateTrustStore() = default;
    // Uses the INI file at iniFilePath instead, for tests and portable setups.
    explicit CertificateTrustStore(QString iniFilePath);

    // Returns "host:port" (or "[ipv6]:port") for url. The port defaults to 443 for https and
    // wss, and to 80 for http and ws.
    static QString hostKey(const QUrl &url);
    // Returns the SHA-256 digest of the certificate's DER form as upper-case hex with a colon
    // between bytes, as `openssl x509 -fingerprint -sha256` prints it.
    static QString fingerprint(const QSslCertificate &certificate);

    std::optional<QString> pinnedFingerprint(const QString &hostKey) const;
    // Stores the certificate's fingerprint for hostKey, replacing any earlier pin. Returns false
    // when the settings file cannot be written.
    bool pin(const QString &hostKey, const QSslCertificate &certificate);
    // Removes the pin of hostKey. Returns false when there was none or the file is read-only.
    bool forget(const QString &hostKey);
    // The settings file behind this store, for messages that tell the user where pins live.
    QString fileName() const;

private:
    std::unique_ptr<QSettings> openSettings() const;

    QString m_iniFilePath; // empty: the user's native settings of confab/confab
};

} // namespace confab::desktop
