#include "chatview.h"
#include "hostpanel.h"
#include "loginform.h"
#include "mainwindow.h"
#include "startpage.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void startsOnStartPage();
    void startButtonsEmit();
    void hostModeShowsHostPanel();
    void joinModeHidesHostPanel();
    void switchesBetweenLoginAndChat();
    void deferredCloseEmitsRequest();
};

void TestMainWindow::startsOnStartPage()
{
    MainWindow window;
    window.show();
    QCOMPARE(window.mode(), MainWindow::Mode::Start);
    QVERIFY(window.startPage()->isVisible());
    QVERIFY(!window.loginForm()->isVisible());
}

void TestMainWindow::startButtonsEmit()
{
    MainWindow window;
    window.show();
    QSignalSpy host(window.startPage(), &StartPage::hostRequested);
    QSignalSpy join(window.startPage(), &StartPage::joinRequested);
    QTest::mouseClick(window.findChild<QPushButton *>("hostButton"), Qt::LeftButton);
    QTest::mouseClick(window.findChild<QPushButton *>("joinButton"), Qt::LeftButton);
    QCOMPARE(host.count(), 1);
    QCOMPARE(join.count(), 1);
}

void TestMainWindow::hostModeShowsHostPanel()
{
    MainWindow window;
    window.show();
    window.setMode(MainWindow::Mode::Host);
    QVERIFY(window.hostPanel()->isVisible());
    QVERIFY(window.loginForm()->isVisible());
    QVERIFY(!window.startPage()->isVisible());
}

void TestMainWindow::joinModeHidesHostPanel()
{
    MainWindow window;
    window.show();
    window.setMode(MainWindow::Mode::Join);
    QVERIFY(!window.hostPanel()->isVisible());
    QVERIFY(window.loginForm()->isVisible());
}

void TestMainWindow::switchesBetweenLoginAndChat()
{
    MainWindow window;
    window.show();
    window.setMode(MainWindow::Mode::Join);
    QVERIFY(!window.isChatViewShown());
    window.showChatView();
    QVERIFY(window.isChatViewShown());
    QVERIFY(window.chatView()->isVisible());
    QVERIFY(!window.loginForm()->isVisible());
    window.showLoginForm();
    QVERIFY(!window.isChatViewShown());
}

void TestMainWindow::deferredCloseEmitsRequest()
{
    MainWindow window;
    window.show();
    QSignalSpy closeRequested(&window, &MainWindow::closeRequested);
    window.setCloseDeferred(true);
    QVERIFY(!window.close());
    QCOMPARE(closeRequested.count(), 1);
    QVERIFY(window.isVisible());
    window.setCloseDeferred(false);
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
