#include "hostlimits.h"
#include "testclients.h"
#include "testhost.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <vector>

namespace {

const QString kPassword = QStringLiteral("correct horse");

bool isChat(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("chat");
}

QList<QJsonObject> chatFrames(const WsClient &client)
{
    QList<QJsonObject> frames;
    for (const QJsonObject &frame : client.frames()) {
        if (isChat(frame)) {
            QJsonObject message = frame;
            message.remove("type");
            frames.append(message);
        }
    }
    return frames;
}

QList<qint64> idsOf(const QList<QJsonObject> &messages)
{
    QList<qint64> ids;
    for (const QJsonObject &message : messages) {
        ids.append(message.value("id").toInteger());
    }
    return ids;
}

QList<QJsonObject> objectsOf(const QJsonArray &array)
{
    QList<QJsonObject> objects;
    for (const QJsonValue &value : array) {
        objects.append(value.toObject());
    }
    return objects;
}

bool strictlyIncreasing(const QList<qint64> &ids)
{
    return std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<qint64>()) == ids.end();
}

} // namespace

// Chat history against a real host: broadcast order, GET /api/messages paging, the welcome's
// history, and what survives a restart on the same SQLite file.
namespace {
// The flood limit of this suite's host, above any batch a test sends.
constexpr int kChatLimit = 1000;
} // namespace

class tst_History : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void broadcastInIdOrder();
    void pagesJoinUp_data();
    void pagesJoinUp();
    void pageBounds();
    void welcomeHasLast50();
    void storedTextMatchesLive_data();
    void storedTextMatchesLive();
    void historySurvivesRestart();
    void accountsSurviveRestart();
    void sessionSurvivesRestart();

private:
    QByteArray signUp(const QString &username);
    std::unique_ptr<WsClient> join(const QByteArray &cookie);
    HttpResult messages(const QByteArray &cookie, const QString &query = {});
    // Sends `count` chat frames "<prefix> <n>" round-robin from `senders` without waiting, and
    // waits until `receiver` has them all. Returns false on a timeout.
    bool sendMessages(const std::vector<WsClient *> &senders, int count, const QString &prefix,
                      WsClient &receiver);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
};

void tst_History::init()
{
    // These tests send more messages per user than the chat flood limit allows by default.
    confab::HostConfig config;
    config.chatMessagesPerWindow = kChatLimit;
    m_host = std::make_unique<TestHost>(config);
    QVERIFY(m_host->start());
}

void tst_History::cleanup()
{
    m_host.reset();
}

QByteArray tst_History::signUp(const QString &username)
{
    return m_http.registerUser(m_host->url(), username, kPassword);
}

std::unique_ptr<WsClient> tst_History::join(const QByteArray &cookie)
{
    auto client = std::make_unique<WsClient>();
    if (!client->openAndWaitForWelcome(m_host->wsUrl(), cookie)) {
        return nullptr;
    }
    return client;
}

HttpResult tst_History::messages(const QByteArray &cookie, const QString &query)
{
    QUrl url = m_host->url("/api/messages");
    url.setQuery(query);
    return m_http.get(url, cookie);
}

bool tst_History::sendMessages(const std::vector<WsClient *> &senders, int count,
                               const QString &prefix, WsClient &receiver)
{
    // Each user may send a burst of kChatLimit frames before the host's flood limit replies
    // with error frames.
    if (count > kChatLimit) {
        qWarning("%d messages exceed the chat flood limit of this suite's host", count);
        return false;
    }
    const qsizetype before = chatFrames(receiver).size();
    for (int i = 0; i < count; ++i) {
        senders.at(std::size_t(i) % senders.size())
            ->sendChat(QStringLiteral("%1 %2").arg(prefix).arg(i));
    }
    return QTest::qWaitFor([&] { return chatFrames(receiver).size() >= before + count; }, 10000);
}

void tst_History::broadcastInIdOrder()
{
    const QByteArray aliceCookie = signUp("alice");
    const QByteArray bobCookie = signUp("bob");
    std::vector<std::unique_ptr<WsClient>> clients;
    for (const QByteArray &cookie : {aliceCookie, bobCookie, aliceCookie, bobCookie}) {
        clients.push_back(join(cookie));
        QVERIFY(clients.back());
    }
    const auto watcher = join(signUp("carol"));
    QVERIFY(watcher);

    // Two users, each on two sockets, interleaved and sent without waiting for replies.
    constexpr int kCount = 50;
    QVERIFY(sendMessages({clients[0].get(), clients[1].get(), clients[2].get(), clients[3].get()},
                         kCount, "m", *watcher));
    for (const auto &client : clients) {
        QTRY_COMPARE(chatFrames(*client).size(), kCount);
    }

    const QList<QJsonObject> order = chatFrames(*watcher);
    QCOMPARE(order.size(), kCount);
    QVERIFY(strictlyIncreasing(idsOf(order)));
    // Time stamps follow the ids, so sorting by sentAt gives the same order.
    for (int i = 1; i < order.size(); ++i) {
        QVERIFY(order.at(i - 1).value("sentAt").toString()
                <= order.at(i).value("sentAt").toString());
    }
    for (const auto &client : clients) {
        QCOMPARE(chatFrames(*client), order);
    }
    // The store's own order is the broadcast order.
    QCOMPARE(objectsOf(messages(aliceCookie, "limit=200").jsonArray()), order);

    // Each socket's frames keep the order it sent them in, because the host reads one socket
    // in order and stores one frame at a time.
    for (int sender = 0; sender < 4; ++sender) {
        QList<int> sequence;
        for (const QJsonObject &message : order) {
            const int n = message.value("message").toString().mid(2).toInt();
            if (n % 4 == sender) {
                sequence.append(n);
            }
        }
        QVERIFY(std::is_sorted(sequence.begin(), sequence.end()));
        QCOMPARE(sequence.size(), kCount / 4 + (sender < kCount % 4 ? 1 : 0));
    }
}

void tst_History::pagesJoinUp_data()
{
    QTest::addColumn<int>("pageSize");

    QTest::newRow("pages of 1") << 1;
    QTest::newRow("pages of 7") << 7;
    QTest::newRow("pages of 10") << 10;
    QTest::newRow("one page") << 200;
}

void tst_History::pagesJoinUp()
{
    QFETCH(int, pageSize);
    const QByteArray cookie = signUp("alice");
    const auto first = join(cookie);
    QVERIFY(first);
    const auto second = join(cookie);
    QVERIFY(second);
    constexpr int kCount = 40;
    QVERIFY(sendMessages({first.get(), second.get()}, kCount, "page", *first));
    const QList<QJsonObject> sent = chatFrames(*first);

    // Walks from the newest page back to the oldest, each time before the oldest id seen.
    QList<QList<QJsonObject>> pages;
    QString query = QStringLiteral("limit=%1").arg(pageSize);
    for (int request = 0; request <= kCount; ++request) {
        const HttpResult page = messages(cookie, query);
        QCOMPARE(page.status, 200);
        const QList<QJsonObject> items = objectsOf(page.jsonArray());
        if (items.isEmpty()) {
            break;
        }
        QVERIFY(strictlyIncreasing(idsOf(items)));
        pages.prepend(items);
        query = QStringLiteral("limit=%1&before=%2").arg(pageSize).arg(idsOf(items).first());
    }

    QCOMPARE(pages.size(), (kCount + pageSize - 1) / pageSize);
    QCOMPARE(pages.first().size(), kCount - (pages.size() - 1) * pageSize);
    QList<QJsonObject> joined;
    for (int i = 0; i < pages.size(); ++i) {
        if (i > 0) {
            QCOMPARE(pages.at(i).size(), pageSize); // only the oldest page may be short
        }
        joined += pages.at(i);
    }
    // Joined oldest first, the pages are exactly what was sent: no gap and no repeat.
    QCOMPARE(joined, sent);
}

void tst_History::pageBounds()
{
    const QByteArray cookie = signUp("alice");
    const auto alice = join(cookie);
    QVERIFY(alice);
    QVERIFY(sendMessages({alice.get()}, 5, "bound", *alice));
    const QList<qint64> ids = idsOf(chatFrames(*alice));

    QCOMPARE(idsOf(objectsOf(messages(cookie).jsonArray())), ids);
    QCOMPARE(idsOf(objectsOf(messages(cookie, "limit=2").jsonArray())), ids.mid(3));
    QCOMPARE(
        idsOf(objectsOf(messages(cookie, QStringLiteral("before=%1").arg(ids.at(2))).jsonArray())),
        ids.mid(0, 2));
    QCOMPARE(idsOf(objectsOf(
                 messages(cookie, QStringLiteral("before=%1").arg(ids.last() + 100)).jsonArray())),
             ids);
    QCOMPARE(messages(cookie, QStringLiteral("before=%1").arg(ids.first())).jsonArray().size(), 0);
}

void tst_History::welcomeHasLast50()
{
    const QByteArray cookie = signUp("alice");
    std::vector<std::unique_ptr<WsClient>> senders;
    for (int i = 0; i < 4; ++i) {
        senders.push_back(join(cookie));
        QVERIFY(senders.back());
    }
    constexpr int kCount = confab::limits::kWelcomeHistoryCount + 10;
    QVERIFY(sendMessages({senders[0].get(), senders[1].get(), senders[2].get(), senders[3].get()},
                         kCount, "w", *senders[0]));
    const QList<QJsonObject> sent = chatFrames(*senders[0]);

    const auto late = join(signUp("bob"));
    QVERIFY(late);
    const QJsonArray history = late->frames().first().value("history").toArray();
    QCOMPARE(objectsOf(history), sent.mid(kCount - confab::limits::kWelcomeHistoryCount));
    // GET /api/messages without a limit returns the same newest page.
    QCOMPARE(objectsOf(messages(cookie).jsonArray()),
             sent.mid(kCount - confab::limits::kDefaultHistoryPage));
}

void tst_History::storedTextMatchesLive_data()
{
    QTest::addColumn<QString>("frame");

    // Escapes that decode to text that is not valid UTF-16. The host may reject it with an
    // error frame, but what it broadcasts and what it stores must be the same text.
    QTest::newRow("lone high surrogate") << R"({"type":"chat","message":"x\ud800y"})";
    QTest::newRow("lone low surrogate") << R"({"type":"chat","message":"x\udc00y"})";
    QTest::newRow("high surrogate at end") << R"({"type":"chat","message":"x\ud800"})";
    QTest::newRow("swapped pair") << R"({"type":"chat","message":"\ude00\ud83d"})";
    QTest::newRow("nul character") << R"({"type":"chat","message":"a\u0000b"})";
    QTest::newRow("escaped emoji") << R"({"type":"chat","message":"\ud83d\ude00"})";
}

void tst_History::storedTextMatchesLive()
{
    QFETCH(QString, frame);
    const QByteArray cookie = signUp("alice");
    const auto alice = join(cookie);
    QVERIFY(alice);

    alice->socket().sendTextMessage(frame);
    QVERIFY(alice->waitFor([](const QJsonObject &reply) {
        return isChat(reply) || reply.value("type") == QLatin1String("error");
    }));
    const QList<QJsonObject> live = chatFrames(*alice);
    const QJsonArray stored = messages(cookie).jsonArray();
    if (live.isEmpty()) {
        QCOMPARE(stored.size(), 0); // rejected, so nothing was stored either
        return;
    }
    const QString liveText = live.first().value("message").toString();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().toObject().value("message").toString(), liveText);

    const auto late = join(signUp("bob"));
    QVERIFY(late);
    const QJsonArray history = late->frames().first().value("history").toArray();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().toObject().value("message").toString(), liveText);
}

void tst_History::historySurvivesRestart()
{
    const QByteArray aliceCookie = signUp("alice");
    const QByteArray bobCookie = signUp("bob");
    QList<QJsonObject> sent;
    {
        std::vector<std::unique_ptr<WsClient>> senders;
        for (const QByteArray &cookie : {aliceCookie, bobCookie, aliceCookie, bobCookie}) {
            senders.push_back(join(cookie));
            QVERIFY(senders.back());
        }
        QVERIFY(
            sendMessages({senders[0].get(), senders[1].get(), senders[2].get(), senders[3].get()},
                         60, "r", *senders[0]));
        sent = chatFrames(*senders[0]);
    }
    const QJsonArray before = messages(aliceCookie, "limit=200").jsonArray();
    QCOMPARE(objectsOf(before), sent);

    QVERIFY(m_host->restart());
    const QByteArray cookie = m_http.login(m_host->url(), "alice", kPassword);
    QVERIFY(!cookie.isEmpty());
    QCOMPARE(messages(cookie, "limit=200").jsonArray(), before);

    const auto alice = join(cookie);
    QVERIFY(alice);
    const QJsonArray history = alice->frames().first().value("history").toArray();
    QCOMPARE(objectsOf(history), sent.mid(sent.size() - confab::limits::kWelcomeHistoryCount));

    // New messages continue after the old ids instead of reusing them.
    alice->sendChat("after restart");
    QVERIFY(alice->waitFor(isChat));
    QVERIFY(chatFrames(*alice).first().value("id").toInteger() > idsOf(sent).last());
}

void tst_History::accountsSurviveRestart()
{
    QVERIFY(!signUp("Alice").isEmpty());
    QVERIFY(!signUp("bob").isEmpty());
    QVERIFY(m_host->restart());

    const HttpResult login = m_http.postJson(m_host->url("/api/login"),
                                             {{"username", "alice"}, {"password", kPassword}});
    QCOMPARE(login.status, 200);
    QCOMPARE(login.json().value("username").toString(), QStringLiteral("Alice"));
    QVERIFY(!m_http.login(m_host->url(), "bob", kPassword).isEmpty());

    const HttpResult wrongPassword = m_http.postJson(
        m_host->url("/api/login"), {{"username", "bob"}, {"password", "wrong horse"}});
    QCOMPARE(wrongPassword.status, 401);
    const HttpResult taken = m_http.postJson(m_host->url("/api/register"),
                                             {{"username", "ALICE"}, {"password", kPassword}});
    QCOMPARE(taken.status, 409);
}

void tst_History::sessionSurvivesRestart()
{
    // Sessions live in the store, so a signed-in client stays signed in across a restart.
    const QByteArray cookie = signUp("alice");
    QVERIFY(m_host->restart());
    QCOMPARE(m_http.get(m_host->url("/api/me"), cookie).status, 200);
    QVERIFY(join(cookie));
}

QTEST_GUILESS_MAIN(tst_History)
#include "tst_history.moc"
