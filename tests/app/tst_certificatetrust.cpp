#include "certificatecheck.h"
#include "certificatetruststore.h"
#include "testcertificates.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace confab::desktop;

using Status = CertificateCheck::Status;

// CertificateTrustStore on an INI file in a temporary folder, and checkCertificate() on
// certificates made by openssl, with the errors Qt would report built by hand.
class TestCertificateTrust : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void hostKeyFormats_data();
    void hostKeyFormats();
    void fingerprintIsColonHex();
    void pinLookupForget();
    void pinsArePerPort();
    void pinsSharedThroughFile();
    void defaultStoreFollowsSetPath();
    void unwritableFileFailsPin();

    void checkVerdicts_data();
    void checkVerdicts();
    void changedWinsOverInvalid();
    void changedMessageNamesBoth();
    void nullCertificateInvalid();

private:
    QTemporaryDir m_dir;
    TestCertificate m_ipCertificate; // CN "Confab test", SAN IP:127.0.0.1
    TestCertificate m_commonNameIp; // CN 127.0.0.1 without SAN
    TestCertificate m_dnsCertificate; // CN and SAN chat.example.org
    TestCertificate m_otherIpCertificate; // SAN IP:127.0.0.1, another key
};

void TestCertificateTrust::initTestCase()
{
    if (!TestCertificateFactory::isOpensslAvailable()) {
        QSKIP("openssl is not installed, so no test certificate can be made");
    }
    QVERIFY(m_dir.isValid());
    TestCertificateFactory factory(m_dir.path());
    m_ipCertificate = factory.selfSigned("ip", "/CN=Confab test", "IP:127.0.0.1");
    QVERIFY2(m_ipCertificate.isValid(), qPrintable(factory.errorString()));
    m_commonNameIp = factory.selfSigned("cn-ip", "/CN=127.0.0.1");
    QVERIFY2(m_commonNameIp.isValid(), qPrintable(factory.errorString()));
    m_dnsCertificate = factory.selfSigned("dns", "/CN=chat.example.org", "DNS:chat.example.org");
    QVERIFY2(m_dnsCertificate.isValid(), qPrintable(factory.errorString()));
    m_otherIpCertificate = factory.selfSigned("other", "/CN=Confab test", "IP:127.0.0.1");
    QVERIFY2(m_otherIpCertificate.isValid(), qPrintable(factory.errorString()));
}

void TestCertificateTrust::hostKeyFormats_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("hostKey");
    QTest::newRow("ip with port") << "https://127.0.0.1:8765/api/login"
                                  << "127.0.0.1:8765";
    QTest::newRow("https default") << "https://chat.example.org"
                                   << "chat.example.org:443";
    QTest::newRow("wss default") << "wss://chat.example.org/ws"
                                 << "chat.example.org:443";
    QTest::newRow("upper-case name") << "https://Chat.Example.ORG:9000"
                                     << "chat.example.org:9000";
    QTest::newRow("ipv6") << "https://[::1]:8765"
                          << "[::1]:8765";
}

void TestCertificateTrust::hostKeyFormats()
{
    QFETCH(QString, url);
    QFETCH(QString, hostKey);
    QCOMPARE(CertificateTrustStore::hostKey(QUrl(url)), hostKey);
}

void TestCertificateTrust::fingerprintIsColonHex()
{
    const QSslCertificate &certificate = m_ipCertificate.certificate;
    const QString fingerprint = CertificateTrustStore::fingerprint(certificate);
    static const QRegularExpression format(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"));
    QVERIFY2(format.match(fingerprint).hasMatch(), qPrintable(fingerprint));
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256);
    QCOMPARE(QByteArray::fromHex(fingerprint.toLatin1().replace(':', "")), digest);
}

void TestCertificateTrust::pinLookupForget()
{
    CertificateTrustStore store(m_dir.filePath("pin.ini"));
    const QString key = QStringLiteral("127.0.0.1:8765");
    QVERIFY(!store.pinnedFingerprint(key));
    QVERIFY(store.pin(key, m_ipCertificate.certificate));
    QCOMPARE(store.pinnedFingerprint(key),
             CertificateTrustStore::fingerprint(m_ipCertificate.certificate));
    QVERIFY(store.forget(key));
    QVERIFY(!store.pinnedFingerprint(key));
    QVERIFY(!store.forget(key));
}

void TestCertificateTrust::pinsArePerPort()
{
    CertificateTrustStore store(m_dir.filePath("ports.ini"));
    QVERIFY(store.pin("127.0.0.1:8765", m_ipCertificate.certificate));
    QVERIFY(!store.pinnedFingerprint("127.0.0.1:8766"));
    QVERIFY(!store.pinnedFingerprint("127.0.0.2:8765"));
    QVERIFY(store.pin("127.0.0.1:8766", m_otherIpCertificate.certificate));
    QCOMPARE(store.pinnedFingerprint("127.0.0.1:8765"),
             CertificateTrustStore::fingerprint(m_ipCertificate.certificate));
    QCOMPARE(store.pinnedFingerprint("127.0.0.1:8766"),
             CertificateTrustStore::fingerprint(m_otherIpCertificate.certificate));
}

void TestCertificateTrust::pinsSharedThroughFile()
{
    const QString path = m_dir.filePath("shared.ini");
    CertificateTrustStore writer(path);
    const CertificateTrustStore reader(path);
    QVERIFY(writer.pin("[::1]:443", m_ipCertificate.certificate));
    QCOMPARE(reader.pinnedFingerprint("[::1]:443"),
             CertificateTrustStore::fingerprint(m_ipCertificate.certificate));

    QSettings file(path, QSettings::IniFormat);
    QCOMPARE(file.childGroups(), QStringList {"trustedCertificates"});
    file.beginGroup("trustedCertificates");
    QCOMPARE(file.value("[::1]:443").toString(),
             CertificateTrustStore::fingerprint(m_ipCertificate.certificate));
}

void TestCertificateTrust::defaultStoreFollowsSetPath()
{
    QTemporaryDir settingsDir;
    QVERIFY(settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    CertificateTrustStore store;
    QVERIFY2(store.fileName().startsWith(settingsDir.path()), qPrintable(store.fileName()));
    QVERIFY(store.fileName().endsWith("confab/confab.conf"));
    QVERIFY(store.pin("127.0.0.1:1", m_ipCertificate.certificate));
    QVERIFY(QFile::exists(store.fileName()));
    QSettings native(QSettings::UserScope, "confab", "confab");
    QCOMPARE(native.value("trustedCertificates/127.0.0.1:1").toString(),
             CertificateTrustStore::fingerprint(m_ipCertificate.certificate));
}

void TestCertificateTrust::unwritableFileFailsPin()
{
    // A regular file where the settings folder should be: no user, root included, can write
    // below it, whereas a read-only permission bit would not stop root.
    const QString blocker = m_dir.filePath("blocker");
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    CertificateTrustStore store(blocker + "/confab.ini");
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("cannot store the trusted certificate of"));
    QVERIFY(!store.pin("127.0.0.1:1", m_ipCertificate.certificate));
}

void TestCertificateTrust::checkVerdicts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("certificateName");
    QTest::addColumn<QList<int>>("errors");
    QTest::addColumn<QString>("pin"); // certificate name whose fingerprint is pinned, or empty
    QTest::addColumn<int>("status");

    const int selfSigned = QSslError::SelfSignedCertificate;
    const int hostName = QSslError::HostNameMismatch;
    const QString ip = QStringLiteral("https://127.0.0.1:8765");
    QTest::newRow("self-signed, no pin")
        << ip << "ip" << QList<int> {selfSigned} << "" << int(Status::Unknown);
    QTest::newRow("self-signed, pinned")
        << ip << "ip" << QList<int> {selfSigned} << "ip" << int(Status::Pinned);
    QTest::newRow("another cert pinned")
        << ip << "ip" << QList<int> {selfSigned} << "other" << int(Status::Changed);
    QTest::newRow("private root in chain")
        << ip << "ip" << QList<int> {QSslError::SelfSignedCertificateInChain} << ""
        << int(Status::Unknown);
    QTest::newRow("unknown issuer") << ip << "ip"
                                    << QList<int> {QSslError::UnableToGetLocalIssuerCertificate,
                                                   QSslError::UnableToVerifyFirstCertificate}
                                    << "" << int(Status::Unknown);
    QTest::newRow("ip in SAN, name error")
        << ip << "ip" << QList<int> {selfSigned, hostName} << "" << int(Status::Unknown);
    QTest::newRow("ip as CN, name error")
        << ip << "cn-ip" << QList<int> {selfSigned, hostName} << "" << int(Status::Unknown);
    QTest::newRow("other ip, name error")
        << "https://127.0.0.2:8765"
        << "ip" << QList<int> {selfSigned, hostName} << "" << int(Status::Invalid);
    QTest::newRow("dns name mismatch")
        << ip << "dns" << QList<int> {selfSigned, hostName} << "" << int(Status::Invalid);
    QTest::newRow("dns name mismatch, pinned")
        << ip << "dns" << QList<int> {selfSigned, hostName} << "dns" << int(Status::Invalid);
    QTest::newRow("name for ip cert")
        << "https://chat.example.org"
        << "ip" << QList<int> {selfSigned, hostName} << "" << int(Status::Invalid);
    QTest::newRow("expired") << ip << "ip" << QList<int> {selfSigned, QSslError::CertificateExpired}
                             << "" << int(Status::Invalid);
    QTest::newRow("expired, pinned")
        << ip << "ip" << QList<int> {selfSigned, QSslError::CertificateExpired} << "ip"
        << int(Status::Invalid);
    QTest::newRow("not yet valid") << ip << "ip" << QList<int> {QSslError::CertificateNotYetValid}
                                   << "" << int(Status::Invalid);
    QTest::newRow("revoked") << ip << "ip" << QList<int> {QSslError::CertificateRevoked} << ""
                             << int(Status::Invalid);
    QTest::newRow("bad signature")
        << ip << "ip" << QList<int> {QSslError::CertificateSignatureFailed} << ""
        << int(Status::Invalid);
    QTest::newRow("untrusted purpose")
        << ip << "ip" << QList<int> {QSslError::CertificateUntrusted} << "" << int(Status::Invalid);
    QTest::newRow("no errors") << ip << "ip" << QList<int> {} << "ip" << int(Status::Invalid);
}

void TestCertificateTrust::checkVerdicts()
{
    QFETCH(QString, url);
    QFETCH(QString, certificateName);
    QFETCH(QList<int>, errors);
    QFETCH(QString, pin);
    QFETCH(int, status);

    const QHash<QString, QSslCertificate> certificates {
        {"ip", m_ipCertificate.certificate},
        {"cn-ip", m_commonNameIp.certificate},
        {"dns", m_dnsCertificate.certificate},
        {"other", m_otherIpCertificate.certificate},
    };
    const QSslCertificate peer = certificates.value(certificateName);
    QList<QSslError> sslErrors;
    for (int error : errors) {
        sslErrors.append(QSslError(QSslError::SslError(error), peer));
    }
    const std::optional<QString> pinned = pin.isEmpty()
        ? std::nullopt
        : std::optional<QString>(CertificateTrustStore::fingerprint(certificates.value(pin)));

    const CertificateCheck check = checkCertificate(QUrl(url), peer, sslErrors, pinned);
    QCOMPARE(int(check.status), status);
    QCOMPARE(check.fingerprint, CertificateTrustStore::fingerprint(peer));
    QCOMPARE(check.hostKey, CertificateTrustStore::hostKey(QUrl(url)));
    QCOMPARE(check.fatalErrors.isEmpty(), status != int(Status::Invalid));
    QCOMPARE(check.message().isEmpty(), status == int(Status::Pinned));
}

void TestCertificateTrust::changedWinsOverInvalid()
{
    const QSslCertificate peer = m_otherIpCertificate.certificate;
    const QList<QSslError> errors {QSslError(QSslError::SelfSignedCertificate, peer),
                                   QSslError(QSslError::CertificateExpired, peer)};
    const CertificateCheck check
        = checkCertificate(QUrl("https://127.0.0.1:8765"), peer, errors,
                           CertificateTrustStore::fingerprint(m_ipCertificate.certificate));
    QCOMPARE(check.status, Status::Changed);
}

void TestCertificateTrust::changedMessageNamesBoth()
{
    const QSslCertificate peer = m_otherIpCertificate.certificate;
    const QString pinned = CertificateTrustStore::fingerprint(m_ipCertificate.certificate);
    const CertificateCheck check
        = checkCertificate(QUrl("https://127.0.0.1:8765"), peer,
                           {QSslError(QSslError::SelfSignedCertificate, peer)}, pinned);
    QCOMPARE(check.status, Status::Changed);
    QCOMPARE(check.pinnedFingerprint, pinned);
    const QString message = check.message();
    QVERIFY2(message.contains("The certificate of 127.0.0.1:8765 has changed since you trusted "
                              "it"),
             qPrintable(message));
    QVERIFY2(message.contains("was " + pinned), qPrintable(message));
    QVERIFY2(message.contains("is now " + CertificateTrustStore::fingerprint(peer)),
             qPrintable(message));
    QVERIFY2(message.contains("This may be an attack"), qPrintable(message));
    QVERIFY2(message.contains("confab forget-certificate 127.0.0.1:8765"), qPrintable(message));
}

void TestCertificateTrust::nullCertificateInvalid()
{
    const CertificateCheck check
        = checkCertificate(QUrl("https://127.0.0.1:8765"), QSslCertificate(),
                           {QSslError(QSslError::SelfSignedCertificate)}, std::nullopt);
    QCOMPARE(check.status, Status::Invalid);
    QVERIFY(!check.fatalErrors.isEmpty());
    QCOMPARE(check.fatalErrors.first().error(), QSslError::NoPeerCertificate);
}

QTEST_GUILESS_MAIN(TestCertificateTrust)
#include "tst_certificatetrust.moc"
