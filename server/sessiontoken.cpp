#include "sessiontoken.h"

#include "hostlimits.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace confab::sessiontoken {

namespace {
constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype kEncodedLength = (limits::kSessionIdBytes * 4 + 2) / 3;
} // namespace

QByteArray generate()
{
    QByteArray raw(limits::kSessionIdBytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    const QByteArray token = raw.toBase64(kEncoding);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return token;
}

QByteArray hash(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool isWellFormed(const QByteArray &token)
{
    if (token.size() != kEncodedLength) {
        return false;
    }
    return std::all_of(token.begin(), token.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
    });
}

} // namespace confab::sessiontoken
