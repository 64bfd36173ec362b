#include "hostpanel.h"
#include "labelcheck.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestHostPanel : public QObject
{
    Q_OBJECT

private slots:
    void startEmitsAddressAndPort();
    void statesEnableControls();
    void shareUrlIsReadOnly();
    void copyPutsUrlOnClipboard();
    void errorShowsLiterally();
};

void TestHostPanel::startEmitsAddressAndPort()
{
    HostPanel panel;
    panel.setBindAddresses({"127.0.0.1", "0.0.0.0"});
    QSignalSpy start(&panel, &HostPanel::startRequested);
    auto combo = panel.findChild<QComboBox *>("bindAddressCombo");
    auto port = panel.findChild<QSpinBox *>("portSpin");
    QVERIFY(combo && port);
    combo->setCurrentIndex(1);
    port->setValue(9000);
    QTest::mouseClick(panel.findChild<QPushButton *>("startButton"), Qt::LeftButton);
    QCOMPARE(start.count(), 1);
    QCOMPARE(start.at(0).at(0).toString(), QStringLiteral("0.0.0.0"));
    QCOMPARE(start.at(0).at(1).value<quint16>(), quint16(9000));
}

void TestHostPanel::statesEnableControls()
{
    HostPanel panel;
    auto start = panel.findChild<QPushButton *>("startButton");
    auto stop = panel.findChild<QPushButton *>("stopButton");
    auto copy = panel.findChild<QPushButton *>("copyUrlButton");
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(!copy->isEnabled());
    panel.setStarting();
    QVERIFY(!start->isEnabled());
    QVERIFY(!panel.findChild<QSpinBox *>("portSpin")->isEnabled());
    panel.setRunning("http://127.0.0.1:8765");
    QVERIFY(stop->isEnabled());
    QVERIFY(copy->isEnabled());
    QCOMPARE(panel.state(), HostPanel::State::Running);
    QSignalSpy stopSpy(&panel, &HostPanel::stopRequested);
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(stopSpy.count(), 1);
    panel.setStopped();
    QVERIFY(start->isEnabled());
    QVERIFY(panel.findChild<QLineEdit *>("shareUrlEdit")->text().isEmpty());
}

void TestHostPanel::shareUrlIsReadOnly()
{
    HostPanel panel;
    panel.setRunning("http://127.0.0.1:8765");
    auto share = panel.findChild<QLineEdit *>("shareUrlEdit");
    QVERIFY(share->isReadOnly());
    QCOMPARE(share->text(), QStringLiteral("http://127.0.0.1:8765"));
}

void TestHostPanel::copyPutsUrlOnClipboard()
{
    HostPanel panel;
    panel.setRunning("http://127.0.0.1:4242");
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(panel.findChild<QPushButton *>("copyUrlButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:4242"));
}

void TestHostPanel::errorShowsLiterally()
{
    HostPanel panel;
    const QString error = QStringLiteral("cannot open <b>/tmp/x.db</b>");
    panel.showError(error);
    auto status = panel.findChild<QLabel *>("hostStatusLabel");
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QCOMPARE(status->text(), error);
    QCOMPARE(labelsRenderingRichText(panel), QStringList());
    QCOMPARE(panel.state(), HostPanel::State::Stopped);
}

QTEST_MAIN(TestHostPanel)
#include "tst_hostpanel.moc"
