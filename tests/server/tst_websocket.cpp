#include "hostlimits.h"
#include "rawconnection.h"
#include "testclients.h"
#include "testhost.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QString kPassword = QStringLiteral("correct horse");
const QString kAllowedOrigin = QStringLiteral("https://chat.example.org");

// The credentials a rejected handshake carries.
enum class Credential { None, ForgedToken, MalformedToken, SqlInCookie, Expired, LoggedOut };

// Matches a chat frame with this text.
std::function<bool(const QJsonObject &)> isChat(const QString &text)
{
    return [text](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat") && frame.value("message") == text;
    };
}

bool isError(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("error");
}

// Replaces {port} and {otherPort} in an origin template with the host's port and another one.
QString originFor(QString pattern, quint16 port)
{
    const quint16 otherPort = port == 65535 ? port - 1 : port + 1;
    return pattern.replace("{port}", QString::number(port))
        .replace("{otherPort}", QString::number(otherPort));
}

QList<QByteArray> cookieHeader(const QByteArray &cookie)
{
    return cookie.isEmpty() ? QList<QByteArray> {} : QList<QByteArray> {"Cookie: " + cookie};
}

} // namespace

Q_DECLARE_METATYPE(Credential)

// The /ws endpoint against a real host: handshake authentication and Origin checks, the
// welcome frame, chat frames, rejected frames, and the close codes sent when a session ends
// or the host stops.
class tst_WebSocket : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void handshakeRejected_data();
    void handshakeRejected();
    void handshakeRejectedRaw_data();
    void handshakeRejectedRaw();
    void originRejected_data();
    void originRejected();
    void originRejectedRaw_data();
    void originRejectedRaw();
    void duplicateOriginRejected();
    void rebindingOriginRejected();
    void originAccepted_data();
    void originAccepted();
    void handshakeHeaderVariants_data();
    void handshakeHeaderVariants();
    void welcomeShape();
    void welcomeOnlyToNewSocket();
    void chatRoundTrip();
    void chatTextUnchanged_data();
    void chatTextUnchanged();
    void badFrameRejected_data();
    void badFrameRejected();
    void logoutClosesSessionSockets();
    void logoutKeepsOtherSessions();
    void loginClosesCarriedSession();
    void hostStopClosesSockets();

private:
    QByteArray signUp(const QString &username);
    // Returns the cookie a handshakeRejected_data() row sends. The Expired row replaces the
    // host with one whose sessions expire at once.
    QByteArray rejectedCookie(Credential credential);
    // Opens a socket and waits for its welcome. Returns null if either step fails.
    std::unique_ptr<WsClient> join(const QByteArray &cookie);
    HttpResult logout(const QByteArray &cookie);
    void startHost(confab::HostConfig config);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
};

void tst_WebSocket::startHost(confab::HostConfig config)
{
    config.allowedOrigins = {kAllowedOrigin};
    m_host.reset();
    m_host = std::make_unique<TestHost>(std::move(config));
    QVERIFY(m_host->start());
}

void tst_WebSocket::init()
{
    startHost({});
}

void tst_WebSocket::cleanup()
{
    m_host.reset();
}

QByteArray tst_WebSocket::signUp(const QString &username)
{
    return m_http.registerUser(m_host->url(), username, kPassword);
}

std::unique_ptr<WsClient> tst_WebSocket::join(const QByteArray &cookie)
{
    auto client = std::make_unique<WsClient>();
    if (!client->openAndWaitForWelcome(m_host->wsUrl(), cookie)) {
        return nullptr;
    }
    return client;
}

HttpResult tst_WebSocket::logout(const QByteArray &cookie)
{
    return m_http.post(m_host->url("/api/logout"), {}, "application/json", cookie);
}

QByteArray tst_WebSocket::rejectedCookie(Credential credential)
{
    switch (credential) {
    case Credential::None:
        return {};
    case Credential::ForgedToken:
        // Well formed: 32 bytes as 43 characters of unpadded base64url, like a real id.
        return "confab_sid="
            + QByteArray(32, 'Z').toBase64(QByteArray::Base64UrlEncoding
                                           | QByteArray::OmitTrailingEquals);
    case Credential::MalformedToken:
        return "confab_sid=not-a-token";
    case Credential::SqlInCookie:
        return "confab_sid=' OR '1'='1";
    case Credential::Expired: {
        confab::HostConfig config;
        config.sessionLifetime = std::chrono::seconds(0);
        startHost(config);
        signUp("alice");
        return m_http.login(m_host->url(), "alice", kPassword);
    }
    case Credential::LoggedOut: {
        const QByteArray cookie = signUp("alice");
        logout(cookie);
        return cookie;
    }
    }
    return {};
}

void tst_WebSocket::handshakeRejected_data()
{
    QTest::addColumn<Credential>("credential");

    QTest::newRow("no cookie") << Credential::None;
    QTest::newRow("forged token") << Credential::ForgedToken;
    QTest::newRow("malformed token") << Credential::MalformedToken;
    QTest::newRow("sql in cookie") << Credential::SqlInCookie;
    QTest::newRow("expired session") << Credential::Expired;
    QTest::newRow("logged out") << Credential::LoggedOut;
}

void tst_WebSocket::handshakeRejected()
{
    QFETCH(Credential, credential);
    const QByteArray cookie = rejectedCookie(credential);
    if (credential == Credential::Expired || credential == Credential::LoggedOut) {
        QVERIFY(!cookie.isEmpty());
    }

    WsClient client;
    QSignalSpy connected(&client.socket(), &QWebSocket::connected);
    client.open(m_host->wsUrl(), cookie);
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(connected.count(), 0);
    QVERIFY(client.frames().isEmpty());
    QVERIFY2(client.errorStrings().join('|').contains("401"),
             qPrintable(client.errorStrings().join('|')));
}

void tst_WebSocket::handshakeRejectedRaw_data()
{
    handshakeRejected_data();
}

void tst_WebSocket::handshakeRejectedRaw()
{
    QFETCH(Credential, credential);
    const QByteArray cookie = rejectedCookie(credential);

    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write(webSocketUpgradeRequest(m_host->port(), cookieHeader(cookie)));
    QVERIFY(raw.waitForClose());
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 401"), raw.statusLine().constData());
    QVERIFY2(!raw.received().contains("101 Switching"), raw.received().constData());
}

void tst_WebSocket::originRejected_data()
{
    QTest::addColumn<QString>("origin");

    QTest::newRow("foreign site") << "http://evil.example";
    QTest::newRow("other port") << "http://127.0.0.1:{otherPort}";
    QTest::newRow("https scheme") << "https://127.0.0.1:{port}";
    QTest::newRow("no port") << "http://127.0.0.1";
    QTest::newRow("null") << "null";
    QTest::newRow("allowed host other port") << "https://chat.example.org:8443";
    QTest::newRow("allowed host over http") << "http://chat.example.org";
    QTest::newRow("subdomain of allowed") << "https://evil.chat.example.org";
    QTest::newRow("allowed as prefix") << "https://chat.example.org.evil.example";
}

void tst_WebSocket::originRejected()
{
    QFETCH(QString, origin);
    const QByteArray cookie = signUp("alice");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^rejected a handshake from .*origin"));

    WsClient client(originFor(origin, m_host->port()));
    QSignalSpy connected(&client.socket(), &QWebSocket::connected);
    client.open(m_host->wsUrl(), cookie);
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(connected.count(), 0);
    QVERIFY(client.frames().isEmpty());
    QVERIFY2(client.errorStrings().join('|').contains("403"),
             qPrintable(client.errorStrings().join('|')));
}

void tst_WebSocket::originRejectedRaw_data()
{
    originRejected_data();
}

void tst_WebSocket::originRejectedRaw()
{
    QFETCH(QString, origin);
    const QByteArray cookie = signUp("alice");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^rejected a handshake from .*origin"));

    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write(webSocketUpgradeRequest(
        m_host->port(),
        {"Cookie: " + cookie, "Origin: " + originFor(origin, m_host->port()).toLatin1()}));
    QVERIFY(raw.waitForClose());
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 403"), raw.statusLine().constData());
    QVERIFY2(!raw.received().contains("101 Switching"), raw.received().constData());
}

void tst_WebSocket::duplicateOriginRejected()
{
    // A second Origin line must not let a foreign page pass by also naming the host.
    const QByteArray cookie = signUp("alice");
    const QByteArray ownOrigin = "http://127.0.0.1:" + QByteArray::number(m_host->port());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^rejected a handshake from .*origin"));

    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write(webSocketUpgradeRequest(
        m_host->port(),
        {"Cookie: " + cookie, "Origin: http://evil.example", "Origin: " + ownOrigin}));
    QVERIFY(raw.waitForClose());
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 403"), raw.statusLine().constData());
}

void tst_WebSocket::rebindingOriginRejected()
{
    // After DNS rebinding, a page on evil.example reaches this host under its own name, so the
    // browser sends a Host header and an Origin that match each other. The host listens on
    // 127.0.0.1, so evil.example is still not its own origin.
    const QByteArray cookie = signUp("alice");
    const QByteArray port = QByteArray::number(m_host->port());
    QByteArray request = webSocketUpgradeRequest(
        m_host->port(), {"Cookie: " + cookie, "Origin: http://evil.example:" + port});
    QVERIFY(request.contains("Host: 127.0.0.1:" + port));
    request.replace("Host: 127.0.0.1:" + port, "Host: evil.example:" + port);

    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write(request);
    QTRY_VERIFY(raw.received().contains("\r\n\r\n"));
    // The Host name is not one of this machine's, so the request is misdirected.
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 421"), raw.statusLine().constData());
    QVERIFY(!raw.received().contains("101 Switching Protocols"));
}

void tst_WebSocket::originAccepted_data()
{
    QTest::addColumn<QString>("origin");

    QTest::newRow("own origin") << "http://127.0.0.1:{port}";
    QTest::newRow("no origin") << "";
    QTest::newRow("allowed origin") << kAllowedOrigin;
}

void tst_WebSocket::originAccepted()
{
    QFETCH(QString, origin);
    const QByteArray cookie = signUp("alice");

    WsClient client(originFor(origin, m_host->port()));
    QVERIFY2(client.openAndWait(m_host->wsUrl(), cookie),
             qPrintable(client.errorStrings().join('|')));
    QVERIFY(client.waitForFrame("welcome"));
}

void tst_WebSocket::handshakeHeaderVariants_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");

    // Firefox sends a list in Connection.
    QTest::newRow("connection list")
        << QByteArray("Connection: Upgrade") << QByteArray("Connection: keep-alive, Upgrade");
    QTest::newRow("capitalized upgrade token")
        << QByteArray("Upgrade: websocket") << QByteArray("Upgrade: WebSocket");
    QTest::newRow("lower case connection token")
        << QByteArray("Connection: Upgrade") << QByteArray("Connection: upgrade");
    QTest::newRow("lower case names")
        << QByteArray("Sec-WebSocket-Key") << QByteArray("sec-websocket-key");
    QTest::newRow("query string") << QByteArray("GET /ws ") << QByteArray("GET /ws?v=1 ");
}

void tst_WebSocket::handshakeHeaderVariants()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    const QByteArray cookie = signUp("alice");
    QByteArray request = webSocketUpgradeRequest(m_host->port(), {"Cookie: " + cookie});
    QVERIFY(request.contains(from));
    request.replace(from, to);

    RawConnection raw;
    QVERIFY(raw.connectTo(m_host->port()));
    raw.write(request);
    QTRY_VERIFY(raw.received().contains("\r\n\r\n"));
    QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 101"), raw.statusLine().constData());
}

void tst_WebSocket::welcomeShape()
{
    const QByteArray bobCookie = signUp("bob");
    const auto bob = join(bobCookie);
    QVERIFY(bob);
    bob->sendChat("hi");
    QVERIFY(bob->waitFor(isChat("hi")));
    const QJsonObject sent = bob->framesOfType("chat").first();

    // Registered as "Alice": the welcome names the stored spelling from the session.
    const auto alice = join(signUp("Alice"));
    QVERIFY(alice);
    QCOMPARE(alice->frames().size(), 1);
    const QJsonObject welcome = alice->frames().first();
    QCOMPARE(welcome.keys(), QStringList({"history", "type", "username", "users"}));
    QCOMPARE(welcome.value("username").toString(), QStringLiteral("Alice"));

    // Sorted by name ignoring case, and counting the socket that is being welcomed.
    const QJsonArray expectedUsers {QJsonObject {{"username", "Alice"}, {"connections", 1}},
                                    QJsonObject {{"username", "bob"}, {"connections", 1}}};
    QCOMPARE(welcome.value("users").toArray(), expectedUsers);

    QJsonObject expectedMessage = sent;
    expectedMessage.remove("type");
    QCOMPARE(welcome.value("history").toArray(), QJsonArray {expectedMessage});
}

void tst_WebSocket::welcomeOnlyToNewSocket()
{
    const QByteArray aliceCookie = signUp("alice");
    const auto first = join(aliceCookie);
    QVERIFY(first);
    const auto second = join(aliceCookie);
    QVERIFY(second);
    QCOMPARE(second->frames().first().value("users").toArray(),
             QJsonArray {QJsonObject({{"username", "alice"}, {"connections", 2}})});

    // A later chat frame marks the point by which a stray welcome would have arrived.
    second->sendChat("sync");
    QVERIFY(first->waitFor(isChat("sync")));
    QCOMPARE(first->framesOfType("welcome").size(), 1);
}

void tst_WebSocket::chatRoundTrip()
{
    const auto alice = join(signUp("alice"));
    QVERIFY(alice);
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);

    // The host ignores every field beyond type and message, above all a claimed username.
    const QDateTime before = QDateTime::currentDateTimeUtc();
    alice->socket().sendTextMessage(
        QStringLiteral(R"({"type":"chat","message":"hello","username":"mallory","id":999,)"
                       R"("sentAt":"2000-01-01T00:00:00.000Z"})"));
    QVERIFY(alice->waitFor(isChat("hello")));
    QVERIFY(bob->waitFor(isChat("hello")));
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const QJsonObject toSender = alice->framesOfType("chat").first();
    const QJsonObject toOther = bob->framesOfType("chat").first();
    QCOMPARE(toOther, toSender);
    QCOMPARE(toSender.keys(), QStringList({"id", "message", "sentAt", "type", "username"}));
    QCOMPARE(toSender.value("username").toString(), QStringLiteral("alice"));
    QVERIFY(toSender.value("id").isDouble());
    QVERIFY(toSender.value("id").toInteger() > 0);
    QVERIFY(toSender.value("id").toInteger() != 999);

    const QString sentAtText = toSender.value("sentAt").toString();
    const QRegularExpression isoUtcMs(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
    QVERIFY2(isoUtcMs.match(sentAtText).hasMatch(), qPrintable(sentAtText));
    const QDateTime sentAt = QDateTime::fromString(sentAtText, Qt::ISODateWithMs);
    QVERIFY2(sentAt >= before, qPrintable(sentAtText));
    QVERIFY2(sentAt <= after, qPrintable(sentAtText));
}

void tst_WebSocket::chatTextUnchanged_data()
{
    QTest::addColumn<QString>("text");

    const QString grinning = QString::fromUcs4(U"\U0001F600");
    QTest::newRow("4000 characters") << QString(confab::limits::kMaxMessageLength, 'x');
    // Each emoji is 2 UTF-16 code units, so 2000 of them reach the limit exactly.
    QTest::newRow("2000 emoji") << grinning.repeated(confab::limits::kMaxMessageLength / 2);
    QTest::newRow("one character") << "x";
    QTest::newRow("html") << "<b>x</b>";
    QTest::newRow("script tag") << "<script>alert(1)</script>";
    QTest::newRow("sql") << "'); DROP TABLE messages;--";
    QTest::newRow("json inside") << R"({"type":"welcome","username":"root"})";
    QTest::newRow("quotes and backslashes") << R"("\"\\ \u0000")";
    QTest::newRow("line breaks") << "line one\nline two\r\n";
    QTest::newRow("combining accent") << QString::fromUtf8("e\xCC\x81");
    QTest::newRow("nul character") << QStringLiteral("a") + QChar(0) + QStringLiteral("b");
}

void tst_WebSocket::chatTextUnchanged()
{
    QFETCH(QString, text);
    const QByteArray aliceCookie = signUp("alice");
    const auto alice = join(aliceCookie);
    QVERIFY(alice);
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);

    alice->sendChat(text);
    QVERIFY2(bob->waitFor(isChat(text)),
             qPrintable(alice->frames().last().value("error").toString()));
    QVERIFY(alice->waitFor(isChat(text)));
    QCOMPARE(bob->framesOfType("chat").first().value("message").toString().toUtf8(), text.toUtf8());

    // The store keeps the same bytes, and SQL in the text did not run.
    const HttpResult stored = m_http.get(m_host->url("/api/messages"), aliceCookie);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.jsonArray().size(), 1);
    QCOMPARE(stored.jsonArray().first().toObject().value("message").toString().toUtf8(),
             text.toUtf8());
}

void tst_WebSocket::badFrameRejected_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QString>("errorPart");

    const QByteArray grinning = "\xF0\x9F\x98\x80";
    const auto chat = [](const QByteArray &message) {
        return R"({"type":"chat","message":")" + message + R"("})";
    };
    QTest::newRow("not json") << QByteArray("hello") << false << "JSON";
    QTest::newRow("empty frame") << QByteArray() << false << "JSON";
    QTest::newRow("truncated json")
        << QByteArray(R"({"type":"chat","message":"hi")") << false << "JSON";
    QTest::newRow("json array") << QByteArray(R"([{"type":"chat","message":"hi"}])") << false
                                << "JSON";
    QTest::newRow("json string") << QByteArray(R"("hi")") << false << "JSON";
    QTest::newRow("unknown type") << QByteArray(R"({"type":"shout","message":"hi"})") << false
                                  << "type";
    QTest::newRow("host frame type")
        << QByteArray(R"({"type":"welcome","message":"hi"})") << false << "type";
    QTest::newRow("missing type") << QByteArray(R"({"message":"hi"})") << false << "type";
    QTest::newRow("number type") << QByteArray(R"({"type":1,"message":"hi"})") << false << "type";
    QTest::newRow("missing message") << QByteArray(R"({"type":"chat"})") << false << "message";
    QTest::newRow("null message") << QByteArray(R"({"type":"chat","message":null})") << false
                                  << "message";
    QTest::newRow("number message")
        << QByteArray(R"({"type":"chat","message":42})") << false << "message";
    QTest::newRow("empty message") << chat("") << false << "empty";
    QTest::newRow("whitespace message") << chat(R"( \t\r\n )") << false << "empty";
    QTest::newRow("unicode spaces") << chat("\xC2\xA0\xE3\x80\x80") << false << "empty";
    QTest::newRow("4001 characters")
        << chat(QByteArray(confab::limits::kMaxMessageLength + 1, 'x')) << false << "4000";
    QTest::newRow("2001 emoji") << chat(
        grinning.repeated(confab::limits::kMaxMessageLength / 2 + 1))
                                << false << "4000";
    QTest::newRow("3999 characters and emoji")
        << chat(QByteArray(confab::limits::kMaxMessageLength - 1, 'x') + grinning) << false
        << "4000";
    QTest::newRow("binary frame") << chat("hi") << true << "binary";
}

void tst_WebSocket::badFrameRejected()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(QString, errorPart);
    const QByteArray aliceCookie = signUp("alice");
    const auto alice = join(aliceCookie);
    QVERIFY(alice);
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    // Bob's join sent Alice a user frame. Waiting for it keeps it out of the counts below.
    QVERIFY(alice->waitForFrame("user"));
    const int aliceStart = int(alice->frames().size());
    const int bobStart = int(bob->frames().size());

    if (binary) {
        alice->socket().sendBinaryMessage(frame);
    } else {
        alice->socket().sendTextMessage(QString::fromUtf8(frame));
    }
    QVERIFY(alice->waitFor(isError, 5000, aliceStart));
    const QJsonObject error = alice->frames().at(aliceStart);
    QCOMPARE(error.keys(), QStringList({"error", "type"}));
    QVERIFY2(error.value("error").toString().contains(errorPart),
             qPrintable(error.value("error").toString()));

    // The connection stays open and still carries chat.
    alice->sendChat("after");
    QVERIFY(bob->waitFor(isChat("after"), 5000, bobStart));
    QVERIFY(alice->waitFor(isChat("after"), 5000, aliceStart));
    QVERIFY(alice->isConnected());
    // Only the sender saw the error, and nothing was stored for the bad frame.
    QCOMPARE(alice->frames().size() - aliceStart, 2);
    QCOMPARE(bob->frames().size() - bobStart, 1);
    const HttpResult stored = m_http.get(m_host->url("/api/messages"), aliceCookie);
    QCOMPARE(stored.jsonArray().size(), 1);
}

void tst_WebSocket::logoutClosesSessionSockets()
{
    const QByteArray aliceCookie = signUp("alice");
    const auto first = join(aliceCookie);
    QVERIFY(first);
    const auto second = join(aliceCookie);
    QVERIFY(second);
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);

    QCOMPARE(logout(aliceCookie).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(first->socket().closeCode() == 4401, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(second->socket().closeCode() == 4401, 1000);
    QTRY_VERIFY(first->wasDisconnected());
    QTRY_VERIFY(second->wasDisconnected());

    // Bob's socket stays open and still carries chat.
    QVERIFY(bob->isConnected());
    bob->sendChat("still here");
    QVERIFY(bob->waitFor(isChat("still here")));
    QCOMPARE(bob->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
}

void tst_WebSocket::logoutKeepsOtherSessions()
{
    // Alice is signed in on two devices. Logging out on one keeps the other's socket open.
    const QByteArray laptopCookie = signUp("alice");
    const QByteArray phoneCookie = m_http.login(m_host->url(), "alice", kPassword);
    QVERIFY(!phoneCookie.isEmpty());
    const auto laptop = join(laptopCookie);
    QVERIFY(laptop);
    const auto phone = join(phoneCookie);
    QVERIFY(phone);

    QCOMPARE(logout(laptopCookie).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(laptop->socket().closeCode() == 4401, 1000);
    phone->sendChat("from the phone");
    QVERIFY(phone->waitFor(isChat("from the phone")));
    QVERIFY(phone->isConnected());
}

void tst_WebSocket::loginClosesCarriedSession()
{
    const QByteArray oldCookie = signUp("alice");
    const auto old = join(oldCookie);
    QVERIFY(old);

    const HttpResult login = m_http.postJson(
        m_host->url("/api/login"), {{"username", "alice"}, {"password", kPassword}}, oldCookie);
    QCOMPARE(login.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(old->socket().closeCode() == 4401, 1000);

    const auto fresh = join(login.sessionCookie());
    QVERIFY(fresh);
    WsClient stale;
    QVERIFY(!stale.openAndWait(m_host->wsUrl(), oldCookie));
    QVERIFY2(stale.errorStrings().join('|').contains("401"),
             qPrintable(stale.errorStrings().join('|')));
}

void tst_WebSocket::hostStopClosesSockets()
{
    const auto alice = join(signUp("alice"));
    QVERIFY(alice);
    m_host->stop();
    QVERIFY(alice->waitForDisconnect());
    QCOMPARE(alice->socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    // A reason shows that a close frame arrived, because an aborted connection leaves none.
    QVERIFY(!alice->socket().closeReason().isEmpty());
}

QTEST_GUILESS_MAIN(tst_WebSocket)
#include "tst_websocket.moc"
