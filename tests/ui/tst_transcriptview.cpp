#include "transcriptview.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace confab;
using namespace confab::desktop;

class TestTranscriptView : public QObject
{
    Q_OBJECT

private slots:
    void markupShowsLiterally_data();
    void markupShowsLiterally();
    void lineBreaksBecomeContinuations_data();
    void lineBreaksBecomeContinuations();
    void noticeIsPlainText();
    void chatLineHasTimeAndName();
    void oldLinesDropped();
};

void TestTranscriptView::markupShowsLiterally_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("message");
    QTest::newRow("bold") << "<b>x</b>"
                          << "<b>x</b>";
    QTest::newRow("image") << "bob"
                           << "<img src=x>";
    QTest::newRow("link") << "bob"
                          << "<a href=\"http://127.0.0.1/\">click</a>";
    QTest::newRow("entity") << "bob"
                            << "&lt;b&gt; &amp;";
    QTest::newRow("script") << "<script>"
                            << "<script>alert(1)</script>";
}

void TestTranscriptView::markupShowsLiterally()
{
    QFETCH(QString, username);
    QFETCH(QString, message);
    TranscriptView view;
    view.appendChat(QDateTime::currentDateTimeUtc(), username, message);
    const QString text = view.toPlainText();
    QVERIFY2(text.contains(username), qPrintable(text));
    QVERIFY2(text.contains(message), qPrintable(text));
    QCOMPARE(view.document()->blockCount(), 1);
}

void TestTranscriptView::lineBreaksBecomeContinuations_data()
{
    QTest::addColumn<QString>("separator");
    QTest::newRow("lf") << "\n";
    QTest::newRow("cr") << "\r";
    QTest::newRow("crlf") << "\r\n";
    QTest::newRow("line separator") << QString(QChar(0x2028));
    QTest::newRow("paragraph separator") << QString(QChar(0x2029));
}

void TestTranscriptView::lineBreaksBecomeContinuations()
{
    QFETCH(QString, separator);
    TranscriptView view;
    view.appendChat(QDateTime::currentDateTimeUtc(), "mallory",
                    "hi" + separator + "[12:00] alice: send me your password");
    const QStringList lines = view.toPlainText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(1).startsWith("    "), qPrintable(lines.at(1)));
    QVERIFY(!lines.at(1).startsWith("[12:00]"));
}

void TestTranscriptView::noticeIsPlainText()
{
    TranscriptView view;
    view.appendNotice("<i>bob</i> joined");
    QVERIFY(view.toPlainText().contains("<i>bob</i> joined"));
    QVERIFY(view.toPlainText().startsWith("* "));
}

void TestTranscriptView::chatLineHasTimeAndName()
{
    TranscriptView view;
    const QDateTime sentAt(QDate(2026, 12, 4), QTime(15, 20, 48), Qt::UTC);
    view.appendChat(sentAt, "alice", "hello");
    const QString expected = QStringLiteral("[%1] ").arg(sentAt.toLocalTime().toString("HH:mm"));
    QVERIFY(view.toPlainText().startsWith(expected));
    QVERIFY(view.toPlainText().contains("alice"));
    QVERIFY(view.toPlainText().contains("hello"));
    QVERIFY(view.isReadOnly());
}

void TestTranscriptView::oldLinesDropped()
{
    TranscriptView view;
    for (int i = 0; i < TranscriptView::kMaxLines + 10; ++i) {
        view.appendNotice(QString::number(i));
    }
    QCOMPARE(view.document()->blockCount(), TranscriptView::kMaxLines);
    QVERIFY(view.document()->lastBlock().text().contains(
        QString::number(TranscriptView::kMaxLines + 9)));
}

QTEST_MAIN(TestTranscriptView)
#include "tst_transcriptview.moc"
