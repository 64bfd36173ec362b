#include "cookies.h"

#include <QList>

namespace confab::cookies {

std::optional<QByteArray> find(const QByteArray &header, const QByteArray &name)
{
    std::optional<QByteArray> found;
    QByteArray normalized = header;
    normalized.replace(',', ';');
    for (const QByteArray &pair : normalized.split(';')) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0) {
            continue;
        }
        if (pair.left(equals).trimmed() != name) {
            continue;
        }
        if (found) {
            return std::nullopt;
        }
        QByteArray value = pair.mid(equals + 1).trimmed();
        // RFC 6265 allows a value in double quotes.
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
            value = value.mid(1, value.size() - 2);
        }
        found = value;
    }
    return found;
}

static QByteArray attributes(bool secure)
{
    QByteArray result = "; Path=/; HttpOnly; SameSite=Lax";
    if (secure) {
        result += "; Secure";
    }
    return result;
}

QByteArray sessionCookie(const QByteArray &token, std::chrono::seconds maxAge, bool secure)
{
    return QByteArray(kSessionCookieName) + '=' + token
        + "; Max-Age=" + QByteArray::number(qint64(maxAge.count())) + attributes(secure);
}

QByteArray expiredSessionCookie(bool secure)
{
    return QByteArray(kSessionCookieName) + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
        + attributes(secure);
}

} // namespace confab::cookies

