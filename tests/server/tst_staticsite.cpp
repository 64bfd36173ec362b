#include "rawconnection.h"
#include "testclients.h"
#include "testhost.h"

#include <QTest>

// The browser page as served by the real host: its files, its security headers, and paths
// that try to leave the compiled-in resource root.
class tst_StaticSite : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pageServed_data();
    void pageServed();
    void securityHeaders();
    void traversalRejected_data();
    void traversalRejected();
    void headHasNoBody();
    void plainRequestToWebSocketPath();

private:
    // Sends one raw request line for `target` and returns the whole response.
    QByteArray rawGet(const QByteArray &method, const QByteArray &target);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
};

void tst_StaticSite::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
}

void tst_StaticSite::cleanup()
{
    m_host.reset();
}

QByteArray tst_StaticSite::rawGet(const QByteArray &method, const QByteArray &target)
{
    RawConnection raw;
    if (!raw.connectTo(m_host->port())) {
        return {};
    }
    raw.write(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    // QHttpServer 6.4 keeps the connection open, so the response ends where its Content-Length puts it.
    const auto complete = [&raw, &method] {
        const QByteArray received = raw.received();
        const qsizetype headEnd = received.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        const qsizetype lengthAt = received.toLower().indexOf("content-length:");
        const qint64 length = lengthAt < 0 || lengthAt > headEnd
            ? 0
            : received.mid(lengthAt + 15, received.indexOf("\r\n", lengthAt) - lengthAt - 15)
                  .trimmed()
                  .toLongLong();
        return method == "HEAD" || received.size() >= headEnd + 4 + length;
    };
    QTest::qWaitFor(complete, 5000);
    return raw.received();
}

void tst_StaticSite::pageServed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bodyPart");

    QTest::newRow("root") << "/" << QByteArray("text/html; charset=utf-8") << QByteArray("<html");
    QTest::newRow("index") << "/index.html" << QByteArray("text/html; charset=utf-8")
                           << QByteArray("<html");
    QTest::newRow("script") << "/app.js" << QByteArray("text/javascript; charset=utf-8")
                            << QByteArray("import");
    QTest::newRow("style") << "/style.css" << QByteArray("text/css; charset=utf-8")
                           << QByteArray("{");
}

void tst_StaticSite::pageServed()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bodyPart);

    const HttpResult result = m_http.get(m_host->url(path));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.header("Content-Type"), contentType);
    QVERIFY(result.body.contains(bodyPart));
}

void tst_StaticSite::securityHeaders()
{
    const HttpResult page = m_http.get(m_host->url("/"));
    const QByteArray policy = page.header("Content-Security-Policy");
    QVERIFY(policy.contains("default-src 'none'"));
    QVERIFY(policy.contains("script-src 'self'"));
    QVERIFY(policy.contains("style-src 'self'"));
    QVERIFY(policy.contains("frame-ancestors 'none'"));
    QVERIFY(!policy.contains("unsafe-inline"));
    QVERIFY(!policy.contains("unsafe-eval"));
    QCOMPARE(page.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(page.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(page.header("X-Frame-Options"), QByteArray("DENY"));

    const HttpResult api = m_http.get(m_host->url("/api/me"));
    QCOMPARE(api.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(api.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(api.header("Cache-Control"), QByteArray("no-store"));
}

void tst_StaticSite::traversalRejected_data()
{
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("dot segments") << QByteArray("/../../../../etc/passwd");
    QTest::newRow("encoded dots") << QByteArray("/%2e%2e/%2e%2e/etc/passwd");
    QTest::newRow("upper-case encoded dots") << QByteArray("/%2E%2E/%2E%2E/etc/passwd");
    QTest::newRow("encoded slash") << QByteArray("/..%2f..%2fetc%2fpasswd");
    QTest::newRow("backslashes") << QByteArray("/..\\..\\etc\\passwd");
    QTest::newRow("double slash") << QByteArray("//etc/passwd");
    QTest::newRow("resource path") << QByteArray("/:/web/index.html");
    QTest::newRow("nul byte") << QByteArray("/index.html%00.js");
    QTest::newRow("source file") << QByteArray("/../server/hostserver.cpp");
    QTest::newRow("unknown page") << QByteArray("/no-such-page");
}

void tst_StaticSite::traversalRejected()
{
    QFETCH(QByteArray, target);

    const QByteArray response = rawGet("GET", target);
    QVERIFY2(response.startsWith("HTTP/1.1 404") || response.startsWith("HTTP/1.1 400"),
             response.left(200).constData());
    QVERIFY(!response.contains("root:"));
    QVERIFY(!response.contains("HostServer"));
    if (response.startsWith("HTTP/1.1 404")) {
        QVERIFY(response.contains("Not found"));
        QVERIFY(response.contains("Content-Security-Policy: default-src 'none'"));
    }
}

void tst_StaticSite::headHasNoBody()
{
    const QByteArray response = rawGet("HEAD", "/");
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.left(200).constData());
    QVERIFY(response.endsWith("\r\n\r\n"));
}

void tst_StaticSite::plainRequestToWebSocketPath()
{
    const HttpResult result = m_http.get(m_host->url("/ws"));
    QCOMPARE(result.status, 426);
    QVERIFY(result.json().value("error").toString().contains("WebSocket"));
}

QTEST_GUILESS_MAIN(tst_StaticSite)
#include "tst_staticsite.moc"
