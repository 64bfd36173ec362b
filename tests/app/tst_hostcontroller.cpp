#include "chatclient.h"
#include "hostcontroller.h"
#include "hostfixture.h"
#include "hostpanel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestHostController : public QObject
{
    Q_OBJECT

private slots:
    void startAndStop();
    void panelDrivesHost();
    void portInUseFails();
    void invalidBindAddressFails();
    void stopClosesClients();
    void destructorStopsThread();

private:
    QTemporaryDir m_dir;
};

void TestHostController::startAndStop()
{
    HostController controller(HostFixture::testConfig(m_dir));
    QSignalSpy started(&controller, &HostController::started);
    QSignalSpy stopped(&controller, &HostController::stopped);
    controller.start();
    QVERIFY(controller.isRunning());
    QVERIFY(started.wait(10000));
    QVERIFY(controller.isStarted());
    const QUrl shareUrl = started.at(0).at(0).toUrl();
    const QUrl localUrl = started.at(0).at(1).toUrl();
    QCOMPARE(localUrl.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(localUrl.port() > 0);
    QCOMPARE(shareUrl.port(), localUrl.port());
    QCOMPARE(controller.localUrl(), localUrl);

    controller.stop();
    QVERIFY(stopped.wait(10000));
    QVERIFY(!controller.isRunning());
    QVERIFY(!controller.isStarted());
}

void TestHostController::panelDrivesHost()
{
    HostPanel panel;
    HostController controller(HostFixture::testConfig(m_dir), &panel);
    QSignalSpy started(&controller, &HostController::started);
    QSignalSpy stopped(&controller, &HostController::stopped);
    panel.setBindAddress("127.0.0.1");
    panel.setPort(0);
    QTest::mouseClick(panel.findChild<QPushButton *>("startButton"), Qt::LeftButton);
    QCOMPARE(panel.state(), HostPanel::State::Starting);
    QVERIFY(started.wait(10000));
    QCOMPARE(panel.state(), HostPanel::State::Running);
    const QString displayedUrl = panel.findChild<QLineEdit *>("shareUrlEdit")->text();
    QCOMPARE(displayedUrl, started.at(0).at(0).toUrl().toDisplayString());

    QTest::mouseClick(panel.findChild<QPushButton *>("stopButton"), Qt::LeftButton);
    QVERIFY(stopped.wait(10000));
    QCOMPARE(panel.state(), HostPanel::State::Stopped);
    QVERIFY(panel.findChild<QLineEdit *>("shareUrlEdit")->text().isEmpty());
}

void TestHostController::portInUseFails()
{
    HostController first(HostFixture::testConfig(m_dir));
    QSignalSpy firstStarted(&first, &HostController::started);
    first.start();
    QVERIFY(firstStarted.wait(10000));
    const quint16 port = quint16(first.localUrl().port());

    QTemporaryDir otherDir;
    HostPanel panel;
    HostController second(HostFixture::testConfig(otherDir), &panel);
    QSignalSpy failed(&second, &HostController::failed);
    QSignalSpy stopped(&second, &HostController::stopped);
    second.startOn("127.0.0.1", port);
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QVERIFY(stopped.wait(10000));
    QVERIFY(!second.isRunning());
    QCOMPARE(panel.state(), HostPanel::State::Stopped);
    const QString status = panel.findChild<QLabel *>("hostStatusLabel")->text();
    QVERIFY2(status.startsWith("Hosting failed"), qPrintable(status));
}

void TestHostController::invalidBindAddressFails()
{
    HostPanel panel;
    HostController controller(HostFixture::testConfig(m_dir), &panel);
    QSignalSpy failed(&controller, &HostController::failed);
    controller.startOn("not-an-address", 0);
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains("not-an-address"));
    QVERIFY(!controller.isRunning());
    QCOMPARE(panel.state(), HostPanel::State::Stopped);
}

void TestHostController::stopClosesClients()
{
    HostController controller(HostFixture::testConfig(m_dir));
    QSignalSpy started(&controller, &HostController::started);
    controller.start();
    QVERIFY(started.wait(10000));

    ChatClient client;
    QSignalSpy welcome(&client, &ChatClient::welcome);
    client.registerAccount(controller.localUrl(), "host", "correct horse");
    QVERIFY(welcome.wait(10000));
    QSignalSpy disconnected(&client, &ChatClient::disconnected);
    QSignalSpy stopped(&controller, &HostController::stopped);
    controller.stop();
    QVERIFY(stopped.wait(10000));
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("The host shut down."));
}

void TestHostController::destructorStopsThread()
{
    QUrl localUrl;
    {
        HostController controller(HostFixture::testConfig(m_dir));
        QSignalSpy started(&controller, &HostController::started);
        controller.start();
        QVERIFY(started.wait(10000));
        localUrl = controller.localUrl();
    }
    // The port is free again, so the host really stopped listening.
    QTcpServer probe;
    QVERIFY2(probe.listen(QHostAddress::LocalHost, quint16(localUrl.port())),
             qPrintable(probe.errorString()));
}

QTEST_MAIN(TestHostController)
#include "tst_hostcontroller.moc"
