#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <optional>

class QUrl;

namespace confab::desktop {

// The verdict on a host certificate that failed Qt's normal verification (the CA chain and the
// host name), given the fingerprint the user pinned for that host, if any.
struct CertificateCheck
{
    Q_GADGET

public:
    enum class Status {
        Pinned, // the user trusted exactly this certificate for this host
        Unknown, // self-signed or from an unknown issuer, and not pinned: the user may trust it
        Changed, // another certificate is pinned for this host: rejected, with no prompt
        Invalid, // an error that no trust decision excuses, such as expiry or a foreign name
    };
    Q_ENUM(Status)

    Status status = Status::Invalid;
    QString hostKey; // "host:port", as CertificateTrustStore::hostKey() builds it
    QSslCertificate certificate;
    QString fingerprint; // SHA-256 of certificate, colon-separated hex
    QString pinnedFingerprint; // empty unless Pinned or Changed
    QList<QSslError> fatalErrors; // the errors that make it Invalid

    // Returns the sentence to show the user for Unknown, Changed and Invalid.
    QString message() const;
};

// Classifies the errors Qt reported for peer at url. Trust on first use excuses only errors
// reporting that no trusted authority signed the certificate, and a host-name error when url's host
// is an IP address that the certificate itself lists (its subject alternative names or common
// name). A Changed verdict wins over Invalid, because it is the one that can mean an attack.
CertificateCheck checkCertificate(const QUrl &url, const QSslCertificate &peer,
                                  const QList<QSslError> &errors,
                                  const std::optional<QString> &pinnedFingerprint);

// Returns errorString() of each error, for log lines.
QStringList sslErrorStrings(const QList<QSslError> &errors);

} // namespace confab::desktop
