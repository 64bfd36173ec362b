#include "certificateprompt.h"
#include "labelcheck.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace confab::desktop;

class TestCertificatePrompt : public QObject
{
    Q_OBJECT

private slots:
    void showsEveryField();
    void fingerprintIsPlainText();
    void markupShowsLiterally();
    void cancelIsDefault();
    void trustButtonAccepts();
    void cancelButtonRejects();
    void escapeRejects();

private:
    static CertificateSummary sampleSummary();
};

CertificateSummary TestCertificatePrompt::sampleSummary()
{
    CertificateSummary summary;
    summary.hostKey = QStringLiteral("192.168.1.20:8765");
    summary.fingerprint = QStringLiteral(
        "3B:1F:00:A2:9C:44:7E:18:D5:6B:90:2E:C1:73:4A:F8:05:DD:62:B9:1A:E7:38:4C:9F:20:6E:B3:"
        "55:C8:01:7A");
    summary.subject = QStringLiteral("Confab test host");
    summary.issuer = QStringLiteral("Confab test host");
    summary.validFrom = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    summary.validUntil = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    return summary;
}

void TestCertificatePrompt::showsEveryField()
{
    const CertificateSummary summary = sampleSummary();
    CertificatePrompt prompt(summary);
    QCOMPARE(prompt.findChild<QLabel *>("hostLabel")->text(), summary.hostKey);
    QCOMPARE(prompt.findChild<QLabel *>("subjectLabel")->text(), summary.subject);
    QCOMPARE(prompt.findChild<QLabel *>("issuerLabel")->text(), summary.issuer);
    QVERIFY(prompt.findChild<QLabel *>("validFromLabel")->text().contains("2024"));
    QVERIFY(prompt.findChild<QLabel *>("validUntilLabel")->text().contains("2025"));
    QVERIFY(prompt.findChild<QLabel *>("explanationLabel")->text().contains(summary.hostKey));
    QCOMPARE(prompt.findChild<QPushButton *>("trustButton")->text(),
             QStringLiteral("Trust this certificate"));
    QCOMPARE(prompt.findChild<QPushButton *>("cancelButton")->text(), QStringLiteral("Cancel"));
}

void TestCertificatePrompt::fingerprintIsPlainText()
{
    const CertificateSummary summary = sampleSummary();
    CertificatePrompt prompt(summary);
    auto label = prompt.findChild<QLabel *>("fingerprintLabel");
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), summary.fingerprint);
    QVERIFY(label->textInteractionFlags().testFlag(Qt::TextSelectableByMouse));
}

void TestCertificatePrompt::markupShowsLiterally()
{
    // The subject and issuer come from the host, which may be hostile.
    CertificateSummary summary = sampleSummary();
    summary.subject = QStringLiteral("<b>Bank</b><img src=x>");
    summary.issuer = QStringLiteral("<a href=\"https://example.org\">trusted CA</a>");
    summary.hostKey = QStringLiteral("<i>host</i>:443");
    CertificatePrompt prompt(summary);
    QCOMPARE(prompt.findChild<QLabel *>("subjectLabel")->text(), summary.subject);
    QCOMPARE(prompt.findChild<QLabel *>("issuerLabel")->text(), summary.issuer);
    QCOMPARE(labelsRenderingRichText(prompt), QStringList());
}

void TestCertificatePrompt::cancelIsDefault()
{
    CertificatePrompt prompt(sampleSummary());
    QVERIFY(prompt.findChild<QPushButton *>("cancelButton")->isDefault());
    QVERIFY(!prompt.findChild<QPushButton *>("trustButton")->isDefault());
    QVERIFY(!prompt.findChild<QPushButton *>("trustButton")->autoDefault());
}

void TestCertificatePrompt::trustButtonAccepts()
{
    CertificatePrompt prompt(sampleSummary());
    QSignalSpy accepted(&prompt, &QDialog::accepted);
    QSignalSpy rejected(&prompt, &QDialog::rejected);
    prompt.open();
    QTest::mouseClick(prompt.findChild<QPushButton *>("trustButton"), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(rejected.count(), 0);
    QVERIFY(!prompt.isVisible());
}

void TestCertificatePrompt::cancelButtonRejects()
{
    CertificatePrompt prompt(sampleSummary());
    QSignalSpy accepted(&prompt, &QDialog::accepted);
    QSignalSpy rejected(&prompt, &QDialog::rejected);
    prompt.open();
    QTest::mouseClick(prompt.findChild<QPushButton *>("cancelButton"), Qt::LeftButton);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(accepted.count(), 0);
}

void TestCertificatePrompt::escapeRejects()
{
    CertificatePrompt prompt(sampleSummary());
    QSignalSpy accepted(&prompt, &QDialog::accepted);
    QSignalSpy rejected(&prompt, &QDialog::rejected);
    prompt.open();
    QTest::keyClick(&prompt, Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(accepted.count(), 0);
}

QTEST_MAIN(TestCertificatePrompt)
#include "tst_certificateprompt.moc"
