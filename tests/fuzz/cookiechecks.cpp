#include "parserchecks.h"

#include "cookies.h"
#include "hostlimits.h"
#include "sessiontoken.h"

namespace confab::fuzz {

namespace {

// A token of the shape the host issues: 43 base64url characters.
constexpr char kPlantedToken[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

QString checkWellFormedToken(const QByteArray &token)
{
    if (!sessiontoken::isWellFormed(token)) {
        return {};
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return QStringLiteral("isWellFormed accepted a token that is not base64url");
    }
    if (decoded.decoded.size() != limits::kSessionIdBytes) {
        return QStringLiteral("isWellFormed accepted a token that decodes to %1 bytes, not %2")
            .arg(decoded.decoded.size())
            .arg(limits::kSessionIdBytes);
    }
    if (sessiontoken::hash(token).size() != 32) {
        return QStringLiteral("the hash of a well-formed token is not 32 bytes");
    }
    return {};
}

QString checkFoundValue(const QByteArray &header, const QByteArray &value)
{
    // Both separators split pairs, so neither can be part of a value.
    if (value.contains(';')) {
        return QStringLiteral("cookies::find returned a value that contains ';'");
    }
    if (value.contains(',')) {
        return QStringLiteral("cookies::find returned a value that contains ','");
    }
    if (!header.contains(value)) {
        return QStringLiteral("cookies::find returned a value that is not part of the header");
    }
    if (!header.contains(kSessionCookieName)) {
        return QStringLiteral("cookies::find returned a value for a name the header lacks");
    }
    return {};
}

// A second cookie of the same name, planted by a sub-path or a sibling domain, must make the
// value ambiguous wherever it sits, because browsers do not say which cookie is which.
QString checkPlantedDuplicate(const QByteArray &header)
{
    const QByteArray planted = QByteArray(kSessionCookieName) + '=' + kPlantedToken;
    if (cookies::find(header + "; " + planted, kSessionCookieName)) {
        return QStringLiteral("a session cookie appended after the real one was not rejected");
    }
    if (cookies::find(planted + "; " + header, kSessionCookieName)) {
        return QStringLiteral("a session cookie put before the real one was not rejected");
    }
    return {};
}

// Without a session cookie in the header, an appended one is found as sent or, when the header
// already names the cookie more than once, not at all. Any other value would come from the
// header and shadow the appended one.
QString checkAppendedCookie(const QByteArray &header)
{
    const QByteArray planted = QByteArray(kSessionCookieName) + '=' + kPlantedToken;
    const std::optional<QByteArray> value
        = cookies::find(header + "; " + planted, kSessionCookieName);
    if (value && *value != kPlantedToken) {
        return QStringLiteral("an appended session cookie was read with another value");
    }
    return {};
}

} // namespace

QString checkCookieHeader(QByteArrayView input)
{
    const QByteArray header = input.toByteArray();
    QString broken = checkWellFormedToken(header);
    if (!broken.isEmpty()) {
        return broken;
    }
    const std::optional<QByteArray> value = cookies::find(header, kSessionCookieName);
    if (!value) {
        return checkAppendedCookie(header);
    }
    broken = checkFoundValue(header, *value);
    if (broken.isEmpty()) {
        broken = checkPlantedDuplicate(header);
    }
    if (broken.isEmpty()) {
        broken = checkWellFormedToken(*value);
    }
    return broken;
}

} // namespace confab::fuzz
