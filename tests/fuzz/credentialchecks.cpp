#include "parserchecks.h"

#include "credentials.h"
#include "hostlimits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>

namespace confab::fuzz {

namespace {

constexpr char kJson[] = "application/json";
constexpr char kForm[] = "application/x-www-form-urlencoded";

// The media type is the part before any parameter, compared ignoring ASCII case
// (RFC 9110 section 8.3.1).
bool isSupportedMediaType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView mediaType
        = (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
    return mediaType.compare(kJson, Qt::CaseInsensitive) == 0
        || mediaType.compare(kForm, Qt::CaseInsensitive) == 0;
}

QString checkStatus(QByteArrayView contentType, const CredentialsParse &parse)
{
    const bool ok = parse.status == BodyStatus::Ok;
    if (ok != parse.error.isEmpty()) {
        return QStringLiteral("parseCredentials returned an error sentence that does not match "
                              "its status");
    }
    if (!ok && (!parse.credentials.username.isEmpty() || !parse.credentials.password.isEmpty())) {
        return QStringLiteral("parseCredentials returned credentials with a failure");
    }
    const bool unsupported = parse.status == BodyStatus::UnsupportedMediaType;
    if (unsupported == isSupportedMediaType(contentType)) {
        return QStringLiteral("parseCredentials chose the wrong decoder for the Content-Type");
    }
    return {};
}

QString checkUsernameRule(const QString &username)
{
    static const QRegularExpression allowed(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_.-]{%1,%2}")
                                                .arg(limits::kMinUsernameLength)
                                                .arg(limits::kMaxUsernameLength)));
    const bool valid = validateUsername(username).isEmpty();
    if (valid != allowed.match(username).hasMatch()) {
        return valid ? QStringLiteral("validateUsername accepted a name outside the rule")
                     : QStringLiteral("validateUsername rejected a name inside the rule");
    }
    if (!valid) {
        return {};
    }
    // Uniqueness ignores case, so every spelling of a valid name needs the same key.
    const QString key = usernameKey(username);
    if (key != QString::fromLatin1(username.toLatin1().toLower())) {
        return QStringLiteral("usernameKey of a valid name is not its ASCII lower case");
    }
    if (usernameKey(username.toUpper()) != key) {
        return QStringLiteral("usernameKey differs between the upper and lower case spelling");
    }
    return {};
}

// Decodes a password without dropping a U+FEFF that starts it, as QString::fromUtf8 would.
QString decodePassword(const QByteArray &password, bool *valid = nullptr)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::ConvertInitialBom
                               | QStringDecoder::Flag::Stateless);
    const QString text = decoder(password);
    if (valid) {
        *valid = !decoder.hasError() && text.toUtf8() == password;
    }
    return text;
}

QString checkPasswordRule(const QByteArray &password)
{
    const bool valid = validatePassword(password).isEmpty();
    const bool inRange = password.size() >= limits::kMinPasswordBytes
        && password.size() <= limits::kMaxPasswordBytes;
    if (valid != inRange) {
        return QStringLiteral("validatePassword disagrees with the %1 to %2 byte rule")
            .arg(limits::kMinPasswordBytes)
            .arg(limits::kMaxPasswordBytes);
    }
    // Credentials::password is documented as UTF-8, and the hash is taken over these bytes.
    bool validUtf8 = false;
    decodePassword(password, &validUtf8);
    if (!validUtf8) {
        return QStringLiteral("parseCredentials returned a password that is not valid UTF-8");
    }
    return {};
}

// NOTE: Qt 6.4.2 changes two kinds of password between the encodings, so an account whose
// password is set through one of them cannot log in through the others:
// - a U+FEFF that starts the password is dropped when it arrives as raw UTF-8 in JSON or
//   percent-encoded in a form, but kept when JSON sends the escape \ufeff;
// - a noncharacter (U+FDD0 to U+FDEF and the last two code points of each plane) percent-encoded
//   in a form decodes to one U+FFFD per byte, while JSON keeps it.
bool changesBetweenEncodings(const QString &password)
{
    if (password.startsWith(QChar(0xfeff))) {
        return true;
    }
    const QList<uint> codePoints = password.toUcs4();
    return std::any_of(codePoints.begin(), codePoints.end(), [](uint codePoint) {
        return (codePoint & 0xfffe) == 0xfffe || (codePoint >= 0xfdd0 && codePoint <= 0xfdef);
    });
}

// Credentials the host accepts must decode the same from a JSON body and from a form body, so
// an account registered through one can log in through the other.
QString checkEncodingsAgree(const Credentials &credentials)
{
    const QString password = decodePassword(credentials.password);
    if (changesBetweenEncodings(password)) {
        return {};
    }
    const QJsonObject object {{QStringLiteral("username"), credentials.username},
                              {QStringLiteral("password"), password}};
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    const QByteArray form = "username=" + QUrl::toPercentEncoding(credentials.username)
        + "&password=" + QUrl::toPercentEncoding(password);
    for (const auto &[contentType, body] : {std::pair(kJson, json), std::pair(kForm, form)}) {
        const CredentialsParse again = parseCredentials(contentType, body);
        if (again.status != BodyStatus::Ok) {
            return QStringLiteral("accepted credentials re-encoded as %1 were rejected")
                .arg(QLatin1String(contentType));
        }
        if (again.credentials.username != credentials.username
            || again.credentials.password != credentials.password) {
            return QStringLiteral("accepted credentials re-encoded as %1 decoded differently")
                .arg(QLatin1String(contentType));
        }
    }
    return {};
}

} // namespace

QString checkCredentialsBody(QByteArrayView input)
{
    const qsizetype newline = input.indexOf('\n');
    const QByteArray contentType = (newline < 0 ? input : input.first(newline)).toByteArray();
    const QByteArray body = newline < 0 ? QByteArray() : input.sliced(newline + 1).toByteArray();
    const CredentialsParse parse = parseCredentials(contentType, body);
    QString broken = checkStatus(contentType, parse);
    if (!broken.isEmpty() || parse.status != BodyStatus::Ok) {
        return broken;
    }
    broken = checkUsernameRule(parse.credentials.username);
    if (broken.isEmpty()) {
        broken = checkPasswordRule(parse.credentials.password);
    }
    if (broken.isEmpty() && validateUsername(parse.credentials.username).isEmpty()
        && validatePassword(parse.credentials.password).isEmpty()) {
        broken = checkEncodingsAgree(parse.credentials);
    }
    return broken;
}

} // namespace confab::fuzz
