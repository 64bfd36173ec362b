#include "chatclient.h"
#include "hostfixture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

namespace {

const QString kPassword = QStringLiteral("correct horse");

} // namespace

// The sentences ChatClient::loginFailed carries for each way a login or registration fails.
class TestLoginErrors : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void wrongPassword();
    void takenName();
    void invalidNameShowsHostRule();
    void refusedConnection();
    void tooManyAttempts();

private:
    // Registers username on a client of its own, so the account exists.
    bool registerAccount(const QString &username);

    std::unique_ptr<HostFixture> m_host;
};

void TestLoginErrors::init()
{
    m_host = std::make_unique<HostFixture>();
    QVERIFY2(m_host->start(), qPrintable(m_host->server()->errorString()));
}

bool TestLoginErrors::registerAccount(const QString &username)
{
    ChatClient client;
    QSignalSpy loggedIn(&client, &ChatClient::loggedIn);
    client.registerAccount(m_host->url(), username, kPassword);
    return loggedIn.wait(10000);
}

void TestLoginErrors::wrongPassword()
{
    QVERIFY(registerAccount("alice"));
    ChatClient intruder;
    QSignalSpy failed(&intruder, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&intruder, &ChatClient::loggedIn);
    intruder.login(m_host->url(), "alice", "wrong password");
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Wrong username or password."));
    QCOMPARE(loggedIn.count(), 0);
    QCOMPARE(intruder.state(), ChatClient::State::LoggedOut);

    ChatClient returning;
    QSignalSpy welcome(&returning, &ChatClient::welcome);
    returning.login(m_host->url(), "alice", kPassword);
    QVERIFY(welcome.wait());
}

void TestLoginErrors::takenName()
{
    QVERIFY(registerAccount("alice"));
    ChatClient other;
    QSignalSpy failed(&other, &ChatClient::loginFailed);
    other.registerAccount(m_host->url(), "ALICE", kPassword);
    QVERIFY(failed.wait());
    QVERIFY2(failed.at(0).at(0).toString().contains("taken"),
             qPrintable(failed.at(0).at(0).toString()));
}

void TestLoginErrors::invalidNameShowsHostRule()
{
    ChatClient client;
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    client.registerAccount(m_host->url(), "no spaces allowed", kPassword);
    QVERIFY(failed.wait());
    const QString message = failed.at(0).at(0).toString();
    QVERIFY(!message.isEmpty());
    QVERIFY2(message != QStringLiteral("The host rejected the request as invalid."),
             "the host's own rule text should be shown");
    QVERIFY2(message.contains("username", Qt::CaseInsensitive), qPrintable(message));
}

void TestLoginErrors::refusedConnection()
{
    // Take a free port and release it, so nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    ChatClient client;
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    QUrl url(QStringLiteral("http://127.0.0.1"));
    url.setPort(port);
    client.login(url, "alice", kPassword);
    QVERIFY(failed.wait());
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("refused"), qPrintable(message));
    QVERIFY2(message.contains(QString::number(port)), qPrintable(message));
}

void TestLoginErrors::tooManyAttempts()
{
    QVERIFY(registerAccount("alice"));
    ChatClient intruder;
    QSignalSpy failed(&intruder, &ChatClient::loginFailed);
    // The host limits login attempts per username, so one of these must be rejected with 429.
    constexpr int kMaxAttempts = 50;
    QString message;
    for (int attempt = 0; attempt < kMaxAttempts && !message.startsWith("Too many"); ++attempt) {
        intruder.login(m_host->url(), "alice", "wrong password");
        QVERIFY(failed.wait(10000));
        message = failed.takeLast().at(0).toString();
    }
    QVERIFY2(message.startsWith("Too many login attempts"), qPrintable(message));
    QVERIFY2(message.contains("Try again in"), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestLoginErrors)
#include "tst_loginerrors.moc"
