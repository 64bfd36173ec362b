#pragma once

#include "store.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace confab {

// A user with live WebSockets, as sent in welcome frames and GET /api/users.
struct UserPresence
{
    QString username;
    int connections = 0;
};

enum class FrameStatus {
    Ok,
    NotJson,
    UnknownType,
    MissingMessage,
    EmptyMessage,
    InvalidText, // not valid Unicode
    TooLong,
};

struct ClientFrame
{
    FrameStatus status = FrameStatus::NotJson;
    QString message; // the chat text when status is Ok
    QString error; // a sentence for the error frame otherwise
};

// Decodes a text frame from a client. The only type a client sends is
// {"type":"chat","message":"..."} with 1 to kMaxMessageLength UTF-16 code units.
ClientFrame decodeClientFrame(const QString &text);

// Encoders for the frames the host sends, as compact JSON.
QByteArray welcomeFrame(const QString &username, const QList<UserPresence> &users,
                        const QList<ChatMessage> &history);
QByteArray presenceFrame(const QString &username, bool connected, int currentUsers);
QByteArray chatFrame(const ChatMessage &message);
QByteArray errorFrame(const QString &error);

// JSON forms shared with the HTTP API.
QByteArray usersJson(const QList<UserPresence> &users);
QByteArray messagesJson(const QList<ChatMessage> &messages);

} // namespace confab
