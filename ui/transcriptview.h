#pragma once

#include <QDateTime>
#include <QPlainTextEdit>

namespace confab::desktop {

// The read-only chat transcript. Every name and message goes in as plain text, so markup such
// as `<b>x</b>` shows literally.
class TranscriptView : public QPlainTextEdit
{
    Q_OBJECT

public:
    // Lines kept before the oldest are dropped, so a long session does not grow without bound.
    static constexpr int kMaxLines = 5000;

    explicit TranscriptView(QWidget *parent = nullptr);

    void appendChat(const QDateTime &sentAt, const QString &username, const QString &message);
    // Appends a line from the client itself, such as a join, a leave or a connection change.
    void appendNotice(const QString &text);

    // Returns text as one transcript entry: line breaks become indented continuation lines, so
    // a message cannot start a line that looks like another user's message.
    static QString flattenLineBreaks(const QString &text);
    // Wraps text in a Unicode first-strong isolate, so bidi controls inside a name or message
    // cannot reorder the rest of the line.
    static QString isolateDirection(const QString &text);
};

} // namespace confab::desktop
