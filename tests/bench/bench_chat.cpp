// Measures a headless host in its own process on 127.0.0.1: sign-in latency, host memory per
// idle WebSocket, and broadcast throughput. Prints the figures; asserts nothing.
//
//   bench_chat [sockets] [users]        defaults: 500 sockets shared by 10 users
//
// Every socket sends one chat message, so each run delivers sockets x sockets frames. The user
// count stays below the per-address sign-in rate limit.

#include "testclients.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return -1;
}

double percentile(QList<qint64> values, double fraction)
{
    std::sort(values.begin(), values.end());
    return double(values.at(qMin(values.size() - 1, qsizetype(fraction * values.size()))));
}

struct Host
{
    QTemporaryDir dir;
    QProcess process;
    QUrl url;

    bool start()
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(CONFAB_BIN),
                      {"host", "--headless", "--port", "0", "--bind", "127.0.0.1", "--db",
                       dir.filePath("bench.sqlite")});
        if (!QTest::qWaitFor([this] { return process.canReadLine(); }, 15000)) {
            return false;
        }
        url = QUrl(QString::fromUtf8(process.readLine().trimmed()));
        return url.isValid() && url.port() > 0;
    }
    ~Host()
    {
        process.terminate();
        process.waitForFinished(10000);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int socketCount = argc > 1 ? std::max(2, atoi(argv[1])) : 500;
    const int userCount = argc > 2 ? std::clamp(atoi(argv[2]), 1, 20) : 10;

    Host host;
    if (!host.start()) {
        std::fprintf(stderr, "the host did not start: %s\n",
                     host.process.readAllStandardError().constData());
        return 1;
    }
    const qint64 pid = host.process.processId();
    std::printf("host %s, pid %lld\n", qPrintable(host.url.toString()), pid);

    HttpClient http;
    QList<QByteArray> cookies;
    QList<qint64> signInMs;
    for (int i = 0; i < userCount; ++i) {
        QElapsedTimer timer;
        timer.start();
        cookies.append(http.registerUser(host.url, QStringLiteral("user%1").arg(i),
                                         QStringLiteral("bench-password")));
        signInMs.append(timer.elapsed());
        if (cookies.last().isEmpty()) {
            std::fprintf(stderr, "registration %d failed\n", i);
            return 1;
        }
    }
    std::printf("register (Argon2id 19 MiB, t=2): median %.0f ms, max %.0f ms over %d\n",
                percentile(signInMs, 0.5), percentile(signInMs, 1.0), userCount);

    QUrl wsUrl = host.url;
    wsUrl.setScheme(QStringLiteral("ws"));
    wsUrl.setPath(QStringLiteral("/ws"));
    const qint64 rssBefore = residentKiB(pid);
    // Plain sockets that only count frames, so that client-side parsing does not dominate.
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    int welcomes = 0;
    qint64 delivered = 0;
    QElapsedTimer connectTimer;
    connectTimer.start();
    for (int i = 0; i < socketCount; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived,
                         [&welcomes, &delivered](const QString &frame) {
                             if (frame.contains(QLatin1String("\"type\":\"chat\""))) {
                                 ++delivered;
                             } else if (frame.contains(QLatin1String("\"type\":\"welcome\""))) {
                                 ++welcomes;
                             }
                         });
        QNetworkRequest request(wsUrl);
        request.setRawHeader("Cookie", cookies.at(i % userCount));
        socket->open(request);
        sockets.push_back(std::move(socket));
    }
    if (!QTest::qWaitFor([&] { return welcomes == socketCount; }, 120000)) {
        std::fprintf(stderr, "only %d of %d sockets got their welcome\n", welcomes, socketCount);
        return 1;
    }
    const qint64 connectMs = connectTimer.elapsed();
    const qint64 rssAfter = residentKiB(pid);
    std::printf("%d sockets connected and welcomed in %lld ms\n", socketCount, connectMs);
    std::printf("host RSS %lld KiB -> %lld KiB: %.1f KiB per socket\n", rssBefore, rssAfter,
                double(rssAfter - rssBefore) / socketCount);

    const qint64 expected = qint64(socketCount) * socketCount;
    const QString frame = QStringLiteral("{\"type\":\"chat\",\"message\":\"benchmark\"}");
    QElapsedTimer broadcastTimer;
    broadcastTimer.start();
    for (const auto &socket : sockets) {
        socket->sendTextMessage(frame);
    }
    const bool allDelivered = QTest::qWaitFor([&] { return delivered >= expected; }, 300000);
    const qint64 broadcastMs = qMax<qint64>(1, broadcastTimer.elapsed());
    std::printf("%lld of %lld chat frames delivered in %lld ms: %.0f deliveries/s, "
                "%.0f stored messages/s\n",
                delivered, expected, broadcastMs, double(delivered) * 1000.0 / double(broadcastMs),
                double(socketCount) * 1000.0 / double(broadcastMs));
    std::printf("host RSS after the broadcast: %lld KiB\n", residentKiB(pid));
    return allDelivered ? 0 : 1;
}
