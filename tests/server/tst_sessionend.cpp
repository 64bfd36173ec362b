#include "hostlimits.h"
#include "rawconnection.h"
#include "rawwebsocket.h"
#include "testclients.h"
#include "testhost.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("correct horse");
constexpr int kCloseSessionEnded = 4401;
constexpr int kClosePingTimeout = 4408;
// A correctness bound: logout and kick close the sockets before their response is sent, and a
// session deleted in the database is noticed within kSessionRecheckInterval (500 ms).
constexpr qint64 kCloseBoundMs = 1000;
const QByteArray kUnauthorized = "HTTP/1.1 401 Unauthorized";

enum class SessionEnd { Logout, Kick, RowDeleted };

std::function<bool(const QJsonObject &)> isPresence(const QString &username, bool connected)
{
    return [username, connected](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("user")
            && frame.value("username") == username && frame.value("connected") == connected;
    };
}

std::function<bool(const QJsonObject &)> isChat(const QString &text)
{
    return [text](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat") && frame.value("message") == text;
    };
}

bool isWelcome(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("welcome");
}

int countMatching(const QList<QJsonObject> &frames,
                  const std::function<bool(const QJsonObject &)> &predicate)
{
    return int(std::count_if(frames.begin(), frames.end(), predicate));
}

// Runs one statement on a SQLite file through a connection of the test's own, the way an
// administrator or a second host would. Returns the number of rows changed, or -1.
int execOnDatabase(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("tst_sessionend-direct");
    int changed = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql)) {
                changed = query.numRowsAffected();
            } else {
                qWarning("%s failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return changed;
}

} // namespace

Q_DECLARE_METATYPE(SessionEnd)

// What happens to a session's sockets and cookie when the session ends. It ends by logout, by
// a kick, by its row being deleted behind the host's back or by a login on top of it. A socket
// whose peer goes silent is dropped as well.
class tst_SessionEnd : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void socketsClosed_data();
    void socketsClosed();
    void frameAfterEndDropped_data();
    void frameAfterEndDropped();
    void loginAsOtherUser();
    void plantedCookieRejected_data();
    void plantedCookieRejected();
    void deadPeerDropped_data();
    void deadPeerDropped();

private:
    void startHost(const confab::HostConfig &config);
    bool endSession(SessionEnd ending, const QByteArray &cookie);
    // Returns the status line of the response to a raw upgrade request carrying `cookie`.
    QByteArray handshakeStatus(const QByteArray &cookie);
    // Sends a chat from bob and waits for it to come back, so that every frame the host sent
    // bob before has arrived.
    bool bobRoundTrip();
    QUrl api(const QString &path) const { return m_host->url(QStringLiteral("/api/") + path); }

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
    QByteArray m_aliceCookie;
    QByteArray m_bobCookie;
    std::unique_ptr<WsClient> m_bob;
    int m_bobMessages = 0;
};

void tst_SessionEnd::startHost(const confab::HostConfig &config)
{
    m_bob.reset();
    m_host = std::make_unique<TestHost>(config);
    QVERIFY(m_host->start());
    m_aliceCookie = m_http.registerUser(m_host->url(), "alice", kPassword);
    QVERIFY(!m_aliceCookie.isEmpty());
    m_bobCookie = m_http.registerUser(m_host->url(), "bob", kPassword);
    QVERIFY(!m_bobCookie.isEmpty());
    m_bob = std::make_unique<WsClient>();
    QVERIFY(m_bob->openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));
}

void tst_SessionEnd::init()
{
    startHost({});
}

void tst_SessionEnd::cleanup()
{
    m_bob.reset();
    m_host.reset();
}

bool tst_SessionEnd::endSession(SessionEnd ending, const QByteArray &cookie)
{
    switch (ending) {
    case SessionEnd::Logout:
        return m_http.post(api("logout"), {}, "application/json", cookie).status == 204;
    case SessionEnd::Kick: {
        QSignalSpy kicked(m_host->server(), &confab::HostServer::userKicked);
        m_host->server()->kickUser(QStringLiteral("alice"));
        return kicked.wait(5000) && kicked.first().at(1).toInt() >= 1;
    }
    case SessionEnd::RowDeleted:
        return execOnDatabase(m_host->databasePath(),
                              QStringLiteral("DELETE FROM sessions WHERE user_id = "
                                             "(SELECT id FROM users WHERE username_key = 'alice')"))
            >= 1;
    }
    return false;
}

QByteArray tst_SessionEnd::handshakeStatus(const QByteArray &cookie)
{
    RawConnection raw;
    if (!raw.connectTo(m_host->port())) {
        return {};
    }
    raw.write(webSocketUpgradeRequest(m_host->port(), {"Cookie: " + cookie}));
    raw.waitForClose(5000);
    return raw.statusLine();
}

bool tst_SessionEnd::bobRoundTrip()
{
    const QString text = QStringLiteral("bob still here %1").arg(++m_bobMessages);
    const int from = int(m_bob->frames().size());
    m_bob->sendChat(text);
    return m_bob->waitFor(isChat(text), 5000, from);
}

void tst_SessionEnd::socketsClosed_data()
{
    QTest::addColumn<SessionEnd>("ending");
    QTest::newRow("logout") << SessionEnd::Logout;
    QTest::newRow("kick") << SessionEnd::Kick;
    QTest::newRow("row deleted") << SessionEnd::RowDeleted;
}

void tst_SessionEnd::socketsClosed()
{
    QFETCH(SessionEnd, ending);

    // Declared before the clients, so that they outlive the slots that write them.
    QElapsedTimer timer;
    qint64 closedAtMs[2] = {-1, -1};
    WsClient first;
    WsClient second;
    QVERIFY(first.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    QVERIFY(second.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    QVERIFY(m_bob->waitFor(isPresence("alice", true)));

    connect(&first.socket(), &QWebSocket::disconnected, this,
            [&] { closedAtMs[0] = timer.elapsed(); });
    connect(&second.socket(), &QWebSocket::disconnected, this,
            [&] { closedAtMs[1] = timer.elapsed(); });
    timer.start();
    QVERIFY(endSession(ending, m_aliceCookie));

    QTRY_VERIFY_WITH_TIMEOUT(first.wasDisconnected() && second.wasDisconnected(), 5000);
    for (const qint64 closedAt : closedAtMs) {
        QVERIFY2(closedAt <= kCloseBoundMs,
                 qPrintable(QStringLiteral("a socket closed after %1 ms").arg(closedAt)));
    }
    QCOMPARE(int(first.socket().closeCode()), kCloseSessionEnded);
    QCOMPARE(int(second.socket().closeCode()), kCloseSessionEnded);

    QVERIFY(bobRoundTrip());
    QCOMPARE(countMatching(m_bob->frames(), isPresence("alice", false)), 1);
    QVERIFY(m_bob->isConnected());

    QCOMPARE(m_http.get(api("me"), m_aliceCookie).status, 401);
    QCOMPARE(handshakeStatus(m_aliceCookie), kUnauthorized);
    QCOMPARE(m_http.get(api("me"), m_bobCookie).status, 200);
}

void tst_SessionEnd::frameAfterEndDropped_data()
{
    QTest::addColumn<SessionEnd>("ending");
    // Only these two have a moment at which the host has surely acted: the logout response and
    // the userKicked signal. A deleted row is noticed at the next recheck.
    QTest::newRow("logout") << SessionEnd::Logout;
    QTest::newRow("kick") << SessionEnd::Kick;
}

void tst_SessionEnd::frameAfterEndDropped()
{
    QFETCH(SessionEnd, ending);

    // A raw client, because QWebSocket stops sending once it has the host's close frame.
    RawWebSocket alice;
    QVERIFY(alice.open(m_host->port(), m_aliceCookie));
    QVERIFY(alice.waitForMessage(isWelcome));
    QVERIFY(m_bob->waitFor(isPresence("alice", true)));

    QVERIFY(endSession(ending, m_aliceCookie));
    const QString late = QStringLiteral("sent after the session ended");
    alice.sendChat(late);
    // The host reads frames in order, so its pong shows that it has read the chat frame. A
    // host that no longer sends pongs has closed the connection and reads nothing more.
    alice.sendFrame(WsOpcode::Ping, "after the chat");
    QTRY_VERIFY(alice.frameCount(WsOpcode::Pong) > 0 || !alice.isConnected());

    QVERIFY(bobRoundTrip());
    QCOMPARE(countMatching(m_bob->frames(), isChat(late)), 0);
    const HttpResult history = m_http.get(api("messages"), m_bobCookie);
    QCOMPARE(history.status, 200);
    QVERIFY2(!history.body.contains(late.toUtf8()), history.body.constData());
    QTRY_VERIFY(alice.closeCode().has_value());
    QCOMPARE(*alice.closeCode(), kCloseSessionEnded);
}

void tst_SessionEnd::loginAsOtherUser()
{
    WsClient first;
    WsClient second;
    QVERIFY(first.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    QVERIFY(second.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));

    // The browser that alice used logs in as bob, still sending alice's cookie.
    QElapsedTimer timer;
    timer.start();
    const HttpResult login = m_http.postJson(
        api("login"), {{"username", "bob"}, {"password", kPassword}}, m_aliceCookie);
    QCOMPARE(login.status, 200);
    QCOMPARE(login.json().value("username").toString(), QStringLiteral("bob"));
    const QByteArray bobCookie = login.sessionCookie();
    QVERIFY(!bobCookie.isEmpty());
    QVERIFY(bobCookie != m_aliceCookie);

    QTRY_VERIFY_WITH_TIMEOUT(first.wasDisconnected() && second.wasDisconnected(), 5000);
    QVERIFY2(timer.elapsed() <= kCloseBoundMs,
             qPrintable(QStringLiteral("sockets closed after %1 ms").arg(timer.elapsed())));
    QCOMPARE(int(first.socket().closeCode()), kCloseSessionEnded);
    QCOMPARE(int(second.socket().closeCode()), kCloseSessionEnded);
    QCOMPARE(m_http.get(api("me"), m_aliceCookie).status, 401);
    QCOMPARE(m_http.get(api("me"), bobCookie).json().value("username").toString(),
             QStringLiteral("bob"));

    WsClient newBob;
    QVERIFY(newBob.openAndWaitForWelcome(m_host->wsUrl(), bobCookie));
    QCOMPARE(newBob.framesOfType("welcome").first().value("username").toString(),
             QStringLiteral("bob"));
    const QString text = QStringLiteral("sent from the browser alice used");
    newBob.sendChat(text);
    QVERIFY(m_bob->waitFor(isChat(text)));
    const auto chats = m_bob->framesOfType("chat");
    const auto sent = std::find_if(chats.begin(), chats.end(), isChat(text));
    QCOMPARE(sent->value("username").toString(), QStringLiteral("bob"));
    const auto fromAlice = [](const QJsonObject &frame) {
        return frame.value("username") == QLatin1String("alice");
    };
    QCOMPARE(countMatching(chats, fromAlice), 0);
    QCOMPARE(countMatching(m_bob->frames(), isPresence("alice", false)), 1);
}

void tst_SessionEnd::plantedCookieRejected_data()
{
    QTest::addColumn<QByteArray>("planted");
    QTest::addColumn<bool>("registering");

    const QByteArray wellFormed = "confab_sid=" + QByteArray(43, 'A');
    QTest::newRow("well-formed, login") << wellFormed << false;
    QTest::newRow("well-formed, register") << wellFormed << true;
    QTest::newRow("base64url alphabet, login")
        << QByteArray("confab_sid=abcdefghijklmnopqrstuvwxyz-_0123456789ABCDEFG") << false;
    QTest::newRow("malformed, login") << QByteArray("confab_sid=planted-by-attacker") << false;
    QTest::newRow("two values, login")
        << "confab_sid=" + QByteArray(43, 'B') + "; confab_sid=" + QByteArray(43, 'C') << false;
}

void tst_SessionEnd::plantedCookieRejected()
{
    QFETCH(QByteArray, planted);
    QFETCH(bool, registering);

    const HttpResult result = registering
        ? m_http.postJson(api("register"), {{"username", "carol"}, {"password", kPassword}},
                          planted)
        : m_http.postJson(api("login"), {{"username", "alice"}, {"password", kPassword}},
                          planted);
    QCOMPARE(result.status, registering ? 201 : 200);
    const QByteArray fresh = result.sessionCookie();
    QVERIFY(!fresh.isEmpty());
    QVERIFY(!planted.contains(fresh.mid(fresh.indexOf('=') + 1)));

    QCOMPARE(m_http.get(api("me"), planted).status, 401);
    QCOMPARE(handshakeStatus(planted), kUnauthorized);
    QCOMPARE(m_http.get(api("me"), fresh).status, 200);
    WsClient client;
    QVERIFY(client.openAndWaitForWelcome(m_host->wsUrl(), fresh));
}

void tst_SessionEnd::deadPeerDropped_data()
{
    QTest::addColumn<int>("pingIntervalMs");
    QTest::addColumn<int>("pongTimeoutMs");
    QTest::newRow("timeout longer than interval") << 200 << 300;
    QTest::newRow("timeout shorter than interval") << 300 << 200;
}

void tst_SessionEnd::deadPeerDropped()
{
    QFETCH(int, pingIntervalMs);
    QFETCH(int, pongTimeoutMs);

    confab::HostConfig config;
    config.pingInterval = std::chrono::milliseconds(pingIntervalMs);
    config.pongTimeout = std::chrono::milliseconds(pongTimeoutMs);
    startHost(config);
    const QByteArray carolCookie = m_http.registerUser(m_host->url(), "carol", kPassword);
    QVERIFY(!carolCookie.isEmpty());

    // Carol's client completed the handshake and then hung: it reads, but never sends a pong.
    RawWebSocket carol;
    QVERIFY(carol.open(m_host->port(), carolCookie));
    QVERIFY(carol.waitForMessage(isWelcome));
    QVERIFY(m_bob->waitFor(isPresence("carol", true)));

    const int dropBoundMs = 2 * (pingIntervalMs + pongTimeoutMs) + 1000;
    QVERIFY(m_bob->waitFor(isPresence("carol", false), dropBoundMs));
    QVERIFY(carol.frameCount(WsOpcode::Ping) >= 1);
    QVERIFY(carol.waitForDisconnect(3000));
    QVERIFY(carol.closeCode().has_value());
    QCOMPARE(*carol.closeCode(), kClosePingTimeout);

    QVERIFY(bobRoundTrip());
    QCOMPARE(countMatching(m_bob->frames(), isPresence("carol", false)), 1);
    // Bob's QWebSocket sends a pong for every ping, so he stays through several rounds.
    QVERIFY(m_bob->isConnected());
    const QJsonArray users = m_http.get(api("users"), m_bobCookie).jsonArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().toObject().value("username").toString(), QStringLiteral("bob"));
}

QTEST_GUILESS_MAIN(tst_SessionEnd)
#include "tst_sessionend.moc"
