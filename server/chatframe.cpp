#include "chatframe.h"

#include "hostlimits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace confab {

namespace {

ClientFrame rejected(FrameStatus status, const QString &error)
{
    return {status, {}, error};
}

// JSON can carry a lone UTF-16 surrogate ("\ud800"), which has no UTF-8 form: SQLite would
// store something else than what was broadcast.
bool hasUnpairedSurrogate(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return true;
        }
    }
    return false;
}

QJsonObject messageObject(const ChatMessage &message)
{
    return {{QStringLiteral("id"), message.id},
            {QStringLiteral("username"), message.username},
            {QStringLiteral("message"), message.text},
            {QStringLiteral("sentAt"), message.sentAt.toUTC().toString(Qt::ISODateWithMs)}};
}

QJsonArray usersArray(const QList<UserPresence> &users)
{
    QJsonArray array;
    for (const UserPresence &user : users) {
        array.append(QJsonObject{{QStringLiteral("username"), user.username},
                                 {QStringLiteral("connections"), user.connections}});
    }
    return array;
}

QJsonArray messagesArray(const QList<ChatMessage> &messages)
{
    QJsonArray array;
    for (const ChatMessage &message : messages) {
        array.append(messageObject(message));
    }
    return array;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ClientFrame decodeClientFrame(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return rejected(FrameStatus::NotJson, QStringLiteral("frame is not a JSON object"));
    }
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(QLatin1String("type"));
    if (type != QLatin1String("chat")) {
        return rejected(FrameStatus::UnknownType,
                        QStringLiteral("unknown frame type; the only type is \"chat\""));
    }
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!message.isString()) {
        return rejected(FrameStatus::MissingMessage,
                        QStringLiteral("a chat frame needs a \"message\" string"));
    }
    const QString body = message.toString();
    if (body.trimmed().isEmpty()) {
        return rejected(FrameStatus::EmptyMessage, QStringLiteral("message is empty"));
    }
    if (hasUnpairedSurrogate(body)) {
        return rejected(FrameStatus::InvalidText,
                        QStringLiteral("message contains an unpaired UTF-16 surrogate"));
    }
    if (body.size() > limits::kMaxMessageLength) {
        return rejected(FrameStatus::TooLong, QStringLiteral("message is longer than %1 characters")
                                                  .arg(limits::kMaxMessageLength));
    }
    return {FrameStatus::Ok, body, {}};
}

QByteArray welcomeFrame(const QString &username, const QList<UserPresence> &users,
                        const QList<ChatMessage> &history)
{
    return compact({{QStringLiteral("type"), QStringLiteral("welcome")},
                    {QStringLiteral("username"), username},
                    {QStringLiteral("users"), usersArray(users)},
                    {QStringLiteral("history"), messagesArray(history)}});
}

QByteArray presenceFrame(const QString &username, bool connected, int currentUsers)
{
    return compact({{QStringLiteral("type"), QStringLiteral("user")},
                    {QStringLiteral("username"), username},
                    {QStringLiteral("connected"), connected},
                    {QStringLiteral("currentUsers"), currentUsers}});
}

QByteArray chatFrame(const ChatMessage &message)
{
    QJsonObject object = messageObject(message);
    object.insert(QStringLiteral("type"), QStringLiteral("chat"));
    return compact(object);
}

QByteArray errorFrame(const QString &error)
{
    return compact({{QStringLiteral("type"), QStringLiteral("error")},
                    {QStringLiteral("error"), error}});
}

QByteArray usersJson(const QList<UserPresence> &users)
{
    return QJsonDocument(usersArray(users)).toJson(QJsonDocument::Compact);
}

QByteArray messagesJson(const QList<ChatMessage> &messages)
{
    return QJsonDocument(messagesArray(messages)).toJson(QJsonDocument::Compact);
}

} // namespace confab
