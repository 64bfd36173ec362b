#include "hostlimits.h"
#include "processmemory.h"
#include "rawconnection.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "testclients.h"
#include "testhost.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <memory>
#include <vector>

using namespace confab;

namespace {

const QString kPassword = QStringLiteral("correct horse");
constexpr int kCloseFlooding = 4429;
constexpr qint64 kMiB = 1024 * 1024;

// Token buckets refill continuously, one token every window / burst: 2 s for sign-ins by
// address, 6 s by username, 500 ms for chat. A test that takes longer than that may see one
// more request admitted per period, which these return.
qint64 addressRefills(qint64 elapsedMs)
{
    return elapsedMs * limits::kAuthAttemptsPerAddress
        / std::chrono::milliseconds(limits::kAuthRateWindow).count();
}

qint64 chatRefills(qint64 elapsedMs)
{
    return elapsedMs * limits::kChatMessagesPerWindow
        / std::chrono::milliseconds(limits::kChatRateWindow).count();
}

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

std::function<bool(const QJsonObject &)> isChatFrom(const QString &username)
{
    return [username](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat")
            && frame.value("username") == username;
    };
}

// Matches a message of GET /api/messages, which has no "type".
std::function<bool(const QJsonObject &)> isChatFromStored(const QString &username)
{
    return [username](const QJsonObject &message) {
        return message.value("username") == username;
    };
}

QList<QJsonObject> objects(const QJsonArray &array)
{
    QList<QJsonObject> result;
    for (const QJsonValue &value : array) {
        result.append(value.toObject());
    }
    return result;
}

bool isError(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("error");
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

// The largest send buffer Linux lets a TCP socket grow to (the third value of tcp_wmem).
qint64 maxKernelSendBuffer()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/tcp_wmem"));
    if (!file.open(QIODevice::ReadOnly)) {
        return 4 * kMiB; // the kernel's default
    }
    return file.readAll().simplified().split(' ').value(2).toLongLong();
}

// Logins sent at once on connections of their own, so that the host admits all of them
// within a few milliseconds and no bucket refills in between.
class LoginBurst
{
public:
    void send(quint16 port, const QStringList &usernames, const QString &password)
    {
        for (qsizetype i = 0; i < usernames.size(); ++i) {
            auto connection = std::make_unique<RawConnection>();
            if (connection->connectTo(port)) {
                m_connections.push_back(std::move(connection));
            }
        }
        for (int i = 0; i < int(m_connections.size()); ++i) {
            m_connections[i]->write(buildLoginRequest(port, usernames.value(i), password));
        }
    }

    // Waits until every login has its response; returns false on timeout.
    bool waitForAnswers(int timeoutMs = 15000) const
    {
        return QTest::qWaitFor(
            [this] {
                return std::all_of(m_connections.begin(), m_connections.end(), [](const auto &c) {
                    return !parseHttpResponses(c->received()).isEmpty();
                });
            },
            timeoutMs);
    }

    int connectionCount() const { return int(m_connections.size()); }
    QList<RawHttpResponse> answers(int status) const
    {
        QList<RawHttpResponse> matching;
        for (const auto &connection : m_connections) {
            const QList<RawHttpResponse> responses = parseHttpResponses(connection->received());
            if (!responses.isEmpty() && responses.first().status == status) {
                matching.append(responses.first());
            }
        }
        return matching;
    }

private:
    std::vector<std::unique_ptr<RawConnection>> m_connections;
};

QStringList numberedNames(const QString &prefix, int count)
{
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names.append(prefix + QString::number(i));
    }
    return names;
}

// Returns whether a Retry-After value is a positive number of seconds (RFC 9110 10.2.3).
bool isPositiveSeconds(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.toInt(&ok);
    return ok && seconds > 0 && value == QByteArray::number(seconds);
}

} // namespace

// Floods against a real host: sign-in guessing by address and by username, chat floods on
// one connection, and a client that stops reading while others flood the room.
class tst_Floods : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void loginLimitPerAddress();
    void loginLimitPerUsername();
    void chatLimitPerConnection();
    void stalledReaderDropped();

private:
    QUrl api(const QString &path) const { return m_host->url(QStringLiteral("/api/") + path); }

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
};

void tst_Floods::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
}

void tst_Floods::cleanup()
{
    m_host.reset();
}

void tst_Floods::loginLimitPerAddress()
{
    // Every name is different, so only the address bucket applies.
    LoginBurst burst;
    burst.send(m_host->port(), numberedNames("nobody", limits::kAuthAttemptsPerAddress + 1),
               kPassword);
    QCOMPARE(burst.connectionCount(), limits::kAuthAttemptsPerAddress + 1);
    QVERIFY(burst.waitForAnswers());

    QCOMPARE(burst.answers(401).size(), limits::kAuthAttemptsPerAddress);
    const QList<RawHttpResponse> limited = burst.answers(429);
    QCOMPARE(limited.size(), 1);
    const QByteArray retryAfter = limited.first().header("retry-after");
    QVERIFY2(isPositiveSeconds(retryAfter), retryAfter.constData());
    QVERIFY(limited.first().body.contains("\"error\""));

    // Registering counts against the same bucket.
    const HttpResult registered =
        m_http.postJson(api("register"), {{"username", "carol"}, {"password", kPassword}});
    QCOMPARE(registered.status, 429);
}

void tst_Floods::loginLimitPerUsername()
{
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(!m_http.registerUser(m_host->url(), "alice", kPassword).isEmpty());
    int addressAttempts = 1;

    LoginBurst guesses;
    guesses.send(m_host->port(),
                 QStringList(limits::kLoginAttemptsPerUsername + 1, QStringLiteral("alice")),
                 QStringLiteral("wrong password"));
    QVERIFY(guesses.waitForAnswers());
    addressAttempts += guesses.connectionCount();
    QCOMPARE(guesses.answers(401).size(), limits::kLoginAttemptsPerUsername);
    const QList<RawHttpResponse> limited = guesses.answers(429);
    QCOMPARE(limited.size(), 1);
    QVERIFY2(isPositiveSeconds(limited.first().header("retry-after")),
             limited.first().header("retry-after").constData());

    // The name stays limited even for the right password.
    const HttpResult right =
        m_http.postJson(api("login"), {{"username", "ALICE"}, {"password", kPassword}});
    ++addressAttempts;
    QCOMPARE(right.status, 429);

    // Other names from the same address still get 401 until the address runs out.
    int othersAnswered = 0;
    int status = 401;
    for (int i = 0; status == 401 && i < 2 * limits::kAuthAttemptsPerAddress; ++i) {
        status = m_http.postJson(api("login"), {{"username", QStringLiteral("other%1").arg(i)},
                                                {"password", kPassword}})
                     .status;
        othersAnswered += status == 401 ? 1 : 0;
    }
    QCOMPARE(status, 429);
    const int expected = limits::kAuthAttemptsPerAddress - addressAttempts;
    const qint64 slack = addressRefills(elapsed.elapsed());
    QVERIFY2(othersAnswered >= expected && othersAnswered <= expected + slack,
             qPrintable(QStringLiteral("%1 other names answered, expected %2 (+%3 refilled)")
                            .arg(othersAnswered)
                            .arg(expected)
                            .arg(slack)));
}

void tst_Floods::chatLimitPerConnection()
{
    const QByteArray aliceCookie = m_http.registerUser(m_host->url(), "alice", kPassword);
    const QByteArray bobCookie = m_http.registerUser(m_host->url(), "bob", kPassword);
    WsClient alice;
    WsClient bob;
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), bobCookie));
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), aliceCookie));

    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i <= limits::kChatMessagesPerWindow; ++i) {
        alice.sendChat(QStringLiteral("burst %1").arg(i));
    }
    QVERIFY(alice.waitFor(isError));
    QVERIFY(alice.framesOfType("error").first().value("error").toString().contains("too many"));
    QVERIFY(alice.isConnected());

    // Every further frame is rejected, and the one after kMaxChatRejections in a row closes.
    for (int i = 0; i < 2 * limits::kMaxChatRejections; ++i) {
        alice.sendChat(QStringLiteral("flood %1").arg(i));
    }
    QVERIFY(alice.waitForDisconnect());
    const qint64 floodMs = elapsed.elapsed();
    QCOMPARE(int(alice.socket().closeCode()), kCloseFlooding);

    // Bob's own message comes back after every message of alice's that was stored.
    bob.sendChat("bob after the flood");
    QVERIFY(bob.waitFor(isChat("bob after the flood")));
    const int broadcast = countMatching(bob.frames(), isChatFrom("alice"));
    const qint64 slack = chatRefills(floodMs);
    QVERIFY2(broadcast >= limits::kChatMessagesPerWindow
                 && broadcast <= limits::kChatMessagesPerWindow + slack,
             qPrintable(QStringLiteral("%1 of alice's messages were broadcast").arg(broadcast)));
    QCOMPARE(countMatching(bob.frames(), isChat("flood 0")), 0);
    QCOMPARE(countMatching(bob.frames(), isError), 0);
    QVERIFY(bob.isConnected());

    QUrl historyUrl = api("messages");
    historyUrl.setQuery(QStringLiteral("limit=%1").arg(limits::kMaxHistoryPage));
    const HttpResult history = m_http.get(historyUrl, bobCookie);
    QCOMPARE(history.status, 200);
    QCOMPARE(countMatching(objects(history.jsonArray()), isChatFromStored("alice")), broadcast);
}

void tst_Floods::stalledReaderDropped()
{
    // The flood comes from one user in bursts, so this host lets a user send far more than
    // the default limit.
    confab::HostConfig config;
    config.chatMessagesPerWindow = 100000;
    m_host = std::make_unique<TestHost>(config);
    QVERIFY(m_host->start());
    const QByteArray bobCookie = m_http.registerUser(m_host->url(), "bob", kPassword);
    const QByteArray carolCookie = m_http.registerUser(m_host->url(), "carol", kPassword);
    WsClient bob;
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), bobCookie));

    // Carol's client completes the handshake and then stops reading.
    constexpr int kReceiveBufferBytes = 4096;
    RawWebSocket carol;
    QVERIFY(carol.open(m_host->port(), carolCookie));
    QVERIFY(carol.waitForMessage(isWelcome));
    QVERIFY(bob.waitFor(isPresence("carol", true)));
    carol.stopReading(kReceiveBufferBytes);

    QVERIFY(processmemory::resetPeak());
    const std::optional<qint64> baseline = processmemory::statusBytes("VmRSS");
    QVERIFY(baseline);

    // Control characters are escaped as \u00XX, so each message is about 24 KB on the wire.
    // Each flooding connection sends one burst and closes, and a closed one does not receive
    // the rest of the flood.
    const QString message(limits::kMaxMessageLength, QChar(0x01));
    const qint64 frameBytes = 6 * qint64(message.size());
    const qint64 floodCap = 16 * limits::kMaxPendingOutgoingBytes;
    qint64 broadcastBytes = 0;
    const auto carolLeft = [&bob] {
        return countMatching(bob.frames(), isPresence("carol", false)) > 0;
    };
    const auto isAnyChat = [](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat");
    };
    while (!carolLeft() && broadcastBytes < floodCap) {
        WsClient flooder;
        QVERIFY(flooder.openAndWaitForWelcome(m_host->wsUrl(), bobCookie));
        const int before = int(flooder.frames().size());
        for (int i = 0; i < limits::kChatMessagesPerWindow; ++i) {
            flooder.sendChat(message);
        }
        // Only one flooder is open at a time, so every chat it receives is its own.
        QTRY_COMPARE_WITH_TIMEOUT(countMatching(flooder.frames().mid(before), isAnyChat),
                                  limits::kChatMessagesPerWindow, 10000);
        broadcastBytes += limits::kChatMessagesPerWindow * frameBytes;
    }
    QVERIFY2(carolLeft(),
             qPrintable(QStringLiteral("carol still connected after %1 MiB of broadcast")
                            .arg(broadcastBytes / kMiB)));

    // Dropped only once the queue passed the limit: what carol was sent fills the host's queue,
    // the kernel send buffer and carol's shrunken receive buffer, plus at most one burst.
    QVERIFY2(broadcastBytes >= limits::kMaxPendingOutgoingBytes,
             qPrintable(QStringLiteral("dropped after %1 bytes").arg(broadcastBytes)));
    const qint64 dropBound = limits::kMaxPendingOutgoingBytes + maxKernelSendBuffer()
        + 2 * kReceiveBufferBytes + limits::kChatMessagesPerWindow * frameBytes;
    QVERIFY2(broadcastBytes <= dropBound,
             qPrintable(QStringLiteral("dropped after %1 bytes, bound %2")
                            .arg(broadcastBytes)
                            .arg(dropBound)));

    // The queue is capped at kMaxPendingOutgoingBytes plus one frame, and the test's own
    // clients keep each frame of the flood as JSON; 64 MiB leaves room for both.
    const qint64 growth =
        processmemory::statusBytes("VmHWM").value_or(std::numeric_limits<qint64>::max())
        - *baseline;
    QVERIFY2(growth <= 64 * kMiB,
             qPrintable(QStringLiteral("resident size grew by %1 MiB").arg(growth / kMiB)));

    // The host's kernel may still be sending what it had queued. A frame that reaches a socket
    // the host has closed gets a reset (RST) in response, which ends carol's connection.
    carol.resumeReading();
    carol.sendFrame(WsOpcode::Ping, "anyone there");
    QVERIFY(carol.waitForDisconnect());
    bob.sendChat("bob after the flood");
    QVERIFY(bob.waitFor(isChat("bob after the flood")));
    const QJsonArray users = m_http.get(api("users"), bobCookie).jsonArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().toObject().value("username").toString(), QStringLiteral("bob"));
}

QTEST_GUILESS_MAIN(tst_Floods)
#include "tst_floods.moc"
