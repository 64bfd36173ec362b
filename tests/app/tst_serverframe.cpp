#include "serverframe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestServerFrame : public QObject
{
    Q_OBJECT

private slots:
    void welcome();
    void userEvents();
    void chat();
    void error();
    void invalidFrames_data();
    void invalidFrames();
    void chatFrameEscapesText();
};

void TestServerFrame::welcome()
{
    const ServerFrame frame = parseServerFrame(R"({"type": "welcome", "username": "alice",
        "users": [{"username": "alice", "connections": 2}, {"username": "bob", "connections": 1}],
        "history": [{"id": 1, "username": "bob", "message": "hi",
                     "sentAt": "2026-12-04T15:20:48.123Z"}]})");
    QCOMPARE(frame.type, ServerFrame::Type::Welcome);
    QCOMPARE(frame.username, QStringLiteral("alice"));
    QCOMPARE(frame.users.size(), 2);
    QCOMPARE(frame.users.at(0).connections, 2);
    QCOMPARE(frame.users.at(1).username, QStringLiteral("bob"));
    QCOMPARE(frame.history.size(), 1);
    QCOMPARE(frame.history.at(0).id, qint64(1));
    QCOMPARE(frame.history.at(0).message, QStringLiteral("hi"));
    const QDateTime expected(QDate(2026, 12, 4), QTime(15, 20, 48, 123), Qt::UTC);
    QCOMPARE(frame.history.at(0).sentAt, expected);
}

void TestServerFrame::userEvents()
{
    const ServerFrame joined = parseServerFrame(
        R"({"type": "user", "username": "bob", "connected": true, "currentUsers": 2})");
    QCOMPARE(joined.type, ServerFrame::Type::User);
    QCOMPARE(joined.username, QStringLiteral("bob"));
    QVERIFY(joined.connected);
    QCOMPARE(joined.currentUsers, 2);
    const ServerFrame left = parseServerFrame(
        R"({"type": "user", "username": "bob", "connected": false, "currentUsers": 1})");
    QVERIFY(!left.connected);
    QCOMPARE(left.currentUsers, 1);
}

void TestServerFrame::chat()
{
    const ServerFrame frame = parseServerFrame(R"({"type": "chat", "id": 8, "username": "alice",
        "message": "<b>x</b>", "sentAt": "2026-12-04T15:21:00.000Z"})");
    QCOMPARE(frame.type, ServerFrame::Type::Chat);
    QCOMPARE(frame.chat.id, qint64(8));
    QCOMPARE(frame.chat.username, QStringLiteral("alice"));
    QCOMPARE(frame.chat.message, QStringLiteral("<b>x</b>"));
    QVERIFY(frame.chat.sentAt.isValid());
}

void TestServerFrame::error()
{
    const ServerFrame frame = parseServerFrame(
        R"({"type": "error", "error": "message is longer than 4000 characters"})");
    QCOMPARE(frame.type, ServerFrame::Type::Error);
    QCOMPARE(frame.errorString, QStringLiteral("message is longer than 4000 characters"));
}

void TestServerFrame::invalidFrames_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("hello");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("no type") << QByteArray(R"({"message": "hi"})");
    QTest::newRow("unknown type") << QByteArray(R"({"type": "shout"})");
    QTest::newRow("welcome without username") << QByteArray(R"({"type": "welcome"})");
    QTest::newRow("user without flag") << QByteArray(R"({"type": "user", "username": "bob"})");
    QTest::newRow("chat without id")
        << QByteArray(R"({"type": "chat", "username": "a", "message": "m"})");
    QTest::newRow("chat without message")
        << QByteArray(R"({"type": "chat", "id": 1, "username": "a"})");
    QTest::newRow("chat with numeric message")
        << QByteArray(R"({"type": "chat", "id": 1, "username": "a", "message": 5})");
}

void TestServerFrame::invalidFrames()
{
    QFETCH(QByteArray, json);
    const ServerFrame frame = parseServerFrame(json);
    QCOMPARE(frame.type, ServerFrame::Type::Invalid);
    QVERIFY(!frame.errorString.isEmpty());
}

void TestServerFrame::chatFrameEscapesText()
{
    const QString message = QStringLiteral("quote \" backslash \\ newline \n <b>x</b>");
    const QJsonObject object = QJsonDocument::fromJson(chatFrame(message)).object();
    QCOMPARE(object.value("type").toString(), QStringLiteral("chat"));
    QCOMPARE(object.value("message").toString(), message);
    QCOMPARE(object.size(), 2);
}

QTEST_GUILESS_MAIN(TestServerFrame)
#include "tst_serverframe.moc"
