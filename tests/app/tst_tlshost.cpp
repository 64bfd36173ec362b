#include "certificateprompt.h"
#include "certificatetruststore.h"
#include "chatclient.h"
#include "hostcontroller.h"
#include "hostfixture.h"
#include "loginform.h"
#include "mainwindow.h"
#include "windowcontroller.h"

#include <QLabel>
#include <QLineEdit>
#include <QCryptographicHash>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestTlsHost : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void hostModeTrustsOwnCertificate();
    void unknownCertificateNeedsDecision();
    void joinModeAsksBeforeTrusting();
    void joinModeCancelShowsError();

private:
    HostConfig tlsConfig() const;

    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_certificatePath;
    QString m_keyPath;
};

void TestTlsHost::initTestCase()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("openssl is not installed, so no test certificate can be made");
    }
    QVERIFY(m_dir.isValid());
    // Pins go to a temporary settings folder, never to the user's own file.
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_certificatePath = m_dir.filePath("cert.pem");
    m_keyPath = m_dir.filePath("key.pem");
    QProcess process;
    process.start(openssl,
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", m_keyPath, "-out",
                   m_certificatePath});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
}

HostConfig TestTlsHost::tlsConfig() const
{
    HostConfig config = HostFixture::testConfig(m_dir);
    config.tlsCertificatePath = m_certificatePath;
    config.tlsKeyPath = m_keyPath;
    return config;
}

void TestTlsHost::hostModeTrustsOwnCertificate()
{
    WindowController host(tlsConfig());
    MainWindow &window = *host.window();
    window.show();
    host.startHosting();
    QTRY_VERIFY_WITH_TIMEOUT(window.loginForm()->isEnabled(), 10000);
    QCOMPARE(host.hostController()->localUrl().scheme(), QStringLiteral("https"));

    QTest::keyClicks(window.findChild<QLineEdit *>("usernameEdit"), "hostuser");
    QTest::keyClicks(window.findChild<QLineEdit *>("passwordEdit"), "correct horse");
    QSignalSpy welcome(host.client(), &ChatClient::welcome);
    QTest::mouseClick(window.findChild<QPushButton *>("registerButton"), Qt::LeftButton);
    QVERIFY2(welcome.wait(10000), qPrintable(window.findChild<QLabel *>("statusLabel")->text()));
    QVERIFY(window.isChatViewShown());
}

void TestTlsHost::unknownCertificateNeedsDecision()
{
    HostController controller(tlsConfig());
    QSignalSpy started(&controller, &HostController::started);
    controller.start();
    QVERIFY(started.wait(10000));

    // A client other than the host's own window has no pin for the certificate.
    ChatClient stranger;
    QSignalSpy asked(&stranger, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&stranger, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&stranger, &ChatClient::loggedIn);
    stranger.registerAccount(controller.localUrl(), "mallory", "correct horse");
    QVERIFY(asked.wait(10000));
    QCOMPARE(failed.count(), 0);
    stranger.rejectPendingCertificate();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY2(failed.at(0).at(0).toString().contains("did not trust"),
             qPrintable(failed.at(0).at(0).toString()));
}

void TestTlsHost::joinModeAsksBeforeTrusting()
{
    HostController controller(tlsConfig());
    QSignalSpy started(&controller, &HostController::started);
    controller.start();
    QVERIFY(started.wait(10000));
    const QUrl url = controller.localUrl();
    const QString hostKey = CertificateTrustStore::hostKey(url);

    WindowController guest(HostFixture::testConfig(m_dir));
    MainWindow &window = *guest.window();
    window.show();
    guest.enterJoinMode(url);
    QTest::keyClicks(window.findChild<QLineEdit *>("usernameEdit"), "guest");
    QTest::keyClicks(window.findChild<QLineEdit *>("passwordEdit"), "correct horse");
    QTest::mouseClick(window.findChild<QPushButton *>("registerButton"), Qt::LeftButton);

    // The prompt opens without a nested event loop, so this wait keeps running.
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<CertificatePrompt *>(), 10000);
    auto prompt = window.findChild<CertificatePrompt *>();
    QTRY_VERIFY(prompt->isVisible());
    QVERIFY(!window.isChatViewShown());
    const QSslCertificate certificate = QSslCertificate::fromPath(m_certificatePath).value(0);
    const QString fingerprint = QString::fromLatin1(
        certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QCOMPARE(prompt->findChild<QLabel *>("fingerprintLabel")->text(), fingerprint);
    QCOMPARE(prompt->findChild<QLabel *>("hostLabel")->text(), hostKey);
    QVERIFY(!CertificateTrustStore().pinnedFingerprint(hostKey));

    QSignalSpy welcome(guest.client(), &ChatClient::welcome);
    QTest::mouseClick(prompt->findChild<QPushButton *>("trustButton"), Qt::LeftButton);
    QVERIFY2(welcome.wait(10000), qPrintable(window.findChild<QLabel *>("statusLabel")->text()));
    QVERIFY(window.isChatViewShown());
    QCOMPARE(CertificateTrustStore().pinnedFingerprint(hostKey), fingerprint);
    QTRY_VERIFY(!window.findChild<CertificatePrompt *>());
}

void TestTlsHost::joinModeCancelShowsError()
{
    HostController controller(tlsConfig());
    QSignalSpy started(&controller, &HostController::started);
    controller.start();
    QVERIFY(started.wait(10000));
    const QString hostKey = CertificateTrustStore::hostKey(controller.localUrl());

    WindowController guest(HostFixture::testConfig(m_dir));
    MainWindow &window = *guest.window();
    window.show();
    guest.enterJoinMode(controller.localUrl());
    QTest::keyClicks(window.findChild<QLineEdit *>("usernameEdit"), "wary");
    QTest::keyClicks(window.findChild<QLineEdit *>("passwordEdit"), "correct horse");
    auto registerButton = window.findChild<QPushButton *>("registerButton");
    QTest::mouseClick(registerButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<CertificatePrompt *>(), 10000);
    auto prompt = window.findChild<CertificatePrompt *>();

    QSignalSpy failed(guest.client(), &ChatClient::loginFailed);
    QTest::mouseClick(prompt->findChild<QPushButton *>("cancelButton"), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    const QString status = window.findChild<QLabel *>("statusLabel")->text();
    QVERIFY2(status.contains("did not trust the certificate of " + hostKey), qPrintable(status));
    QVERIFY(registerButton->isEnabled());
    QVERIFY(!window.isChatViewShown());
    QVERIFY(!CertificateTrustStore().pinnedFingerprint(hostKey));
    QTRY_VERIFY(!window.findChild<CertificatePrompt *>());
}

QTEST_MAIN(TestTlsHost)
#include "tst_tlshost.moc"
