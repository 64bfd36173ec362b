#include "chatclient.h"
#include "hostfixture.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace confab;
using namespace confab::desktop;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("correct horse");

QStringList capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog.append(message);
}

} // namespace

class TestChatClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void registerOpensSocket();
    void usersSeeEachOther();
    void chatBothWays();
    void markupArrivesVerbatim();
    void welcomeCarriesHistory();
    void logoutShowsLeave();
    void messageLengthLimit();
    void reconnectAfterDisconnect();
    void hostShutdownDisconnects();
    void expiredSessionRejectsReconnect();
    void expiredSessionClosesSocket();
    void deadHostDetected();
    void logNeverShowsSecrets();

private:
    // Registers username on client and waits for the welcome frame.
    static bool registerAndJoin(ChatClient &client, const QUrl &url, const QString &username);

    std::unique_ptr<HostFixture> m_host;
};

bool TestChatClient::registerAndJoin(ChatClient &client, const QUrl &url, const QString &username)
{
    QSignalSpy welcome(&client, &ChatClient::welcome);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    client.registerAccount(url, username, kPassword);
    if (!welcome.wait(10000)) {
        qWarning() << "no welcome for" << username << failed;
        return false;
    }
    return client.state() == ChatClient::State::Connected;
}

void TestChatClient::init()
{
    m_host = std::make_unique<HostFixture>();
    QVERIFY2(m_host->start(), qPrintable(m_host->server()->errorString()));
}

void TestChatClient::registerOpensSocket()
{
    ChatClient alice;
    QSignalSpy loggedIn(&alice, &ChatClient::loggedIn);
    QSignalSpy welcome(&alice, &ChatClient::welcome);
    alice.registerAccount(m_host->url(), "alice", kPassword);
    QVERIFY(welcome.wait());
    QCOMPARE(loggedIn.count(), 1);
    QCOMPARE(loggedIn.at(0).at(0).toString(), QStringLiteral("alice"));
    QCOMPARE(welcome.at(0).at(0).toString(), QStringLiteral("alice"));
    const auto users = welcome.at(0).at(1).value<QList<UserPresence>>();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.at(0).username, QStringLiteral("alice"));
    QCOMPARE(users.at(0).connections, 1);
    QVERIFY(welcome.at(0).at(2).value<QList<ChatMessage>>().isEmpty());
    QCOMPARE(alice.state(), ChatClient::State::Connected);
    QVERIFY(alice.hasSession());
}

void TestChatClient::usersSeeEachOther()
{
    ChatClient alice;
    ChatClient bob;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy aliceSeesJoin(&alice, &ChatClient::userJoined);
    QSignalSpy bobWelcome(&bob, &ChatClient::welcome);
    QVERIFY(registerAndJoin(bob, m_host->url(), "bob"));

    QTRY_COMPARE(aliceSeesJoin.count(), 1);
    QCOMPARE(aliceSeesJoin.at(0).at(0).toString(), QStringLiteral("bob"));
    QCOMPARE(aliceSeesJoin.at(0).at(1).toInt(), 2);
    const auto users = bobWelcome.at(0).at(1).value<QList<UserPresence>>();
    QCOMPARE(users.size(), 2);
    QCOMPARE(users.at(0).username, QStringLiteral("alice"));
    QCOMPARE(users.at(1).username, QStringLiteral("bob"));
}

void TestChatClient::chatBothWays()
{
    ChatClient alice;
    ChatClient bob;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QVERIFY(registerAndJoin(bob, m_host->url(), "bob"));
    QSignalSpy aliceChat(&alice, &ChatClient::chatReceived);
    QSignalSpy bobChat(&bob, &ChatClient::chatReceived);

    QVERIFY(alice.sendMessage("hi bob"));
    QTRY_COMPARE(bobChat.count(), 1);
    QTRY_COMPARE(aliceChat.count(), 1);
    QCOMPARE(bobChat.at(0).at(1).toString(), QStringLiteral("alice"));
    QCOMPARE(bobChat.at(0).at(2).toString(), QStringLiteral("hi bob"));
    QVERIFY(bobChat.at(0).at(3).toDateTime().isValid());
    const qint64 firstId = bobChat.at(0).at(0).toLongLong();

    QVERIFY(bob.sendMessage("hello alice"));
    QTRY_COMPARE(aliceChat.count(), 2);
    QCOMPARE(aliceChat.at(1).at(1).toString(), QStringLiteral("bob"));
    QCOMPARE(aliceChat.at(1).at(2).toString(), QStringLiteral("hello alice"));
    QVERIFY(aliceChat.at(1).at(0).toLongLong() > firstId);
}

void TestChatClient::markupArrivesVerbatim()
{
    ChatClient alice;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy chat(&alice, &ChatClient::chatReceived);
    const QString message = QStringLiteral("<b>x</b> <img src=x> \"quoted\" \\ 😀");
    QVERIFY(alice.sendMessage(message));
    QTRY_COMPARE(chat.count(), 1);
    QCOMPARE(chat.at(0).at(2).toString(), message);
}

void TestChatClient::welcomeCarriesHistory()
{
    ChatClient alice;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy chat(&alice, &ChatClient::chatReceived);
    QVERIFY(alice.sendMessage("first"));
    QVERIFY(alice.sendMessage("second"));
    QTRY_COMPARE(chat.count(), 2);

    ChatClient carol;
    QSignalSpy welcome(&carol, &ChatClient::welcome);
    QVERIFY(registerAndJoin(carol, m_host->url(), "carol"));
    const auto history = welcome.at(0).at(2).value<QList<ChatMessage>>();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).message, QStringLiteral("first"));
    QCOMPARE(history.at(1).message, QStringLiteral("second"));
    QCOMPARE(history.at(1).username, QStringLiteral("alice"));
    QVERIFY(history.at(0).id < history.at(1).id);
}

void TestChatClient::logoutShowsLeave()
{
    ChatClient alice;
    ChatClient bob;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QVERIFY(registerAndJoin(bob, m_host->url(), "bob"));
    QSignalSpy left(&alice, &ChatClient::userLeft);
    QSignalSpy loggedOut(&bob, &ChatClient::loggedOut);
    QSignalSpy sessionEnded(&bob, &ChatClient::sessionEnded);

    bob.logout();
    QVERIFY(loggedOut.wait());
    QTRY_COMPARE(left.count(), 1);
    QCOMPARE(left.at(0).at(0).toString(), QStringLiteral("bob"));
    QCOMPARE(left.at(0).at(1).toInt(), 1);
    QCOMPARE(sessionEnded.count(), 0);
    QCOMPARE(bob.state(), ChatClient::State::LoggedOut);
    QVERIFY(!bob.hasSession());

    // The ended session stays ended, so reconnect() does nothing until the next login.
    bob.reconnect();
    QCOMPARE(bob.state(), ChatClient::State::LoggedOut);
}

void TestChatClient::messageLengthLimit()
{
    ChatClient alice;
    QVERIFY(!alice.sendMessage("not connected yet"));
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy chat(&alice, &ChatClient::chatReceived);
    QSignalSpy errors(&alice, &ChatClient::serverError);
    QVERIFY(!alice.sendMessage(QString(kMaxMessageLength + 1, QLatin1Char('a'))));
    QVERIFY(!alice.sendMessage("   "));
    QVERIFY(alice.sendMessage(QString(kMaxMessageLength, QLatin1Char('a'))));
    QTRY_COMPARE(chat.count(), 1);
    QCOMPARE(chat.at(0).at(2).toString().size(), kMaxMessageLength);
    QCOMPARE(errors.count(), 0);
}

void TestChatClient::reconnectAfterDisconnect()
{
    ChatClient alice;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy disconnected(&alice, &ChatClient::disconnected);
    alice.disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("Disconnected."));
    QCOMPARE(alice.state(), ChatClient::State::Disconnected);
    QVERIFY(alice.hasSession());

    QSignalSpy welcome(&alice, &ChatClient::welcome);
    alice.reconnect();
    QVERIFY(welcome.wait());
    QCOMPARE(alice.state(), ChatClient::State::Connected);
}

void TestChatClient::hostShutdownDisconnects()
{
    ChatClient alice;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy disconnected(&alice, &ChatClient::disconnected);
    QSignalSpy sessionEnded(&alice, &ChatClient::sessionEnded);
    m_host->server()->stop();
    QVERIFY(disconnected.wait());
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("The host shut down."));
    QCOMPARE(sessionEnded.count(), 0);
    QVERIFY(alice.hasSession());
}

void TestChatClient::expiredSessionRejectsReconnect()
{
    m_host = std::make_unique<HostFixture>();
    QVERIFY(m_host->start(2s));
    ChatClient alice;
    const QDeadlineTimer expiry(2500ms);
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy disconnected(&alice, &ChatClient::disconnected);
    alice.disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);

    // The host expires a session a fixed time after issuing it, so only the clock can tell.
    QTRY_VERIFY_WITH_TIMEOUT(expiry.hasExpired(), 5000);
    QSignalSpy sessionEnded(&alice, &ChatClient::sessionEnded);
    alice.reconnect();
    QVERIFY(sessionEnded.wait());
    QCOMPARE(sessionEnded.at(0).at(0).toString(),
             QStringLiteral("Your session ended. Log in again."));
    QCOMPARE(alice.state(), ChatClient::State::LoggedOut);
    QVERIFY(!alice.hasSession());
}

void TestChatClient::expiredSessionClosesSocket()
{
    m_host = std::make_unique<HostFixture>();
    QVERIFY(m_host->start(1s));
    ChatClient alice;
    QSignalSpy sessionEnded(&alice, &ChatClient::sessionEnded);
    QSignalSpy disconnected(&alice, &ChatClient::disconnected);
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    // The host rechecks open sockets' sessions and closes this one with 4401 once it expires.
    QVERIFY(sessionEnded.wait(10000));
    QCOMPARE(disconnected.count(), 0);
    QCOMPARE(alice.state(), ChatClient::State::LoggedOut);
}

void TestChatClient::deadHostDetected()
{
    // The host runs on a thread of its own here, so the test can stall it like a hung host.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QThread hostThread;
    auto server = new HostServer(HostFixture::testConfig(dir));
    server->moveToThread(&hostThread);
    connect(&hostThread, &QThread::finished, server, &QObject::deleteLater);
    hostThread.start();
    QSemaphore gate;
    auto cleanup = qScopeGuard([&] {
        gate.release();
        QMetaObject::invokeMethod(
            server, [server] { server->stop(); }, Qt::BlockingQueuedConnection);
        hostThread.quit();
        hostThread.wait();
    });
    bool started = false;
    QUrl url;
    QMetaObject::invokeMethod(
        server,
        [&] {
            started = server->start();
            url = server->localUrl();
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(started);

    ChatClient alice;
    alice.setPingTiming(100ms, 400ms);
    QVERIFY(registerAndJoin(alice, url, "alice"));
    QSignalSpy disconnected(&alice, &ChatClient::disconnected);
    QMetaObject::invokeMethod(
        server, [&gate] { gate.acquire(); }, Qt::QueuedConnection);
    QVERIFY(disconnected.wait(5000));
    QVERIFY2(disconnected.at(0).at(0).toString().contains("pings"),
             qPrintable(disconnected.at(0).at(0).toString()));
    QCOMPARE(alice.state(), ChatClient::State::Disconnected);
}

void TestChatClient::logNeverShowsSecrets()
{
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.debug=true"));
    capturedLog.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QStringLiteral("confab.*.debug=false"));
    });

    ChatClient alice;
    QVERIFY(registerAndJoin(alice, m_host->url(), "alice"));
    QSignalSpy loggedOut(&alice, &ChatClient::loggedOut);
    alice.logout();
    QVERIFY(loggedOut.wait());
    ChatClient intruder;
    QSignalSpy failed(&intruder, &ChatClient::loginFailed);
    intruder.login(m_host->url(), "alice", "wrong password");
    QVERIFY(failed.wait());

    restore.dismiss();
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.debug=false"));
    QVERIFY(!capturedLog.isEmpty());
    for (const QString &line : qAsConst(capturedLog)) {
        QVERIFY2(!line.contains(kPassword), qPrintable(line));
        QVERIFY2(!line.contains("wrong password"), qPrintable(line));
        QVERIFY2(!line.contains("confab_sid="), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
