#include "hostlimits.h"
#include "processmemory.h"
#include "rawconnection.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "testclients.h"
#include "testhost.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace confab;

namespace {

const QString kPassword = QStringLiteral("correct horse");
constexpr qint64 kMiB = 1024 * 1024;

// The test process runs the host, so its resident size is the host's plus the test's own
// clients. Rejecting an oversized message takes one socket read (what the kernel has queued
// for that socket) and one 64 KiB frame, and the growth measured here was under 0.5 MiB.
// Buffering the 10 MB message would pass this bound, because Qt keeps a text message as
// UTF-16 (20 MB). Buffering the 100 MB one would pass it many times over.
constexpr qint64 kMaxResidentGrowth = 16 * kMiB;

// Arguments that make this executable a QWebSocket client in a child process, so that the
// client's copy of a 100 MB message does not count in the host's resident size.
const char kSenderFlag[] = "--send-large-message";
constexpr qint64 kHugeMessageBytes = 100 * 1000 * 1000;

constexpr qint64 kTinyFramesPayloadBytes = 10 * 1000 * 1000;
constexpr int kStalledConnections = 200;

std::function<bool(const QJsonObject &)> isChatFrom(const QString &username, const QString &text)
{
    return [username, text](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat")
            && frame.value("username") == username && frame.value("message") == text;
    };
}

bool isWelcome(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("welcome");
}

// A chat frame with every UTF-16 code unit of the message written as a \uXXXX escape, which
// is valid JSON that no JSON library writes on its own: six bytes on the wire per unit.
QByteArray chatFrameEscapingEveryUnit(const QString &message)
{
    QByteArray frame = R"({"type":"chat","message":")";
    for (const QChar unit : message) {
        frame += "\\u" + QByteArray::number(unit.unicode(), 16).rightJustified(4, '0');
    }
    return frame + "\"}";
}

QByteArray randomBytes(qsizetype count, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(count, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = char(generator.bounded(256));
    }
    return bytes;
}

// Returns the statuses of the responses in `bytes` as text, for example "401 413", so that a
// failed comparison shows them.
QByteArray statusText(const QByteArray &bytes)
{
    QByteArrayList statuses;
    for (const int status : httpStatuses(bytes)) {
        statuses.append(QByteArray::number(status));
    }
    return statuses.join(' ');
}

// A client that reads while it sends, as browsers do: it writes a request in chunks, each once
// the previous one has drained, and stops sending once the host responds or closes.
class StreamingClient
{
public:
    StreamingClient()
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket,
                         [this] { m_received += m_socket.readAll(); });
    }

    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return QTest::qWaitFor([this] { return m_socket.state() != QAbstractSocket::ConnectingState
                                            && m_socket.state() != QAbstractSocket::HostLookupState; })
            && isConnected();
    }

    // Sends the next chunk and waits up to 5 s for it to drain. Returns false once there is
    // nothing more to send, the host has responded or closed, or the chunk did not drain.
    bool sendChunk()
    {
        if (m_offset >= m_request.size() || !m_received.isEmpty() || !isConnected()) {
            return false;
        }
        m_socket.write(m_request.mid(m_offset, kChunkBytes));
        m_offset += kChunkBytes;
        return QTest::qWaitFor([this] {
            return m_socket.bytesToWrite() == 0 || !m_received.isEmpty() || !isConnected();
        });
    }

    void setRequest(const QByteArray &request) { m_request = request; }
    bool waitForClose(int timeoutMs)
    {
        return QTest::qWaitFor([this] { return !isConnected(); }, timeoutMs);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QByteArray received() const { return m_received; }
    qsizetype sentBytes() const { return qMin(m_offset, m_request.size()); }

private:
    static constexpr qsizetype kChunkBytes = 64 * 1024;

    QTcpSocket m_socket;
    QByteArray m_request;
    QByteArray m_received;
    qsizetype m_offset = 0;
};

QByteArray repeatedLines(int count, const QByteArray &line)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i) {
        lines += line + QByteArray::number(i) + ": 1\r\n";
    }
    return lines;
}

// Runs in the child process: opens a QWebSocket with the cookie read from stdin, sends one
// chat message of `messageBytes` in frames of `frameBytes`, and prints what happened.
int runLargeMessageSender(const QStringList &arguments)
{
    const QUrl url(arguments.value(2));
    const qint64 messageBytes = arguments.value(3).toLongLong();
    const quint64 frameBytes = arguments.value(4).toULongLong();
    char cookie[256] = {};
    if (!std::fgets(cookie, sizeof cookie, stdin)) {
        std::puts("no cookie on stdin");
        return 2;
    }
    QWebSocket socket;
    socket.setOutgoingFrameSize(frameBytes);
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&socket, messageBytes] {
        std::puts("connected");
        std::fflush(stdout);
        const QString envelope = QStringLiteral(R"({"type":"chat","message":"%1"})");
        socket.sendTextMessage(envelope.arg(QString(qsizetype(messageBytes), QLatin1Char('a'))));
        std::puts("sent");
        std::fflush(stdout);
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&socket] {
        std::printf("close %d\n", int(socket.closeCode()));
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    QTimer::singleShot(std::chrono::seconds(30), &socket, [] {
        std::puts("timed out");
        QCoreApplication::exit(3);
    });
    QNetworkRequest request(url);
    request.setRawHeader("Cookie", QByteArray(cookie).trimmed());
    socket.open(request);
    return QCoreApplication::exec();
}

} // namespace

// Oversized, slow and malformed input against a real host while another user keeps chatting:
// the host must reject each attack without buffering it and without delaying anyone else.
class tst_Hostile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hugeMessageCloses_data();
    void hugeMessageCloses();
    void tinyFramesClose();
    void oversizedRequestRejected_data();
    void oversizedRequestRejected();
    void oversizedBodyOverQnam();
    void pipelinedOversized_data();
    void pipelinedOversized();
    void maxLengthMessage_data();
    void maxLengthMessage();
    void stalledHeadsDoNotBlock();
    void garbageClosed_data();
    void garbageClosed();

private:
    // Sends a chat from bob and waits for the host to broadcast it back to him.
    bool bobRoundTrip();
    // Returns the growth of the peak resident size since `baseline`, read from VmHWM.
    static qint64 residentGrowthSince(qint64 baseline);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
    QByteArray m_aliceCookie;
    QByteArray m_bobCookie;
    std::unique_ptr<WsClient> m_bob;
    int m_bobMessages = 0;
};

void tst_Hostile::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
    m_aliceCookie = m_http.registerUser(m_host->url(), "alice", kPassword);
    QVERIFY(!m_aliceCookie.isEmpty());
    m_bobCookie = m_http.registerUser(m_host->url(), "bob", kPassword);
    QVERIFY(!m_bobCookie.isEmpty());
    m_bob = std::make_unique<WsClient>();
    QVERIFY(m_bob->openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));
}

void tst_Hostile::cleanup()
{
    m_bob.reset();
    m_host.reset();
}

bool tst_Hostile::bobRoundTrip()
{
    const QString text = QStringLiteral("bob still here %1").arg(++m_bobMessages);
    const int from = int(m_bob->frames().size());
    m_bob->sendChat(text);
    return m_bob->waitFor(isChatFrom("bob", text), 5000, from);
}

qint64 tst_Hostile::residentGrowthSince(qint64 baseline)
{
    return processmemory::statusBytes("VmHWM").value_or(std::numeric_limits<qint64>::max())
        - baseline;
}

void tst_Hostile::hugeMessageCloses_data()
{
    QTest::addColumn<quint64>("frameBytes");
    // QWebSocket's default: the first frame alone is over the host's frame limit.
    QTest::newRow("512 KiB frames") << quint64(512 * 1024);
    // Every frame is within the frame limit, so only the message limit can stop it.
    QTest::newRow("16 KiB frames") << quint64(16 * 1024);
}

void tst_Hostile::hugeMessageCloses()
{
    QFETCH(quint64, frameBytes);

    QVERIFY(processmemory::resetPeak());
    const std::optional<qint64> baseline = processmemory::statusBytes("VmRSS");
    QVERIFY(baseline);

    QProcess sender;
    sender.start(QCoreApplication::applicationFilePath(),
                 {kSenderFlag, m_host->wsUrl().toString(), QString::number(kHugeMessageBytes),
                  QString::number(frameBytes)});
    QVERIFY2(sender.waitForStarted(), qPrintable(sender.errorString()));
    sender.write(m_aliceCookie + '\n');
    sender.closeWriteChannel();

    QByteArray output;
    const auto readOutput = [&] {
        output += sender.readAllStandardOutput();
        return output;
    };
    // Bob chats while the host receives the message.
    QTRY_VERIFY_WITH_TIMEOUT(readOutput().contains("sent\n")
                                 || sender.state() == QProcess::NotRunning,
                             20000);
    QVERIFY(bobRoundTrip());
    QTRY_VERIFY_WITH_TIMEOUT(sender.state() == QProcess::NotRunning, 40000);
    readOutput();

    QVERIFY2(output.contains("close 1009\n"), output.constData());
    QCOMPARE(sender.exitCode(), 0);
    const qint64 growth = residentGrowthSince(*baseline);
    QVERIFY2(growth <= kMaxResidentGrowth,
             qPrintable(QStringLiteral("resident size grew by %1 MiB").arg(growth / kMiB)));
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::tinyFramesClose()
{
    RawWebSocket alice;
    QVERIFY(alice.open(m_host->port(), m_aliceCookie));
    QVERIFY(alice.waitForMessage(isWelcome));

    QVERIFY(processmemory::resetPeak());
    const std::optional<qint64> baseline = processmemory::statusBytes("VmRSS");
    QVERIFY(baseline);

    // One text frame without FIN, then 1-byte continuations: 7 bytes on the wire per
    // payload byte, and a message that never ends.
    constexpr int kFramesPerChunk = 8192;
    QByteArray chunk;
    for (int i = 0; i < kFramesPerChunk; ++i) {
        chunk += encodeClientFrame(WsOpcode::Continuation, "a", false);
    }
    alice.sendFrame(WsOpcode::Text, "a", false);
    qint64 sent = 1;
    bool chattedDuring = false;
    const auto hostAnswered = [&] { return alice.closeCode().has_value() || !alice.isConnected(); };
    while (sent < kTinyFramesPayloadBytes && !hostAnswered()) {
        const bool drained = QTest::qWaitFor(
            [&] { return alice.bytesToWrite() < 64 * 1024 || hostAnswered(); }, 5000);
        QVERIFY2(drained, "the host stopped reading without closing");
        alice.writeRaw(chunk);
        sent += kFramesPerChunk;
        QCoreApplication::processEvents();
        if (!chattedDuring && sent > 2 * qint64(limits::kMaxIncomingMessageBytes)) {
            chattedDuring = true;
            QVERIFY(bobRoundTrip());
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(alice.closeCode().has_value(), 5000);
    QCOMPARE(*alice.closeCode(), 1009);
    QVERIFY2(sent < kTinyFramesPayloadBytes, "the host read the whole 10 MB message");
    const qint64 growth = residentGrowthSince(*baseline);
    QVERIFY2(growth <= kMaxResidentGrowth,
             qPrintable(QStringLiteral("resident size grew by %1 MiB").arg(growth / kMiB)));
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::oversizedRequestRejected_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("statuses");
    QTest::addColumn<bool>("closes");

    const QByteArray json = "Content-Type: application/json";
    QTest::newRow("1 MiB cookie")
        << buildHttpRequest("GET", "/api/me", 0, {"Cookie: confab_sid=" + QByteArray(kMiB, 'a')})
        << QByteArray("431") << true;
    QTest::newRow("10000 header lines")
        << buildHttpRequest("GET", "/api/me", 0, {repeatedLines(10000, "X-Filler-").trimmed()})
        << QByteArray("431") << true;
    // Together with Host, this many lines is one past kMaxRequestHeaderLines.
    QTest::newRow("101 header lines")
        << buildHttpRequest("GET", "/api/me", 0,
                            {repeatedLines(limits::kMaxRequestHeaderLines, "X-").trimmed()})
        << QByteArray("431") << true;
    QTest::newRow("100 header lines")
        << buildHttpRequest("GET", "/api/me", 0,
                            {repeatedLines(limits::kMaxRequestHeaderLines - 1, "X-").trimmed()})
        << QByteArray("401") << false;
    QTest::newRow("20 MiB body")
        << buildHttpRequest("POST", "/api/login", 0, {json}, QByteArray(20 * kMiB, 'x'))
        << QByteArray("413") << true;
    QTest::newRow("body one past the limit")
        << buildHttpRequest("POST", "/api/login", 0, {json},
                            QByteArray(limits::kMaxRequestBodyBytes + 1, ' '))
        << QByteArray("413") << true;
    QTest::newRow("chunked body")
        << buildHttpRequest("POST", "/api/login", 0, {json, "Transfer-Encoding: chunked"},
                            "2\r\n{}\r\n0\r\n\r\n")
        << QByteArray("411") << true;
    QTest::newRow("chunked 20 MiB")
        << buildHttpRequest("POST", "/api/login", 0, {json, "Transfer-Encoding: chunked"},
                            "1400000\r\n" + QByteArray(20 * kMiB, 'x') + "\r\n0\r\n\r\n")
        << QByteArray("411") << true;
    // Both framings at once is the classic request-smuggling setup (RFC 9112 section 6.3).
    QTest::newRow("chunked with length")
        << buildHttpRequest("POST", "/api/login", 0,
                            {json, "Transfer-Encoding: chunked", "Content-Length: 7"},
                            "2\r\n{}\r\n0\r\n\r\n")
        << QByteArray("411") << true;
    QTest::newRow("two lengths")
        << buildHttpRequest("POST", "/api/login", 0,
                            {json, "Content-Length: 2", "Content-Length: 20000000"}, "{}")
        << QByteArray("400") << true;
}

void tst_Hostile::oversizedRequestRejected()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, statuses);
    QFETCH(bool, closes);

    StreamingClient attacker;
    QVERIFY(attacker.connectTo(m_host->port()));
    attacker.setRequest(request);
    attacker.sendChunk();
    QVERIFY(bobRoundTrip());
    while (attacker.sendChunk()) {
    }
    if (closes) {
        QVERIFY(attacker.waitForClose(5000));
    } else {
        QTRY_VERIFY(!attacker.received().isEmpty());
    }
    QCOMPARE(statusText(attacker.received()), statuses);
    if (request.size() > kMiB) {
        QVERIFY2(attacker.sentBytes() < request.size(),
                 "the host read the whole request before answering");
    }
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::oversizedBodyOverQnam()
{
    const HttpResult result = m_http.post(m_host->url("/api/login"), QByteArray(20 * kMiB, 'x'),
                                          "application/json");
    QCOMPARE(result.status, 413);
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::pipelinedOversized_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<bool>("pipelined");
    QTest::addColumn<QByteArray>("statuses");

    const QByteArray me = buildHttpRequest("GET", "/api/me", 0);
    const QByteArray oversized = buildHttpRequest(
        "POST", "/api/login", 0, {"Content-Type: application/json", "Content-Length: 20000000"});
    QTest::newRow("oversized second, pipelined") << me << oversized << true << QByteArray("401 413");
    QTest::newRow("oversized second, after the answer")
        << me << oversized << false << QByteArray("401 413");
    // A Content-Length shorter than the body: the rest is read as the next request head.
    QTest::newRow("short length, pipelined")
        << buildHttpRequest("POST", "/api/login", 0,
                            {"Content-Type: application/json", "Content-Length: 2"}, "{}")
        << QByteArray(20000, 'x') << true << QByteArray("400 431");
}

void tst_Hostile::pipelinedOversized()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(bool, pipelined);
    QFETCH(QByteArray, statuses);

    RawConnection client;
    QVERIFY(client.connectTo(m_host->port()));
    if (pipelined) {
        client.write(first + second);
    } else {
        client.write(first);
        QTRY_COMPARE(parseHttpResponses(client.received()).size(), 1);
        client.write(second);
    }
    QVERIFY(client.waitForClose(5000));
    if (pipelined) {
        QEXPECT_FAIL("", "a request rejected by the guard drops the pipelined requests before "
                         "it in the same read; only the rejection is answered",
                     Continue);
    }
    QCOMPARE(statusText(client.received()), statuses);
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::maxLengthMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("escapeEveryUnit");
    QTest::addColumn<bool>("delivered");

    const int max = limits::kMaxMessageLength;
    const QString astral = QStringLiteral("\U0001F600"); // two UTF-16 code units
    QTest::newRow("ascii") << QString(max, u'a') << false << true;
    QTest::newRow("three-byte UTF-8") << QString(max, QChar(0x20AC)) << false << true;
    QTest::newRow("surrogate pairs") << astral.repeated(max / 2) << false << true;
    QTest::newRow("control characters") << QString(max, QChar(0x01)) << false << true;
    QTest::newRow("every unit escaped") << astral.repeated(max / 2) << true << true;
    QTest::newRow("one unit over") << QString(max + 1, u'a') << false << false;
    QTest::newRow("pair crossing the limit")
        << QString(max - 1, u'a') + astral << false << false;
}

void tst_Hostile::maxLengthMessage()
{
    QFETCH(QString, message);
    QFETCH(bool, escapeEveryUnit);
    QFETCH(bool, delivered);

    WsClient alice;
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    const int from = int(m_bob->frames().size());
    if (escapeEveryUnit) {
        alice.socket().sendTextMessage(QString::fromLatin1(chatFrameEscapingEveryUnit(message)));
    } else {
        alice.sendChat(message);
    }
    if (delivered) {
        QVERIFY(m_bob->waitFor(isChatFrom("alice", message), 5000, from));
        return;
    }
    QVERIFY(alice.waitForFrame("error"));
    // Alice's next message arrives after the rejected one would have, had it been broadcast.
    alice.sendChat("after");
    QVERIFY(m_bob->waitFor(isChatFrom("alice", "after"), 5000, from));
    const auto chats = m_bob->framesOfType("chat");
    const bool leaked = std::any_of(chats.begin(), chats.end(), isChatFrom("alice", message));
    QVERIFY(!leaked);
    QVERIFY(alice.isConnected());
}

void tst_Hostile::stalledHeadsDoNotBlock()
{
    std::vector<std::unique_ptr<RawConnection>> stalled;
    for (int i = 0; i < kStalledConnections; ++i) {
        auto connection = std::make_unique<RawConnection>();
        QVERIFY(connection->connectTo(m_host->port()));
        connection->write("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl");
        stalled.push_back(std::move(connection));
    }
    const auto openCount = [&stalled] {
        return std::count_if(stalled.begin(), stalled.end(),
                             [](const auto &connection) { return connection->isConnected(); });
    };

    // One second is a correctness bound here: without the stalled connections both steps take
    // a few tens of milliseconds, and a host that served connections in turn would take 10 s.
    QElapsedTimer timer;
    timer.start();
    const QByteArray cookie = m_http.login(m_host->url(), "alice", kPassword);
    const qint64 loginMs = timer.elapsed();
    QVERIFY(!cookie.isEmpty());
    QVERIFY2(loginMs < 1000, qPrintable(QStringLiteral("login took %1 ms").arg(loginMs)));

    WsClient alice;
    timer.restart();
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), cookie));
    const qint64 connectMs = timer.elapsed();
    QVERIFY2(connectMs < 1000,
             qPrintable(QStringLiteral("WebSocket connect took %1 ms").arg(connectMs)));
    QVERIFY(bobRoundTrip());
    QCOMPARE(openCount(), kStalledConnections);

    QTRY_COMPARE_WITH_TIMEOUT(openCount(), 0,
                              std::chrono::milliseconds(limits::kRequestHeadTimeout).count()
                                  + 2000);
    const auto timedOut = std::count_if(stalled.begin(), stalled.end(), [](const auto &c) {
        return httpStatuses(c->received()) == QList<int>{408};
    });
    QCOMPARE(timedOut, kStalledConnections);
    QVERIFY(alice.isConnected());
    QVERIFY(bobRoundTrip());
}

void tst_Hostile::garbageClosed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("allowedStatuses");
    QTest::addColumn<bool>("responseRequired");

    QTest::newRow("random binary 64 KiB") << randomBytes(64 * 1024, 1) << QList<int>{400, 431}
                                          << false;
    QTest::newRow("random binary head")
        << randomBytes(256, 2).replace('\r', 'r').replace('\n', 'n') + "\r\n\r\n"
        << QList<int>{400} << true;
    QTest::newRow("NUL bytes") << QByteArray(1024, '\0') + "\r\n\r\n" << QList<int>{400} << true;
    QTest::newRow("20 KB line without CRLF") << QByteArray(20000, 'G') << QList<int>{431} << true;
    QTest::newRow("HTTP/9.9") << QByteArray("GET / HTTP/9.9\r\n\r\n") << QList<int>{400} << true;
    // RFC 9112 section 5.1 requires a 400 for white space between a field name and the colon.
    QTest::newRow("space before colon")
        << QByteArray("GET /api/me HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n") << QList<int>{400}
        << true;
}

void tst_Hostile::garbageClosed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, allowedStatuses);
    QFETCH(bool, responseRequired);

    RawConnection attacker;
    QVERIFY(attacker.connectTo(m_host->port()));
    attacker.write(bytes);

    // The next client is served while the garbage is still being dealt with.
    QCOMPARE(m_http.get(m_host->url("/api/me")).status, 401);
    QVERIFY(bobRoundTrip());

    // Well within kRequestHeadTimeout, so the close is a rejection and not the timeout.
    QVERIFY(attacker.waitForClose(3000));
    const QList<int> statuses = httpStatuses(attacker.received());
    QVERIFY2(statuses.size() <= 1, attacker.received().left(200).constData());
    if (responseRequired) {
        QCOMPARE(statuses.size(), 1);
    }
    if (!statuses.isEmpty()) {
        QVERIFY2(allowedStatuses.contains(statuses.first()),
                 attacker.statusLine().constData());
    }
    QCOMPARE(m_http.get(m_host->url("/api/me")).status, 401);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], kSenderFlag) == 0) {
        return runLargeMessageSender(app.arguments());
    }
    tst_Hostile test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hostile.moc"
