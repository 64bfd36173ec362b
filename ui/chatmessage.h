#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace confab::desktop {

// Maximum length of one chat message in UTF-16 code units, the unit the host counts in.
constexpr int kMaxMessageLength = 4000;

// One stored chat message as the host sends it in `welcome` history and `chat` frames.
struct ChatMessage
{
    qint64 id = 0;
    QString username;
    QString message;
    QDateTime sentAt; // UTC
};

} // namespace confab::desktop

Q_DECLARE_METATYPE(confab::desktop::ChatMessage)
