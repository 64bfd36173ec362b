#include "chatclient.h"

#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace confab;
using namespace confab::desktop;

class TestHeadless : public QObject
{
    Q_OBJECT

private slots:
    void stopsOnSignal_data();
    void stopsOnSignal();
    void helpExitsZero();
    void invalidArgumentsExitTwo_data();
    void invalidArgumentsExitTwo();
    void portInUseExitsOne();
    void windowWithoutDisplayExitsOne();

private:
    // Starts confab with arguments and an environment that has no display.
    static void startConfab(QProcess &process, const QStringList &arguments);
    QTemporaryDir m_dir;
};

void TestHeadless::startConfab(QProcess &process, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Without a display, and with the product's default logging rules, as a service runs it.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_LOGGING_RULES"}) {
        environment.remove(QLatin1String(name));
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(CONFAB_EXECUTABLE), arguments);
}

void TestHeadless::stopsOnSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestHeadless::stopsOnSignal()
{
    QFETCH(int, signalNumber);
    QProcess process;
    const QString database = m_dir.filePath(QStringLiteral("headless-%1.sqlite").arg(signalNumber));
    startConfab(process,
                {"host", "--headless", "--port", "0", "--bind", "127.0.0.1", "--db", database});
    QVERIFY(process.waitForStarted());
    auto killOnFailure = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning,
                             10000);
    const QUrl shareUrl(QString::fromUtf8(process.readLine().trimmed()));
    QCOMPARE(shareUrl.scheme(), QStringLiteral("http"));
    QCOMPARE(shareUrl.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(shareUrl.port() > 0);

    ChatClient client;
    QSignalSpy welcome(&client, &ChatClient::welcome);
    client.registerAccount(shareUrl, "alice", "correct horse");
    QVERIFY(welcome.wait(10000));
    QSignalSpy disconnected(&client, &ChatClient::disconnected);

    QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("The host shut down."));
    const QString log = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(log.contains("host stopped"), qPrintable(log));
    QVERIFY2(!log.contains("correct horse"), qPrintable(log));
    QVERIFY(process.readAllStandardOutput().trimmed().isEmpty());
}

void TestHeadless::helpExitsZero()
{
    QProcess process;
    startConfab(process, {"--help"});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *option :
         {"--port", "--bind", "--db", "--allow-origin", "--tls-cert", "--tls-key", "--headless"}) {
        QVERIFY2(help.contains(QLatin1String(option)), option);
    }
}

void TestHeadless::invalidArgumentsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("port out of range")
        << QStringList {"host", "--headless", "--port", "70000"} << "Invalid port";
    QTest::newRow("unknown bind address")
        << QStringList {"host", "--headless", "--bind", "nowhere.invalid"}
        << "Invalid bind address";
    QTest::newRow("unknown option") << QStringList {"host", "--headless", "--colour"} << "colour";
    QTest::newRow("join without url") << QStringList {"join"} << "takes one host address";
}

void TestHeadless::invalidArgumentsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, errorPart);
    QProcess process;
    startConfab(process, arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestHeadless::portInUseExitsOne()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    QProcess process;
    startConfab(process,
                {"host", "--headless", "--port", QString::number(occupier.serverPort()), "--db",
                 m_dir.filePath("busy.sqlite")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(!process.readAllStandardError().isEmpty());
}

void TestHeadless::windowWithoutDisplayExitsOne()
{
    QProcess process;
    startConfab(process, {"host", "--port", "0", "--db", m_dir.filePath("window.sqlite")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QByteArray error = process.readAllStandardError();
    QVERIFY2(error.contains("--headless"), error.constData());
    QVERIFY(!QFileInfo::exists(m_dir.filePath("window.sqlite")));
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
