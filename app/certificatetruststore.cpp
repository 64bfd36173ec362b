#include "certificatetruststore.h"

#include "clientlog.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QSettings>
#include <QSslCertificate>
#include <QUrl>

namespace confab::desktop {

namespace {

int defaultPort(const QUrl &url)
{
    const QString scheme = url.scheme();
    return scheme == QLatin1String("http") || scheme == QLatin1String("ws") ? 80 : 443;
}

} // namespace

CertificateTrustStore::CertificateTrustStore(QString iniFilePath)
    : m_iniFilePath(std::move(iniFilePath))
{}

QString CertificateTrustStore::hostKey(const QUrl &url)
{
    const QString host = url.host();
    const int port = url.port(defaultPort(url));
    // QUrl::host() drops the brackets of an IPv6 address, which would make the port ambiguous.
    if (QHostAddress(host).protocol() == QAbstractSocket::IPv6Protocol) {
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    }
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QString CertificateTrustStore::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

std::optional<QString> CertificateTrustStore::pinnedFingerprint(const QString &hostKey) const
{
    const std::unique_ptr<QSettings> settings = openSettings();
    // Upper-cased, so a pin typed in by hand in lower case still matches.
    const QString value = settings->value(hostKey).toString().trimmed().toUpper();
    if (value.isEmpty()) {
        return std::nullopt;
    }
    return value;
}

bool CertificateTrustStore::pin(const QString &hostKey, const QSslCertificate &certificate)
{
    const QString digest = fingerprint(certificate);
    const std::unique_ptr<QSettings> settings = openSettings();
    settings->setValue(hostKey, digest);
    settings->sync();
    if (settings->status() != QSettings::NoError) {
        qCWarning(lcClient) << "cannot store the trusted certificate of" << hostKey << "in"
                            << settings->fileName() << ": status" << settings->status();
        return false;
    }
    qCInfo(lcClient) << "trusted the certificate" << digest << "for" << hostKey;
    return true;
}

bool CertificateTrustStore::forget(const QString &hostKey)
{
    const std::unique_ptr<QSettings> settings = openSettings();
    if (!settings->contains(hostKey)) {
        return false;
    }
    settings->remove(hostKey);
    settings->sync();
    if (settings->status() != QSettings::NoError) {
        qCWarning(lcClient) << "cannot remove the trusted certificate of" << hostKey << "from"
                            << settings->fileName() << ": status" << settings->status();
        return false;
    }
    qCInfo(lcClient) << "forgot the trusted certificate of" << hostKey;
    return true;
}

QString CertificateTrustStore::fileName() const
{
    return openSettings()->fileName();
}

std::unique_ptr<QSettings> CertificateTrustStore::openSettings() const
{
    auto settings = m_iniFilePath.isEmpty()
        ? std::make_unique<QSettings>(QSettings::UserScope, QString::fromLatin1(kOrganization),
                                      QString::fromLatin1(kApplication))
        : std::make_unique<QSettings>(m_iniFilePath, QSettings::IniFormat);
    settings->beginGroup(QString::fromLatin1(kSettingsGroup));
    return settings;
}

} // namespace confab::desktop
