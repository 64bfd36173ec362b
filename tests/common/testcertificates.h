#pragma once

#include <QSslCertificate>
#include <QString>
#include <QStringList>

// A private key and a certificate that openssl wrote for one test run.
struct TestCertificate
{
    QString certificatePath;
    QString keyPath;
    QSslCertificate certificate; // loaded from certificatePath, null when generation failed

    bool isValid() const { return !certificate.isNull(); }
};

// Writes P-256 keys and self-signed certificates with the openssl command-line tool into a
// folder that the caller owns. Each call takes a name that is unique within the folder.
class TestCertificateFactory
{
public:
    explicit TestCertificateFactory(QString directory);

    static bool isOpensslAvailable();

    // A certificate valid from now for two days. subjectAltName goes to -addext, for example
    // "IP:127.0.0.1" or "DNS:chat.example.org", and is left out when empty.
    TestCertificate selfSigned(const QString &name, const QString &subject,
                               const QString &subjectAltName = {});
    // A certificate that was valid only in January 2020. OpenSSL 3.0's `req -x509` cannot set
    // a start date, so this signs a request with `openssl ca -selfsign -startdate -enddate`.
    TestCertificate expired(const QString &name, const QString &subject,
                            const QString &subjectAltName = {});

    // The failed command and its stderr, after a call returned an invalid certificate.
    QString errorString() const { return m_errorString; }

private:
    bool runOpenssl(const QStringList &arguments);
    TestCertificate loaded(const QString &certificatePath, const QString &keyPath);
    QString writeCaConfig(const QString &name);

    QString m_directory;
    QString m_errorString;
};
