#include "transcriptview.h"

#include <QRegularExpression>

namespace confab::desktop {

namespace {

constexpr QChar FirstStrongIsolate(0x2068);
constexpr QChar PopDirectionalIsolate(0x2069);
constexpr QLatin1String ContinuationIndent("    ");

} // namespace

TranscriptView::TranscriptView(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setMaximumBlockCount(kMaxLines);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setPlaceholderText(tr("No messages yet"));
}

void TranscriptView::appendChat(const QDateTime &sentAt, const QString &username,
                                const QString &message)
{
    const QString time = sentAt.isValid() ? sentAt.toLocalTime().toString(QStringLiteral("HH:mm"))
                                          : QStringLiteral("--:--");
    const QString line
        = QStringLiteral("[%1] %2: %3")
              .arg(time, isolateDirection(username), isolateDirection(flattenLineBreaks(message)));
    appendPlainText(line);
}

void TranscriptView::appendNotice(const QString &text)
{
    appendPlainText(QStringLiteral("* ") + isolateDirection(flattenLineBreaks(text)));
}

QString TranscriptView::flattenLineBreaks(const QString &text)
{
    // QPlainTextEdit starts a new block at \n, \r, U+2028 and U+2029.
    static const QRegularExpression lineBreak(QStringLiteral("\r\n|[\r\n\u2028\u2029]"));
    QString flattened = text;
    flattened.replace(lineBreak, QLatin1Char('\n') + ContinuationIndent);
    return flattened;
}

QString TranscriptView::isolateDirection(const QString &text)
{
    return FirstStrongIsolate + text + PopDirectionalIsolate;
}

} // namespace confab::desktop
