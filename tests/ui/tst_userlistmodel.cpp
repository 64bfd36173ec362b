#include "userlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestUserListModel : public QObject
{
    Q_OBJECT

private slots:
    void setUsersSortsIgnoringCase();
    void setUsersDropsDuplicates();
    void addUserKeepsOrder();
    void addUserUpdatesListedUser();
    void removeUser();
    void removeUnknownUserIsNoOp();
    void displayShowsConnectionCount();
    void countChangedSignal();

private:
    static QStringList names(const UserListModel &model);
};

QStringList TestUserListModel::names(const UserListModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        result.append(model.index(row).data(UserListModel::UsernameRole).toString());
    }
    return result;
}

void TestUserListModel::setUsersSortsIgnoringCase()
{
    UserListModel model;
    QAbstractItemModelTester tester(&model);
    model.setUsers({{"carol", 1}, {"Bob", 2}, {"alice", 1}});
    QCOMPARE(names(model), QStringList({"alice", "Bob", "carol"}));
    QCOMPARE(model.rowCount(), 3);
}

void TestUserListModel::setUsersDropsDuplicates()
{
    UserListModel model;
    model.setUsers({{"alice", 1}, {"alice", 3}, {"", 1}});
    QCOMPARE(names(model), QStringList({"alice"}));
    QCOMPARE(model.index(0).data(UserListModel::ConnectionsRole).toInt(), 1);
}

void TestUserListModel::addUserKeepsOrder()
{
    UserListModel model;
    QAbstractItemModelTester tester(&model);
    model.addUser("mallory");
    model.addUser("Alice");
    model.addUser("bob");
    model.addUser("zed");
    QCOMPARE(names(model), QStringList({"Alice", "bob", "mallory", "zed"}));
}

void TestUserListModel::addUserUpdatesListedUser()
{
    UserListModel model;
    model.addUser("alice");
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addUser("alice", 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0).data(UserListModel::ConnectionsRole).toInt(), 2);
}

void TestUserListModel::removeUser()
{
    UserListModel model;
    QAbstractItemModelTester tester(&model);
    model.setUsers({{"alice", 1}, {"bob", 1}, {"carol", 1}});
    model.removeUser("bob");
    QCOMPARE(names(model), QStringList({"alice", "carol"}));
    QVERIFY(!model.contains("bob"));
    QVERIFY(model.contains("alice"));
}

void TestUserListModel::removeUnknownUserIsNoOp()
{
    UserListModel model;
    model.setUsers({{"alice", 1}});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.removeUser("ALICE");
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model.rowCount(), 1);
}

void TestUserListModel::displayShowsConnectionCount()
{
    UserListModel model;
    model.setUsers({{"alice", 1}, {"bob", 3}});
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("alice"));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("bob (3)"));
    QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains("3 connection"));
}

void TestUserListModel::countChangedSignal()
{
    UserListModel model;
    QSignalSpy counts(&model, &UserListModel::countChanged);
    model.addUser("alice");
    model.addUser("bob");
    model.removeUser("alice");
    model.clear();
    QCOMPARE(counts.count(), 4);
    QCOMPARE(counts.at(0).at(0).toInt(), 1);
    QCOMPARE(counts.at(1).at(0).toInt(), 2);
    QCOMPARE(counts.at(2).at(0).toInt(), 1);
    QCOMPARE(counts.at(3).at(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestUserListModel)
#include "tst_userlistmodel.moc"
