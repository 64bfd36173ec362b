#include "rawconnection.h"
#include "testclients.h"
#include "testhost.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

namespace {

const QString kPassword = QStringLiteral("correct horse");

QJsonObject userEntry(const QString &username, int connections)
{
    return {{"username", username}, {"connections", connections}};
}

QJsonObject presenceFrame(const QString &username, bool connected, int currentUsers)
{
    return {{"type", "user"},
            {"username", username},
            {"connected", connected},
            {"currentUsers", currentUsers}};
}

bool isPresence(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("user");
}

QList<QJsonObject> presenceFrames(const WsClient &client, int from = 0)
{
    QList<QJsonObject> frames;
    const QList<QJsonObject> all = client.frames();
    for (int i = from; i < all.size(); ++i) {
        if (isPresence(all.at(i))) {
            frames.append(all.at(i));
        }
    }
    return frames;
}

} // namespace

// Presence against a real host: who is online in welcome frames and GET /api/users, and the
// user frames sent when a user's first socket opens and their last one closes.
class tst_Presence : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void twoConnectionsOneEntry();
    void joinAndLeaveOncePerUser();
    void currentUsersFollowsEvents();
    void abortedSocketLeaves();
    void logoutLeavesOnce();
    void rejectedHandshakesSilent();
    void droppedUpgradeLeavesNoUser_data();
    void droppedUpgradeLeavesNoUser();

private:
    QByteArray signUp(const QString &username);
    std::unique_ptr<WsClient> join(const QByteArray &cookie);
    QJsonArray onlineUsers();
    // Sends a chat frame from `client` and waits for it to come back. Every frame the host
    // sent that socket before handling the chat frame has then arrived.
    bool sync(WsClient &client);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
    QByteArray m_readerCookie; // a signed-in user who only reads GET /api/users
    int m_syncCount = 0;
};

void tst_Presence::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
    m_readerCookie = signUp("reader");
    QVERIFY(!m_readerCookie.isEmpty());
}

void tst_Presence::cleanup()
{
    m_host.reset();
}

QByteArray tst_Presence::signUp(const QString &username)
{
    return m_http.registerUser(m_host->url(), username, kPassword);
}

std::unique_ptr<WsClient> tst_Presence::join(const QByteArray &cookie)
{
    auto client = std::make_unique<WsClient>();
    if (!client->openAndWaitForWelcome(m_host->wsUrl(), cookie)) {
        return nullptr;
    }
    return client;
}

QJsonArray tst_Presence::onlineUsers()
{
    return m_http.get(m_host->url("/api/users"), m_readerCookie).jsonArray();
}

bool tst_Presence::sync(WsClient &client)
{
    const QString marker = QStringLiteral("sync %1").arg(++m_syncCount);
    const int from = int(client.frames().size());
    client.sendChat(marker);
    return client.waitFor(
        [&marker](const QJsonObject &frame) { return frame.value("message") == marker; }, 5000,
        from);
}

void tst_Presence::twoConnectionsOneEntry()
{
    const QByteArray aliceCookie = signUp("alice");
    const auto first = join(aliceCookie);
    QVERIFY(first);
    const auto second = join(aliceCookie);
    QVERIFY(second);

    const QJsonArray expected {userEntry("alice", 2)};
    QCOMPARE(second->frames().first().value("users").toArray(), expected);
    QCOMPARE(onlineUsers(), expected);

    // A user who is already online is not announced again, not even to themselves.
    QVERIFY(sync(*first));
    QCOMPARE(presenceFrames(*first).size(), 0);

    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const QJsonArray withBob {userEntry("alice", 2), userEntry("bob", 1)};
    QCOMPARE(bob->frames().first().value("users").toArray(), withBob);
    QCOMPARE(onlineUsers(), withBob);
}

void tst_Presence::joinAndLeaveOncePerUser()
{
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const QByteArray aliceCookie = signUp("alice");

    const auto first = join(aliceCookie);
    QVERIFY(first);
    const auto second = join(aliceCookie);
    QVERIFY(second);
    QVERIFY(sync(*bob));
    QCOMPARE(presenceFrames(*bob), QList<QJsonObject> {presenceFrame("alice", true, 2)});

    // Closing one of two sockets leaves Alice online, so the host sends no user frame.
    first->socket().close();
    QVERIFY(first->waitForDisconnect());
    QTRY_COMPARE(onlineUsers(), QJsonArray({userEntry("alice", 1), userEntry("bob", 1)}));
    QVERIFY(sync(*bob));
    QCOMPARE(presenceFrames(*bob).size(), 1);

    second->socket().close();
    QVERIFY(second->waitForDisconnect());
    QTRY_COMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
    QVERIFY(sync(*bob));
    QCOMPARE(
        presenceFrames(*bob),
        QList<QJsonObject>({presenceFrame("alice", true, 2), presenceFrame("alice", false, 1)}));
}

void tst_Presence::currentUsersFollowsEvents()
{
    const auto watcher = join(signUp("carol"));
    QVERIFY(watcher);
    const QByteArray aliceCookie = signUp("alice");
    const QByteArray bobCookie = signUp("bob");

    auto alice1 = join(aliceCookie);
    QVERIFY(alice1);
    auto bob1 = join(bobCookie);
    QVERIFY(bob1);
    auto alice2 = join(aliceCookie);
    QVERIFY(alice2);
    QCOMPARE(onlineUsers(),
             QJsonArray({userEntry("alice", 2), userEntry("bob", 1), userEntry("carol", 1)}));

    alice1.reset();
    QTRY_COMPARE(onlineUsers(),
                 QJsonArray({userEntry("alice", 1), userEntry("bob", 1), userEntry("carol", 1)}));
    bob1.reset();
    QTRY_COMPARE(onlineUsers(), QJsonArray({userEntry("alice", 1), userEntry("carol", 1)}));
    alice2.reset();
    QTRY_COMPARE(onlineUsers(), QJsonArray {userEntry("carol", 1)});
    const auto alice3 = join(aliceCookie);
    QVERIFY(alice3);
    QCOMPARE(onlineUsers(), QJsonArray({userEntry("alice", 1), userEntry("carol", 1)}));

    QVERIFY(sync(*watcher));
    const QList<QJsonObject> expected {
        presenceFrame("alice", true, 2), presenceFrame("bob", true, 3),
        presenceFrame("bob", false, 2),  presenceFrame("alice", false, 1),
        presenceFrame("alice", true, 2),
    };
    const QList<QJsonObject> seen = presenceFrames(*watcher);
    QCOMPARE(seen, expected);
    for (const QJsonObject &frame : seen) {
        QVERIFY(frame.value("currentUsers").toInt() >= 1);
    }
}

void tst_Presence::abortedSocketLeaves()
{
    // A client that vanishes without a close handshake still goes offline.
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const auto alice = join(signUp("alice"));
    QVERIFY(alice);
    QVERIFY(bob->waitFor(isPresence));

    alice->socket().abort();
    QVERIFY(bob->waitFor(
        [](const QJsonObject &frame) { return frame == presenceFrame("alice", false, 1); }));
    QCOMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
}

void tst_Presence::logoutLeavesOnce()
{
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const QByteArray aliceCookie = signUp("alice");
    const auto first = join(aliceCookie);
    QVERIFY(first);
    const auto second = join(aliceCookie);
    QVERIFY(second);

    const HttpResult logout
        = m_http.post(m_host->url("/api/logout"), {}, "application/json", aliceCookie);
    QCOMPARE(logout.status, 204);
    QVERIFY(first->waitForDisconnect());
    QVERIFY(second->waitForDisconnect());
    QTRY_COMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
    QVERIFY(sync(*bob));
    QCOMPARE(
        presenceFrames(*bob),
        QList<QJsonObject>({presenceFrame("alice", true, 2), presenceFrame("alice", false, 1)}));
}

void tst_Presence::rejectedHandshakesSilent()
{
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const QByteArray aliceCookie = signUp("alice");
    const int start = int(bob->frames().size());

    const QByteArray forged = "confab_sid=" + QByteArray(43, 'A');
    for (int i = 0; i < 10; ++i) {
        WsClient rejected;
        rejected.open(m_host->wsUrl(), i % 2 == 0 ? QByteArray() : forged);
        QVERIFY(rejected.waitForDisconnect());
        QVERIFY(rejected.frames().isEmpty());
    }

    // Heads cut off at different points, some with a live session cookie.
    const QByteArray complete = webSocketUpgradeRequest(m_host->port(), {"Cookie: " + aliceCookie});
    const QList<QByteArray> partial {
        complete.left(6), // inside the request line
        complete.left(complete.indexOf("\r\n") + 2), // the request line only
        complete.left(complete.indexOf("Cookie:")),
        complete.left(complete.indexOf("Cookie:") + 20), // inside the cookie value
        complete.chopped(2), // all but the blank line
    };
    for (int i = 0; i < 10; ++i) {
        RawConnection raw;
        QVERIFY(raw.connectTo(m_host->port()));
        raw.write(partial.at(i % partial.size()));
        raw.abort();
    }

    QCOMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
    QVERIFY(sync(*bob));
    QCOMPARE(presenceFrames(*bob, start).size(), 0);
    QCOMPARE(bob->frames().size() - start, 1); // the sync chat frame only
    QVERIFY(bob->isConnected());
}

void tst_Presence::droppedUpgradeLeavesNoUser_data()
{
    QTest::addColumn<bool>("waitForUpgrade");

    QTest::newRow("before the response") << false;
    QTest::newRow("after the upgrade") << true;
}

void tst_Presence::droppedUpgradeLeavesNoUser()
{
    // A client that sends a valid handshake and drops the TCP connection must not stay online.
    QFETCH(bool, waitForUpgrade);
    const auto bob = join(signUp("bob"));
    QVERIFY(bob);
    const QByteArray aliceCookie = signUp("alice");
    const int start = int(bob->frames().size());

    for (int i = 0; i < 10; ++i) {
        RawConnection raw;
        QVERIFY(raw.connectTo(m_host->port()));
        raw.write(webSocketUpgradeRequest(m_host->port(), {"Cookie: " + aliceCookie}));
        if (waitForUpgrade) {
            QTRY_VERIFY(raw.received().contains("\r\n\r\n"));
            QVERIFY2(raw.statusLine().startsWith("HTTP/1.1 101"), raw.statusLine().constData());
        }
        raw.abort();
    }

    QTRY_COMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
    QVERIFY(sync(*bob));
    // Checked again after the sync round trip, in case an upgrade was still in progress.
    QCOMPARE(onlineUsers(), QJsonArray {userEntry("bob", 1)});
    const QList<QJsonObject> frames = presenceFrames(*bob, start);
    const auto joins = std::count(frames.begin(), frames.end(), presenceFrame("alice", true, 2));
    const auto leaves = std::count(frames.begin(), frames.end(), presenceFrame("alice", false, 1));
    QCOMPARE(joins, leaves);
    QCOMPARE(joins + leaves, frames.size());
}

QTEST_GUILESS_MAIN(tst_Presence)
#include "tst_presence.moc"
