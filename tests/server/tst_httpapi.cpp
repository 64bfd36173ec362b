#include "rawconnection.h"
#include "testclients.h"
#include "testhost.h"

#include <QTest>

// The JSON API over real HTTP against a real host: accounts, sessions, cookies and errors.
class tst_HttpApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void registerLogsIn();
    void registerRejectsBadInput_data();
    void registerRejectsBadInput();
    void registerRejectsTakenNameIgnoringCase();
    void loginWithForm();
    void loginFailuresLookAlike();
    void loginIssuesFreshSession();
    void logoutEndsSession();
    void meWithoutSession();
    void forgedCookieRejected();
    void cookieAttributes();
    void usersAndMessagesNeedSession();
    void messagesRejectsBadQuery_data();
    void messagesRejectsBadQuery();
    void unknownPathAndMethod();
    void unsupportedContentType();
    void hostHeaderChecked_data();
    void hostHeaderChecked();

private:
    QUrl api(const QString &path) const { return m_host->url(QStringLiteral("/api/") + path); }

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
};

void tst_HttpApi::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
}

void tst_HttpApi::cleanup()
{
    m_host.reset();
}

void tst_HttpApi::registerLogsIn()
{
    const HttpResult registered =
        m_http.postJson(api("register"), {{"username", "Alice"}, {"password", "correct horse"}});
    QCOMPARE(registered.status, 201);
    QCOMPARE(registered.json().value("username").toString(), QStringLiteral("Alice"));
    const QByteArray cookie = registered.sessionCookie();
    QVERIFY(!cookie.isEmpty());

    const HttpResult me = m_http.get(api("me"), cookie);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value("username").toString(), QStringLiteral("Alice"));
}

void tst_HttpApi::registerRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("not json") << QByteArray("{username") << "JSON";
    QTest::newRow("json array") << QByteArray("[]") << "JSON";
    QTest::newRow("missing password") << QByteArray(R"({"username":"bob"})") << "strings";
    QTest::newRow("number name") << QByteArray(R"({"username":5,"password":"12345678"})")
                                 << "strings";
    QTest::newRow("empty name") << QByteArray(R"({"username":"","password":"12345678"})")
                                << "username";
    QTest::newRow("33 chars") << (R"({"username":")" + QByteArray(33, 'a')
                                  + R"(","password":"12345678"})")
                              << "username";
    QTest::newRow("space in name") << QByteArray(R"({"username":"a b","password":"12345678"})")
                                   << "username";
    QTest::newRow("html in name")
        << QByteArray(R"({"username":"<b>x</b>","password":"12345678"})") << "username";
    QTest::newRow("non-ascii name")
        << QByteArray(R"({"username":"\u00e9mile","password":"12345678"})") << "username";
    QTest::newRow("sql in name")
        << QByteArray(R"({"username":"a'; DROP TABLE users;--","password":"12345678"})")
        << "username";
    QTest::newRow("short password") << QByteArray(R"({"username":"bob","password":"1234567"})")
                                    << "password";
    QTest::newRow("1025 byte password") << (R"({"username":"bob","password":")"
                                            + QByteArray(1025, 'p') + R"("})")
                                        << "password";
}

void tst_HttpApi::registerRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorPart);

    const HttpResult result = m_http.post(api("register"), body, "application/json");
    QCOMPARE(result.status, 400);
    QVERIFY2(result.json().value("error").toString().contains(errorPart),
             result.body.constData());
    QVERIFY(result.sessionCookie().isEmpty());
}

void tst_HttpApi::registerRejectsTakenNameIgnoringCase()
{
    QVERIFY(!m_http.registerUser(m_host->url(), "alice", "password1").isEmpty());
    const HttpResult again =
        m_http.postJson(api("register"), {{"username", "ALICE"}, {"password", "password2"}});
    QCOMPARE(again.status, 409);
    QVERIFY(again.sessionCookie().isEmpty());
    // The first account keeps its password.
    QVERIFY(!m_http.login(m_host->url(), "alice", "password1").isEmpty());
    QVERIFY(m_http.login(m_host->url(), "alice", "password2").isEmpty());
}

void tst_HttpApi::loginWithForm()
{
    QVERIFY(!m_http.registerUser(m_host->url(), "bob", "pass word+1").isEmpty());
    const HttpResult result = m_http.post(api("login"), "username=bob&password=pass+word%2B1",
                                          "application/x-www-form-urlencoded");
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("username").toString(), QStringLiteral("bob"));
    QVERIFY(!result.sessionCookie().isEmpty());
}

void tst_HttpApi::loginFailuresLookAlike()
{
    QVERIFY(!m_http.registerUser(m_host->url(), "alice", "password1").isEmpty());
    const HttpResult wrongPassword =
        m_http.postJson(api("login"), {{"username", "alice"}, {"password", "password2"}});
    const HttpResult unknownUser =
        m_http.postJson(api("login"), {{"username", "nobody"}, {"password", "password1"}});
    QCOMPARE(wrongPassword.status, 401);
    QCOMPARE(unknownUser.status, 401);
    QCOMPARE(wrongPassword.body, unknownUser.body);
    QVERIFY(wrongPassword.sessionCookie().isEmpty());
}

void tst_HttpApi::loginIssuesFreshSession()
{
    const QByteArray first = m_http.registerUser(m_host->url(), "alice", "password1");
    const QByteArray planted = "confab_sid=" + QByteArray(43, 'A');
    const HttpResult result = m_http.postJson(
        api("login"), {{"username", "alice"}, {"password", "password1"}}, planted);
    QCOMPARE(result.status, 200);
    const QByteArray second = result.sessionCookie();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != planted);
    QVERIFY(second != first);
    QCOMPARE(m_http.get(api("me"), planted).status, 401);
    QCOMPARE(m_http.get(api("me"), second).status, 200);

    // A login that carries a live session ends it, so the old id stops working.
    const HttpResult third = m_http.postJson(
        api("login"), {{"username", "alice"}, {"password", "password1"}}, second);
    QCOMPARE(third.status, 200);
    QCOMPARE(m_http.get(api("me"), second).status, 401);
    QCOMPARE(m_http.get(api("me"), third.sessionCookie()).status, 200);
}

void tst_HttpApi::logoutEndsSession()
{
    const QByteArray cookie = m_http.registerUser(m_host->url(), "alice", "password1");
    const HttpResult logout = m_http.post(api("logout"), {}, "application/json", cookie);
    QCOMPARE(logout.status, 204);
    QCOMPARE(logout.setCookies.size(), 1);
    QVERIFY(logout.setCookies.first().startsWith("confab_sid=;"));
    QVERIFY(logout.setCookies.first().contains("Max-Age=0"));
    QVERIFY(logout.setCookies.first().contains("Path=/"));
    QCOMPARE(m_http.get(api("me"), cookie).status, 401);
}

void tst_HttpApi::meWithoutSession()
{
    const HttpResult result = m_http.get(api("me"));
    QCOMPARE(result.status, 401);
    QVERIFY(!result.json().value("error").toString().isEmpty());
}

void tst_HttpApi::forgedCookieRejected()
{
    QVERIFY(!m_http.registerUser(m_host->url(), "alice", "password1").isEmpty());
    const QByteArray forged[] = {
        "confab_sid=" + QByteArray(43, 'A'),
        "confab_sid=not-a-token",
        "confab_sid=' OR '1'='1",
        "confab_sid=",
    };
    for (const QByteArray &cookie : forged) {
        QCOMPARE(m_http.get(api("me"), cookie).status, 401);
    }
}

void tst_HttpApi::cookieAttributes()
{
    const HttpResult result =
        m_http.postJson(api("register"), {{"username", "alice"}, {"password", "password1"}});
    QCOMPARE(result.setCookies.size(), 1);
    const QByteArray line = result.setCookies.first();
    QVERIFY(line.contains("; HttpOnly"));
    QVERIFY(line.contains("; SameSite=Lax"));
    QVERIFY(line.contains("; Path=/"));
    QVERIFY(line.contains("; Max-Age=1209600"));
    QVERIFY(!line.contains("Secure"));
    // 256 bits as unpadded base64url.
    QCOMPARE(result.sessionCookie().size(), qsizetype(strlen("confab_sid=") + 43));
}

void tst_HttpApi::usersAndMessagesNeedSession()
{
    QCOMPARE(m_http.get(api("users")).status, 401);
    QCOMPARE(m_http.get(api("messages")).status, 401);
    const QByteArray cookie = m_http.registerUser(m_host->url(), "alice", "password1");
    const HttpResult users = m_http.get(api("users"), cookie);
    QCOMPARE(users.status, 200);
    QCOMPARE(users.jsonArray().size(), 0); // no user has a WebSocket open
    const HttpResult messages = m_http.get(api("messages"), cookie);
    QCOMPARE(messages.status, 200);
    QCOMPARE(messages.jsonArray().size(), 0);
}

void tst_HttpApi::messagesRejectsBadQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("limit zero") << "limit=0";
    QTest::newRow("limit too big") << "limit=201";
    QTest::newRow("limit text") << "limit=ten";
    QTest::newRow("before negative") << "before=-1";
    QTest::newRow("before text") << "before=1;DROP";
}

void tst_HttpApi::messagesRejectsBadQuery()
{
    QFETCH(QString, query);
    const QByteArray cookie = m_http.registerUser(m_host->url(), "alice", "password1");
    QUrl url = api("messages");
    url.setQuery(query);
    QCOMPARE(m_http.get(url, cookie).status, 400);
}

void tst_HttpApi::unknownPathAndMethod()
{
    const HttpResult unknownApi = m_http.get(api("nothing"));
    QCOMPARE(unknownApi.status, 404);
    QVERIFY(!unknownApi.json().value("error").toString().isEmpty());
    const HttpResult wrongMethod = m_http.get(api("login"));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));
    QCOMPARE(m_http.get(m_host->url("/no-such-page")).status, 404);
}

void tst_HttpApi::unsupportedContentType()
{
    const HttpResult result =
        m_http.post(api("login"), "username=a&password=b", "text/plain");
    QCOMPARE(result.status, 415);
    QVERIFY(result.json().value("error").toString().contains("Content-Type"));
}

void tst_HttpApi::hostHeaderChecked_data()
{
    QTest::addColumn<QByteArray>("hostLines");
    QTest::addColumn<QByteArray>("expectedStatus");

    QTest::newRow("loopback address") << QByteArray("Host: 127.0.0.1:{port}\r\n") << QByteArray("401");
    QTest::newRow("localhost") << QByteArray("Host: localhost:{port}\r\n") << QByteArray("401");
    QTest::newRow("ipv6 loopback") << QByteArray("Host: [::1]:{port}\r\n") << QByteArray("401");
    QTest::newRow("forwarded port") << QByteArray("Host: 127.0.0.1:80\r\n") << QByteArray("401");
    // DNS rebinding: another site's name pointed at this machine.
    QTest::newRow("foreign name") << QByteArray("Host: evil.example:{port}\r\n") << QByteArray("421");
    QTest::newRow("no host") << QByteArray() << QByteArray("400");
    QTest::newRow("two hosts") << QByteArray("Host: 127.0.0.1\r\nHost: evil.example\r\n")
                               << QByteArray("400");
}

void tst_HttpApi::hostHeaderChecked()
{
    QFETCH(QByteArray, hostLines);
    QFETCH(QByteArray, expectedStatus);

    hostLines.replace("{port}", QByteArray::number(m_host->port()));
    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write("GET /api/me HTTP/1.1\r\n" + hostLines + "\r\n");
    QTRY_VERIFY(raw.received().contains("\r\n\r\n"));
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 " + expectedStatus), raw.statusLine());
}

QTEST_GUILESS_MAIN(tst_HttpApi)
#include "tst_httpapi.moc"
