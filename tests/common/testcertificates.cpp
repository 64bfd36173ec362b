#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace {

constexpr int kOpensslTimeoutMs = 60000;

QStringList keyArguments()
{
    return {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
}

QStringList extensionArguments(const QString &subjectAltName)
{
    if (subjectAltName.isEmpty()) {
        return {};
    }
    return {"-addext", "subjectAltName=" + subjectAltName};
}

} // namespace

TestCertificateFactory::TestCertificateFactory(QString directory)
    : m_directory(std::move(directory))
{}

bool TestCertificateFactory::isOpensslAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

TestCertificate TestCertificateFactory::selfSigned(const QString &name, const QString &subject,
                                                   const QString &subjectAltName)
{
    const QDir dir(m_directory);
    const QString certificatePath = dir.filePath(name + "-cert.pem");
    const QString keyPath = dir.filePath(name + "-key.pem");
    const QStringList arguments = QStringList {"req", "-x509"} + keyArguments()
        + QStringList {"-days", "2", "-subj", subject} + extensionArguments(subjectAltName)
        + QStringList {"-keyout", keyPath, "-out", certificatePath};
    if (!runOpenssl(arguments)) {
        return TestCertificate();
    }
    return loaded(certificatePath, keyPath);
}

TestCertificate TestCertificateFactory::expired(const QString &name, const QString &subject,
                                                const QString &subjectAltName)
{
    const QDir dir(m_directory);
    const QString requestPath = dir.filePath(name + "-request.pem");
    const QString certificatePath = dir.filePath(name + "-cert.pem");
    const QString keyPath = dir.filePath(name + "-key.pem");
    const QStringList request = QStringList {"req", "-new"} + keyArguments()
        + QStringList {"-subj", subject} + extensionArguments(subjectAltName)
        + QStringList {"-keyout", keyPath, "-out", requestPath};
    const QString config = writeCaConfig(name);
    if (config.isEmpty() || !runOpenssl(request)) {
        return TestCertificate();
    }
    const QStringList sign {"ca",       "-batch",          "-notext",    "-config",
                            config,     "-selfsign",       "-keyfile",   keyPath,
                            "-in",      requestPath,       "-startdate", "20200101000000Z",
                            "-enddate", "20200201000000Z", "-out",       certificatePath};
    if (!runOpenssl(sign)) {
        return TestCertificate();
    }
    return loaded(certificatePath, keyPath);
}

bool TestCertificateFactory::runOpenssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_directory);
    process.start(QStringLiteral("openssl"), arguments);
    const bool finished = process.waitForFinished(kOpensslTimeoutMs);
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0) {
        return true;
    }
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    m_errorString
        = QStringLiteral("openssl %1 failed: %2")
              .arg(arguments.join(' '), QString::fromLocal8Bit(process.readAllStandardError()));
    return false;
}

TestCertificate TestCertificateFactory::loaded(const QString &certificatePath,
                                               const QString &keyPath)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
    if (certificates.isEmpty()) {
        m_errorString = certificatePath + " holds no PEM certificate";
        return TestCertificate();
    }
    return {certificatePath, keyPath, certificates.constFirst()};
}

// `openssl ca` needs a configuration, an index file and a serial number file of its own.
QString TestCertificateFactory::writeCaConfig(const QString &name)
{
    const QDir dir(m_directory);
    const QString index = dir.filePath(name + "-index.txt");
    const QString serial = dir.filePath(name + "-serial");
    const QString config = dir.filePath(name + "-ca.cnf");
    QFile indexFile(index);
    QFile serialFile(serial);
    QFile configFile(config);
    if (!indexFile.open(QIODevice::WriteOnly) || !serialFile.open(QIODevice::WriteOnly)
        || !configFile.open(QIODevice::WriteOnly)) {
        m_errorString = "cannot write the openssl ca files in " + m_directory;
        return {};
    }
    serialFile.write("01\n");
    configFile.write(QStringLiteral("[ca]\n"
                                    "default_ca = test\n"
                                    "[test]\n"
                                    "database = %1\n"
                                    "serial = %2\n"
                                    "new_certs_dir = %3\n"
                                    "default_md = sha256\n"
                                    "policy = any_subject\n"
                                    "copy_extensions = copy\n"
                                    "[any_subject]\n"
                                    "commonName = supplied\n")
                         .arg(index, serial, m_directory)
                         .toUtf8());
    return config;
}
