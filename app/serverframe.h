#pragma once

#include "chatmessage.h"
#include "userpresence.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace confab::desktop {

// One JSON text frame from the host, as docs/protocol.md describes them.
struct ServerFrame
{
    enum class Type { Invalid, Welcome, User, Chat, Error };

    Type type = Type::Invalid;
    QString errorString; // why parsing failed (Invalid), or the host's message (Error)

    // welcome
    QString username;
    QList<UserPresence> users;
    QList<ChatMessage> history;
    // user: username above, plus
    bool connected = false;
    int currentUsers = 0;
    // chat
    ChatMessage chat;
};

ServerFrame parseServerFrame(const QByteArray &json);

// Returns the client-to-host frame that sends one chat message.
QByteArray chatFrame(const QString &message);

} // namespace confab::desktop
