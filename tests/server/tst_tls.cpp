#include "testclients.h"
#include "testhost.h"

#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

// https and wss on one port with a certificate generated for the run by openssl.
class tst_Tls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void httpsSetsSecureCookie();
    void wssAuthenticatesWithCookie();
    void plainHttpRejected();
    void untrustedCertificateRejected();
    void missingKeyFileFailsStart();

private:
    QSslConfiguration trusting() const;

    QTemporaryDir m_dir;
    QString m_certificatePath;
    QString m_keyPath;
    std::unique_ptr<TestHost> m_host;
};

void tst_Tls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certificatePath = m_dir.filePath("cert.pem");
    m_keyPath = m_dir.filePath("key.pem");
    QProcess openssl;
    openssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                              "-keyout", m_keyPath, "-out", m_certificatePath});
    QVERIFY2(openssl.waitForFinished(60000), "openssl did not finish");
    QCOMPARE(openssl.exitCode(), 0);
}

void tst_Tls::init()
{
    confab::HostConfig config;
    config.tlsCertificatePath = m_certificatePath;
    config.tlsKeyPath = m_keyPath;
    m_host = std::make_unique<TestHost>(config);
    QVERIFY(m_host->start());
}

void tst_Tls::cleanup()
{
    m_host.reset();
}

QSslConfiguration tst_Tls::trusting() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_certificatePath);
    return configuration;
}

void tst_Tls::httpsSetsSecureCookie()
{
    HttpClient http;
    http.setSslConfiguration(trusting());
    QCOMPARE(m_host->url().scheme(), QStringLiteral("https"));
    const HttpResult result = http.postJson(m_host->url("/api/register"),
                                            {{"username", "alice"}, {"password", "password1"}});
    QCOMPARE(result.status, 201);
    QCOMPARE(result.setCookies.size(), 1);
    QVERIFY(result.setCookies.first().contains("; Secure"));
    QCOMPARE(http.get(m_host->url("/api/me"), result.sessionCookie()).status, 200);
}

void tst_Tls::wssAuthenticatesWithCookie()
{
    HttpClient http;
    http.setSslConfiguration(trusting());
    const QByteArray cookie = http.registerUser(m_host->url(), "alice", "password1");
    QVERIFY(!cookie.isEmpty());

    WsClient ws;
    ws.socket().setSslConfiguration(trusting());
    QVERIFY2(ws.openAndWait(m_host->wsUrl(), cookie), qPrintable(ws.lastError()));
    QVERIFY(ws.waitForFrame("welcome"));
    QCOMPARE(ws.frames().first().value("username").toString(), QStringLiteral("alice"));

    WsClient anonymous;
    anonymous.socket().setSslConfiguration(trusting());
    QVERIFY(!anonymous.openAndWait(m_host->wsUrl(), {}));
    QVERIFY(anonymous.lastError().contains("401"));
}

void tst_Tls::plainHttpRejected()
{
    HttpClient http;
    QUrl plain = m_host->url("/api/me");
    plain.setScheme("http");
    QCOMPARE(http.get(plain).status, 0);
    // The host is still serving TLS clients afterwards.
    HttpClient trusted;
    trusted.setSslConfiguration(trusting());
    QCOMPARE(trusted.get(m_host->url("/api/me")).status, 401);
}

void tst_Tls::untrustedCertificateRejected()
{
    HttpClient http; // trusts only the system store, which lacks the test certificate
    QCOMPARE(http.get(m_host->url("/api/me")).status, 0);
}

void tst_Tls::missingKeyFileFailsStart()
{
    confab::HostConfig config;
    config.tlsCertificatePath = m_certificatePath;
    config.tlsKeyPath = m_dir.filePath("missing.pem");
    TestHost host(config);
    QVERIFY(!host.start());
    QVERIFY(host.server()->errorString().contains("missing.pem"));
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
