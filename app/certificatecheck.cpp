#include "certificatecheck.h"

#include "certificatetruststore.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

namespace confab::desktop {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("confab::desktop::ChatClient", text);
}

// The errors OpenSSL reports when a certificate is fine except that no authority in the
// system store signed it: a self-signed leaf, a private root, or a missing intermediate.
bool isUnknownIssuerError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return true;
    default:
        return false;
    }
}

// Returns whether the certificate names the IP address host, in an IP subject alternative
// name or as its common name. A host-name error is excused only then, for hosts joined by IP.
bool certificateListsAddress(const QSslCertificate &certificate, const QString &host)
{
    const QHostAddress address(host);
    if (address.isNull()) {
        return false;
    }
    const auto alternativeNames = certificate.subjectAlternativeNames();
    for (const QString &entry :
         alternativeNames.values(QSsl::AlternativeNameEntryType::IpAddressEntry)) {
        if (QHostAddress(entry).isEqual(address, QHostAddress::StrictConversion)) {
            return true;
        }
    }
    for (const QString &name : certificate.subjectInfo(QSslCertificate::CommonName)) {
        if (QHostAddress(name).isEqual(address, QHostAddress::StrictConversion)) {
            return true;
        }
    }
    return false;
}

bool isExcusable(const QSslError &error, const QSslCertificate &peer, const QUrl &url)
{
    if (isUnknownIssuerError(error.error())) {
        return true;
    }
    return error.error() == QSslError::HostNameMismatch
        && certificateListsAddress(peer, url.host());
}

} // namespace

QStringList sslErrorStrings(const QList<QSslError> &errors)
{
    QStringList strings;
    for (const QSslError &error : errors) {
        strings.append(error.errorString());
    }
    return strings;
}

QString CertificateCheck::message() const
{
    switch (status) {
    case Status::Pinned:
        return QString();
    case Status::Unknown:
        return translate("The certificate of %1 is not signed by a trusted authority, and you "
                         "have not trusted it.")
            .arg(hostKey);
    case Status::Changed:
        return translate("The certificate of %1 has changed since you trusted it: its SHA-256 "
                         "fingerprint was %2 and is now %3. This may be an attack, so the "
                         "connection was stopped. If the host's owner confirms the new "
                         "certificate, run \"confab forget-certificate %1\" and connect again.")
            .arg(hostKey, pinnedFingerprint, fingerprint);
    case Status::Invalid:
        return translate("The certificate of %1 is not valid: %2. The connection was stopped.")
            .arg(hostKey, sslErrorStrings(fatalErrors).join(QStringLiteral(". ")));
    }
    return QString();
}

CertificateCheck checkCertificate(const QUrl &url, const QSslCertificate &peer,
                                  const QList<QSslError> &errors,
                                  const std::optional<QString> &pinnedFingerprint)
{
    CertificateCheck check;
    check.hostKey = CertificateTrustStore::hostKey(url);
    check.certificate = peer;
    check.pinnedFingerprint = pinnedFingerprint.value_or(QString());
    if (peer.isNull()) {
        check.fatalErrors = errors;
        check.fatalErrors.prepend(QSslError(QSslError::NoPeerCertificate));
        return check;
    }
    check.fingerprint = CertificateTrustStore::fingerprint(peer);
    if (errors.isEmpty()) {
        // Qt emits sslErrors only with errors, so an empty list is a caller's mistake.
        check.fatalErrors.append(QSslError(QSslError::UnspecifiedError, peer));
        return check;
    }
    for (const QSslError &error : errors) {
        if (!isExcusable(error, peer, url)) {
            check.fatalErrors.append(error);
        }
    }

    if (pinnedFingerprint && *pinnedFingerprint != check.fingerprint) {
        check.status = CertificateCheck::Status::Changed;
    } else if (!check.fatalErrors.isEmpty()) {
        check.status = CertificateCheck::Status::Invalid;
    } else if (pinnedFingerprint) {
        check.status = CertificateCheck::Status::Pinned;
    } else {
        check.status = CertificateCheck::Status::Unknown;
    }
    return check;
}

} // namespace confab::desktop
