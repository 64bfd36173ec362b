#include "chatclient.h"
#include "chatview.h"
#include "hostcontroller.h"
#include "hostfixture.h"
#include "hostpanel.h"
#include "loginform.h"
#include "mainwindow.h"
#include "transcriptview.h"
#include "windowcontroller.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

namespace {

const QString kPassword = QStringLiteral("correct horse");

QString onlineCount(const MainWindow &window)
{
    return window.findChild<QLabel *>("onlineCountLabel")->text();
}

QString transcriptText(const MainWindow &window)
{
    return window.chatView()->transcript()->toPlainText();
}

} // namespace

class TestWindowFlow : public QObject
{
    Q_OBJECT

private slots:
    void hostAndJoinChat();
    void startPageButtonsChooseMode();
    void wrongPasswordShownOnForm();
    void invalidAddressShownOnForm();
    void endedSessionReturnsToLogin();

private:
    // Types the credentials into the window's login form and clicks Register or Log in.
    static void submitLogin(MainWindow &window, const QString &username, const QString &password,
                            bool registering);
    static void sendMessage(MainWindow &window, const QString &message);

    QTemporaryDir m_dir;
};

void TestWindowFlow::submitLogin(MainWindow &window, const QString &username,
                                 const QString &password, bool registering)
{
    auto user = window.findChild<QLineEdit *>("usernameEdit");
    auto secret = window.findChild<QLineEdit *>("passwordEdit");
    user->clear();
    secret->clear();
    QTest::keyClicks(user, username);
    QTest::keyClicks(secret, password);
    const char *button = registering ? "registerButton" : "loginButton";
    QTest::mouseClick(window.findChild<QPushButton *>(button), Qt::LeftButton);
}

void TestWindowFlow::sendMessage(MainWindow &window, const QString &message)
{
    QTest::keyClicks(window.findChild<QLineEdit *>("messageEdit"), message);
    QTest::mouseClick(window.findChild<QPushButton *>("sendButton"), Qt::LeftButton);
}

void TestWindowFlow::hostAndJoinChat()
{
    WindowController host(HostFixture::testConfig(m_dir));
    MainWindow &hostWindow = *host.window();
    hostWindow.show();
    host.startHosting();
    QCOMPARE(hostWindow.mode(), MainWindow::Mode::Host);
    QVERIFY(!hostWindow.loginForm()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(hostWindow.loginForm()->isEnabled(), 10000);
    const QUrl localUrl = host.hostController()->localUrl();
    QCOMPARE(hostWindow.loginForm()->serverUrl(), localUrl.toString());
    QVERIFY(hostWindow.findChild<QLineEdit *>("serverUrlEdit")->isReadOnly());

    submitLogin(hostWindow, "<b>host</b>", kPassword, true);
    QTRY_VERIFY_WITH_TIMEOUT(hostWindow.loginForm()
                                 ->findChild<QLabel *>("statusLabel")
                                 ->text()
                                 .contains("username", Qt::CaseInsensitive),
                             10000);
    QVERIFY(!hostWindow.isChatViewShown());
    submitLogin(hostWindow, "hostuser", kPassword, true);
    QTRY_VERIFY_WITH_TIMEOUT(hostWindow.isChatViewShown(), 10000);
    QTRY_COMPARE(onlineCount(hostWindow), QStringLiteral("1 online"));

    WindowController guest {HostConfig()};
    MainWindow &guestWindow = *guest.window();
    guestWindow.show();
    guest.enterJoinMode(host.hostController()->shareUrl());
    QVERIFY(!guestWindow.hostPanel()->isVisible());
    QCOMPARE(guestWindow.loginForm()->serverUrl(), host.hostController()->shareUrl().toString());
    submitLogin(guestWindow, "bob", kPassword, true);
    QTRY_VERIFY_WITH_TIMEOUT(guestWindow.isChatViewShown(), 10000);
    QTRY_COMPARE(onlineCount(guestWindow), QStringLiteral("2 online"));
    QTRY_COMPARE(onlineCount(hostWindow), QStringLiteral("2 online"));
    QTRY_VERIFY(transcriptText(hostWindow).contains("bob joined."));

    sendMessage(guestWindow, "<img src=x> hi host");
    QTRY_VERIFY(transcriptText(hostWindow).contains("<img src=x> hi host"));
    sendMessage(hostWindow, "hi bob");
    QTRY_VERIFY(transcriptText(guestWindow).contains("hi bob"));
    QVERIFY(transcriptText(guestWindow).contains("hostuser"));

    QTest::mouseClick(guestWindow.findChild<QPushButton *>("logoutButton"), Qt::LeftButton);
    QTRY_VERIFY(!guestWindow.isChatViewShown());
    QTRY_VERIFY(transcriptText(hostWindow).contains("bob left."));
    QTRY_COMPARE(onlineCount(hostWindow), QStringLiteral("1 online"));

    // bob logs in again. Closing the host window then stops the host before the window goes.
    submitLogin(guestWindow, "bob", kPassword, false);
    QTRY_VERIFY_WITH_TIMEOUT(guestWindow.isChatViewShown(), 10000);
    QTRY_COMPARE(onlineCount(hostWindow), QStringLiteral("2 online"));
    QSignalSpy hostStopped(host.hostController(), &HostController::stopped);
    QVERIFY(!hostWindow.close());
    QVERIFY(hostStopped.wait(10000));
    QTRY_VERIFY(!hostWindow.isVisible());
    QTRY_VERIFY(transcriptText(guestWindow).contains("The host shut down."));
    QVERIFY(!guestWindow.findChild<QLineEdit *>("messageEdit")->isEnabled());
}

void TestWindowFlow::startPageButtonsChooseMode()
{
    WindowController controller {HostConfig()};
    controller.window()->show();
    QTest::mouseClick(controller.window()->findChild<QPushButton *>("joinButton"), Qt::LeftButton);
    QCOMPARE(controller.window()->mode(), MainWindow::Mode::Join);
    QVERIFY(controller.window()->loginForm()->isEnabled());
    QVERIFY(!controller.window()->findChild<QLineEdit *>("serverUrlEdit")->isReadOnly());

    WindowController hosting {HostConfig()};
    hosting.window()->show();
    QTest::mouseClick(hosting.window()->findChild<QPushButton *>("hostButton"), Qt::LeftButton);
    QCOMPARE(hosting.window()->mode(), MainWindow::Mode::Host);
    QVERIFY(hosting.window()->hostPanel()->isVisible());
    QVERIFY(!hosting.window()->loginForm()->isEnabled());
    QVERIFY(!hosting.hostController()->isRunning());

    // With no host running, closing needs no wait, but still goes through the controller.
    QVERIFY(!hosting.window()->close());
    QTRY_VERIFY(!hosting.window()->isVisible());
}

void TestWindowFlow::wrongPasswordShownOnForm()
{
    HostFixture fixture;
    QVERIFY(fixture.start());
    ChatClient owner;
    QSignalSpy welcome(&owner, &ChatClient::welcome);
    owner.registerAccount(fixture.url(), "alice", kPassword);
    QVERIFY(welcome.wait(10000));

    WindowController guest {HostConfig()};
    guest.window()->show();
    guest.enterJoinMode(fixture.url());
    submitLogin(*guest.window(), "alice", "not the password", false);
    auto status = guest.window()->findChild<QLabel *>("statusLabel");
    QTRY_COMPARE(status->text(), QStringLiteral("Wrong username or password."));
    QVERIFY(!guest.window()->isChatViewShown());
    QVERIFY(guest.window()->findChild<QPushButton *>("loginButton")->isEnabled());
}

void TestWindowFlow::invalidAddressShownOnForm()
{
    WindowController guest {HostConfig()};
    guest.window()->show();
    guest.enterJoinMode();
    guest.window()->loginForm()->setServerUrl("ftp://127.0.0.1");
    submitLogin(*guest.window(), "alice", kPassword, false);
    auto status = guest.window()->findChild<QLabel *>("statusLabel");
    QVERIFY2(status->text().contains("Unsupported scheme"), qPrintable(status->text()));
    QCOMPARE(guest.client()->state(), ChatClient::State::LoggedOut);
}

void TestWindowFlow::endedSessionReturnsToLogin()
{
    using namespace std::chrono_literals;
    HostFixture fixture;
    QVERIFY(fixture.start(1s));
    WindowController guest {HostConfig()};
    MainWindow &window = *guest.window();
    window.show();
    guest.enterJoinMode(fixture.url());
    submitLogin(window, "alice", kPassword, true);
    QTRY_VERIFY_WITH_TIMEOUT(window.isChatViewShown(), 10000);

    // The session expires while the socket is open, and the host closes it with 4401.
    QTRY_VERIFY_WITH_TIMEOUT(!window.isChatViewShown(), 10000);
    QCOMPARE(window.findChild<QLabel *>("statusLabel")->text(),
             QStringLiteral("Your session ended. Log in again."));
    QVERIFY(window.loginForm()->isVisible());
    QCOMPARE(guest.client()->state(), ChatClient::State::LoggedOut);
}

QTEST_MAIN(TestWindowFlow)
#include "tst_windowflow.moc"
