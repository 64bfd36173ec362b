#include "chatmessage.h"
#include "chatview.h"
#include "labelcheck.h"
#include "transcriptview.h"
#include "userlistmodel.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestChatView : public QObject
{
    Q_OBJECT

private slots:
    void sendEmitsMessage();
    void returnSendsMessage();
    void sendDisabledWhenEmpty();
    void sendDisabledWhenDisconnected();
    void inputLimitedToMaxLength();
    void onlineCountFollowsModel();
    void userListShowsModel();
    void markupShowsLiterally();
    void clearSessionResets();
    void logoutAndReconnectButtons();
};

void TestChatView::sendEmitsMessage()
{
    ChatView view;
    view.setConnected(true);
    QSignalSpy sent(&view, &ChatView::sendRequested);
    auto edit = view.findChild<QLineEdit *>("messageEdit");
    auto send = view.findChild<QPushButton *>("sendButton");
    QVERIFY(edit && send);
    QTest::keyClicks(edit, "hello there");
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toString(), QStringLiteral("hello there"));
    QVERIFY(edit->text().isEmpty());
    QVERIFY(!send->isEnabled());
}

void TestChatView::returnSendsMessage()
{
    ChatView view;
    view.setConnected(true);
    QSignalSpy sent(&view, &ChatView::sendRequested);
    auto edit = view.findChild<QLineEdit *>("messageEdit");
    QTest::keyClicks(edit, "hi");
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
}

void TestChatView::sendDisabledWhenEmpty()
{
    ChatView view;
    view.setConnected(true);
    QSignalSpy sent(&view, &ChatView::sendRequested);
    auto edit = view.findChild<QLineEdit *>("messageEdit");
    auto send = view.findChild<QPushButton *>("sendButton");
    QVERIFY(!send->isEnabled());
    QTest::keyClicks(edit, "   ");
    QVERIFY(!send->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(sent.count(), 0);
}

void TestChatView::sendDisabledWhenDisconnected()
{
    ChatView view;
    view.setConnected(true);
    auto edit = view.findChild<QLineEdit *>("messageEdit");
    auto send = view.findChild<QPushButton *>("sendButton");
    QTest::keyClicks(edit, "hi");
    QVERIFY(send->isEnabled());
    view.setConnected(false);
    QVERIFY(!send->isEnabled());
    QVERIFY(!edit->isEnabled());
}

void TestChatView::inputLimitedToMaxLength()
{
    ChatView view;
    view.setConnected(true);
    auto edit = view.findChild<QLineEdit *>("messageEdit");
    QCOMPARE(edit->maxLength(), kMaxMessageLength);
    edit->insert(QString(kMaxMessageLength + 5, QLatin1Char('a')));
    QCOMPARE(edit->text().size(), kMaxMessageLength);
}

void TestChatView::onlineCountFollowsModel()
{
    ChatView view;
    auto count = view.findChild<QLabel *>("onlineCountLabel");
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("0 online"));
    view.userListModel()->setUsers({{"alice", 1}, {"bob", 1}});
    QCOMPARE(count->text(), QStringLiteral("2 online"));
    view.userListModel()->addUser("carol");
    QCOMPARE(count->text(), QStringLiteral("3 online"));
    view.userListModel()->removeUser("alice");
    QCOMPARE(count->text(), QStringLiteral("2 online"));
}

void TestChatView::userListShowsModel()
{
    ChatView view;
    auto list = view.findChild<QListView *>("userList");
    QVERIFY(list);
    QCOMPARE(list->model(), view.userListModel());
    view.userListModel()->setUsers({{"bob", 1}, {"alice", 1}});
    QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("alice"));
}

void TestChatView::markupShowsLiterally()
{
    ChatView view;
    const QString name = QStringLiteral("<b>x</b>");
    const QString message = QStringLiteral("<img src=x> <b>bold</b>");
    view.setCurrentUser(name);
    view.setConnectionStatus(QStringLiteral("Error: <i>%1</i>").arg(name));
    view.appendChat(QDateTime::currentDateTimeUtc(), name, message);
    view.appendNotice(name + QStringLiteral(" joined"));

    auto currentUser = view.findChild<QLabel *>("currentUserLabel");
    QCOMPARE(currentUser->textFormat(), Qt::PlainText);
    QVERIFY(currentUser->text().contains(name));
    auto status = view.findChild<QLabel *>("connectionStatusLabel");
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QCOMPARE(labelsRenderingRichText(view), QStringList());

    const QString transcript = view.transcript()->toPlainText();
    QVERIFY2(transcript.contains(name), qPrintable(transcript));
    QVERIFY2(transcript.contains(message), qPrintable(transcript));
    QVERIFY(transcript.contains(name + QStringLiteral(" joined")));
}

void TestChatView::clearSessionResets()
{
    ChatView view;
    view.setConnected(true);
    view.userListModel()->setUsers({{"alice", 1}});
    view.appendNotice("joined");
    view.setCurrentUser("alice");
    view.clearSession();
    QCOMPARE(view.userListModel()->rowCount(), 0);
    QVERIFY(view.transcript()->toPlainText().isEmpty());
    QVERIFY(view.findChild<QLabel *>("currentUserLabel")->text().isEmpty());
    QVERIFY(!view.findChild<QLineEdit *>("messageEdit")->isEnabled());
}

void TestChatView::logoutAndReconnectButtons()
{
    ChatView view;
    view.show();
    QSignalSpy logout(&view, &ChatView::logoutRequested);
    QSignalSpy reconnect(&view, &ChatView::reconnectRequested);
    auto reconnectButton = view.findChild<QPushButton *>("reconnectButton");
    view.setConnected(true);
    QVERIFY(!reconnectButton->isVisible());
    view.setConnected(false);
    QVERIFY(reconnectButton->isVisible());
    QTest::mouseClick(reconnectButton, Qt::LeftButton);
    QTest::mouseClick(view.findChild<QPushButton *>("logoutButton"), Qt::LeftButton);
    QCOMPARE(reconnect.count(), 1);
    QCOMPARE(logout.count(), 1);
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
