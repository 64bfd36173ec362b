#include "credentials.h"

#include "hostlimits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace confab {

namespace {

CredentialsParse failure(BodyStatus status, const QString &error)
{
    CredentialsParse result;
    result.status = status;
    result.error = error;
    return result;
}

CredentialsParse parseJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return failure(BodyStatus::Malformed, QStringLiteral("request body is not a JSON object"));
    }
    const QJsonObject object = document.object();
    const QJsonValue username = object.value(QLatin1String("username"));
    const QJsonValue password = object.value(QLatin1String("password"));
    if (!username.isString() || !password.isString()) {
        return failure(BodyStatus::MissingField,
                       QStringLiteral("username and password must both be strings"));
    }
    CredentialsParse result;
    result.status = BodyStatus::Ok;
    result.credentials.username = username.toString();
    result.credentials.password = password.toString().toUtf8();
    return result;
}

CredentialsParse parseForm(const QByteArray &body)
{
    // QUrlQuery leaves '+' alone, but HTML forms encode a space as '+'.
    QByteArray spaced = body;
    spaced.replace('+', ' ');
    const QUrlQuery query(QString::fromUtf8(spaced));
    const auto username = query.allQueryItemValues(QStringLiteral("username"), QUrl::FullyDecoded);
    const auto password = query.allQueryItemValues(QStringLiteral("password"), QUrl::FullyDecoded);
    if (username.size() != 1 || password.size() != 1) {
        return failure(BodyStatus::MissingField,
                       QStringLiteral("username and password must each be given once"));
    }
    CredentialsParse result;
    result.status = BodyStatus::Ok;
    result.credentials.username = username.first();
    result.credentials.password = password.first().toUtf8();
    return result;
}

} // namespace

CredentialsParse parseCredentials(const QByteArray &contentType, const QByteArray &body)
{
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    if (mediaType == "application/json") {
        return parseJson(body);
    }
    if (mediaType == "application/x-www-form-urlencoded") {
        return parseForm(body);
    }
    return failure(BodyStatus::UnsupportedMediaType,
                   QStringLiteral("Content-Type must be application/json or "
                                  "application/x-www-form-urlencoded"));
}

QString validateUsername(const QString &username)
{
    const auto isAllowed = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'_' || c == u'.' || c == u'-';
    };
    if (username.size() < limits::kMinUsernameLength
        || username.size() > limits::kMaxUsernameLength
        || !std::all_of(username.begin(), username.end(), isAllowed)) {
        return QStringLiteral("username must be %1 to %2 characters of ASCII letters, digits, "
                              "'_', '.' or '-'")
            .arg(limits::kMinUsernameLength)
            .arg(limits::kMaxUsernameLength);
    }
    return {};
}

QString validatePassword(const QByteArray &password)
{
    if (password.size() < limits::kMinPasswordBytes
        || password.size() > limits::kMaxPasswordBytes) {
        return QStringLiteral("password must be %1 to %2 bytes long")
            .arg(limits::kMinPasswordBytes)
            .arg(limits::kMaxPasswordBytes);
    }
    return {};
}

QString usernameKey(const QString &username)
{
    return username.toLower();
}

} // namespace confab
