#include "testhost.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

// The SQLite file of a host: its permissions, and one host per file.
class tst_StoreFile : public QObject
{
    Q_OBJECT

private slots:
    void newFileOwnerOnly();
    void secondHostRejected();
    void fileReusableAfterStop();
};

void tst_StoreFile::newFileOwnerOnly()
{
    QTemporaryDir dir;
    confab::HostConfig config;
    config.databasePath = dir.filePath("private/confab.sqlite");
    TestHost host(config);
    QVERIFY(host.start());

    const QFileInfo file(config.databasePath);
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    const QFileInfo folder(dir.filePath("private"));
    QCOMPARE(folder.permissions() & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser),
             QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void tst_StoreFile::secondHostRejected()
{
    TestHost first;
    QVERIFY(first.start());

    confab::HostConfig config;
    config.databasePath = first.databasePath();
    TestHost second(config);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("in use by another Confab host"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("test host failed to start"));
    QVERIFY(!second.start());
    QVERIFY(second.server()->errorString().contains("in use by another Confab host"));
    QVERIFY(second.server()->errorString().contains(first.databasePath()));
    QVERIFY(first.server()->isListening());
}

void tst_StoreFile::fileReusableAfterStop()
{
    TestHost first;
    QVERIFY(first.start());
    const QString path = first.databasePath();
    first.stop();

    confab::HostConfig config;
    config.databasePath = path;
    TestHost second(config);
    QVERIFY(second.start());
}

QTEST_GUILESS_MAIN(tst_StoreFile)
#include "tst_storefile.moc"
