#include "serverframe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace confab::desktop {

namespace {

ServerFrame invalid(const QString &reason)
{
    ServerFrame frame;
    frame.errorString = reason;
    return frame;
}

std::optional<ChatMessage> parseChatMessage(const QJsonObject &object)
{
    ChatMessage chat;
    chat.id = object.value(QLatin1String("id")).toInteger(-1);
    chat.username = object.value(QLatin1String("username")).toString();
    chat.message = object.value(QLatin1String("message")).toString();
    chat.sentAt = QDateTime::fromString(object.value(QLatin1String("sentAt")).toString(),
                                        Qt::ISODateWithMs);
    if (chat.id < 0 || chat.username.isEmpty()
        || !object.value(QLatin1String("message")).isString()) {
        return std::nullopt;
    }
    return chat;
}

std::optional<UserPresence> parseUser(const QJsonObject &object)
{
    UserPresence user;
    user.username = object.value(QLatin1String("username")).toString();
    user.connections = object.value(QLatin1String("connections")).toInt(1);
    if (user.username.isEmpty()) {
        return std::nullopt;
    }
    return user;
}

ServerFrame parseWelcome(const QJsonObject &object)
{
    ServerFrame frame;
    frame.type = ServerFrame::Type::Welcome;
    frame.username = object.value(QLatin1String("username")).toString();
    for (const QJsonValue &value : object.value(QLatin1String("users")).toArray()) {
        if (const auto user = parseUser(value.toObject())) {
            frame.users.append(*user);
        }
    }
    for (const QJsonValue &value : object.value(QLatin1String("history")).toArray()) {
        if (const auto chat = parseChatMessage(value.toObject())) {
            frame.history.append(*chat);
        }
    }
    if (frame.username.isEmpty()) {
        return invalid(QStringLiteral("welcome frame without a username"));
    }
    return frame;
}

ServerFrame parseUserEvent(const QJsonObject &object)
{
    ServerFrame frame;
    frame.type = ServerFrame::Type::User;
    frame.username = object.value(QLatin1String("username")).toString();
    frame.connected = object.value(QLatin1String("connected")).toBool();
    frame.currentUsers = object.value(QLatin1String("currentUsers")).toInt();
    if (frame.username.isEmpty() || !object.value(QLatin1String("connected")).isBool()) {
        return invalid(QStringLiteral("user frame without a username or connected flag"));
    }
    return frame;
}

} // namespace

ServerFrame parseServerFrame(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(QStringLiteral("frame is not valid JSON: %1").arg(parseError.errorString()));
    }
    if (!document.isObject()) {
        return invalid(QStringLiteral("frame is not a JSON object"));
    }
    const QJsonObject object = document.object();
    const QString type = object.value(QLatin1String("type")).toString();
    if (type == QLatin1String("welcome")) {
        return parseWelcome(object);
    }
    if (type == QLatin1String("user")) {
        return parseUserEvent(object);
    }
    if (type == QLatin1String("chat")) {
        const auto chat = parseChatMessage(object);
        if (!chat) {
            return invalid(QStringLiteral("chat frame without id, username or message"));
        }
        ServerFrame frame;
        frame.type = ServerFrame::Type::Chat;
        frame.chat = *chat;
        return frame;
    }
    if (type == QLatin1String("error")) {
        ServerFrame frame;
        frame.type = ServerFrame::Type::Error;
        frame.errorString = object.value(QLatin1String("error")).toString();
        return frame;
    }
    return invalid(QStringLiteral("unknown frame type \"%1\"").arg(type));
}

QByteArray chatFrame(const QString &message)
{
    const QJsonObject object {{QLatin1String("type"), QLatin1String("chat")},
                              {QLatin1String("message"), message}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace confab::desktop
