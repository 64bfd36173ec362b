#include "serverurl.h"

#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestServerUrl : public QObject
{
    Q_OBJECT

private slots:
    void validInput_data();
    void validInput();
    void invalidInput_data();
    void invalidInput();
    void apiAndWebSocketUrls();
};

void TestServerUrl::validInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no scheme") << "192.168.1.20:8765"
                               << "http://192.168.1.20:8765";
    QTest::newRow("http") << "http://127.0.0.1:8765"
                          << "http://127.0.0.1:8765";
    QTest::newRow("https no port") << "https://chat.example.org"
                                   << "https://chat.example.org";
    QTest::newRow("trailing slash and path") << "http://127.0.0.1:8765/ws?x=1#y"
                                             << "http://127.0.0.1:8765";
    QTest::newRow("ws maps to http") << "ws://127.0.0.1:8765/ws"
                                     << "http://127.0.0.1:8765";
    QTest::newRow("wss maps to https") << "wss://chat.example.org"
                                       << "https://chat.example.org";
    QTest::newRow("spaces") << "  http://localhost:1  "
                            << "http://localhost:1";
    QTest::newRow("credentials dropped") << "http://user:pw@127.0.0.1:8765"
                                         << "http://127.0.0.1:8765";
    QTest::newRow("ipv6") << "http://[::1]:8765"
                          << "http://[::1]:8765";
}

void TestServerUrl::validInput()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const ServerUrl result = parseServerUrl(input);
    QVERIFY2(result.isValid(), qPrintable(result.errorString));
    QCOMPARE(result.url.toString(), expected);
}

void TestServerUrl::invalidInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("status");
    QTest::newRow("empty") << "" << int(ServerUrl::Status::Empty);
    QTest::newRow("blank") << "   " << int(ServerUrl::Status::Empty);
    QTest::newRow("ftp") << "ftp://127.0.0.1" << int(ServerUrl::Status::UnsupportedScheme);
    QTest::newRow("file") << "file:///etc/passwd" << int(ServerUrl::Status::UnsupportedScheme);
    QTest::newRow("javascript") << "javascript:alert(1)" << int(ServerUrl::Status::Invalid);
    QTest::newRow("no host") << "http://" << int(ServerUrl::Status::MissingHost);
    QTest::newRow("bad port") << "http://127.0.0.1:99999" << int(ServerUrl::Status::Invalid);
}

void TestServerUrl::invalidInput()
{
    QFETCH(QString, input);
    QFETCH(int, status);
    const ServerUrl result = parseServerUrl(input);
    QVERIFY(!result.isValid());
    QCOMPARE(int(result.status), status);
    QVERIFY(!result.errorString.isEmpty());
}

void TestServerUrl::apiAndWebSocketUrls()
{
    const QUrl plain(QStringLiteral("http://127.0.0.1:8765"));
    QCOMPARE(apiUrl(plain, "/api/login").toString(),
             QStringLiteral("http://127.0.0.1:8765/api/login"));
    QCOMPARE(webSocketUrl(plain).toString(), QStringLiteral("ws://127.0.0.1:8765/ws"));
    const QUrl secure(QStringLiteral("https://chat.example.org"));
    QCOMPARE(webSocketUrl(secure).toString(), QStringLiteral("wss://chat.example.org/ws"));
}

QTEST_GUILESS_MAIN(TestServerUrl)
#include "tst_serverurl.moc"
