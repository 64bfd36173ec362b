#include "chatclient.h"
#include "hostcontroller.h"
#include "hostfixture.h"
#include "loginform.h"
#include "mainwindow.h"
#include "windowcontroller.h"

#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
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
    void unknownCertificateRejected();

private:
    HostConfig tlsConfig() const;

    QTemporaryDir m_dir;
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

void TestTlsHost::unknownCertificateRejected()
{
    HostController controller(tlsConfig());
    QSignalSpy started(&controller, &HostController::started);
    controller.start();
    QVERIFY(started.wait(10000));

    ChatClient stranger;
    QSignalSpy failed(&stranger, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&stranger, &ChatClient::loggedIn);
    stranger.registerAccount(controller.localUrl(), "mallory", "correct horse");
    QVERIFY(failed.wait(10000));
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY2(failed.at(0).at(0).toString().contains("Secure connection"),
             qPrintable(failed.at(0).at(0).toString()));
}

QTEST_MAIN(TestTlsHost)
#include "tst_tlshost.moc"
