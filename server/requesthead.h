#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace confab {

// The request line and headers of one HTTP/1.1 request.
struct RequestHead
{
    QByteArray method;
    QByteArray target; // origin-form, for example "/api/messages?limit=5"
    QByteArray version;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, in arrival order
    qsizetype size = 0; // bytes up to and including the blank line

    // Returns every value of a header joined with ", " (RFC 9110 list semantics).
    QByteArray header(QByteArrayView lowerCaseName) const;
    int headerCount(QByteArrayView lowerCaseName) const;
    QByteArray path() const; // target without the query
    bool isWebSocketUpgrade() const;
};

enum class HeadStatus {
    Incomplete, // no blank line yet, and within the limits
    Complete,
    TooLarge, // the head passed kMaxRequestHeadBytes
    TooManyHeaders, // more than kMaxRequestHeaderLines header lines
    Malformed, // not an HTTP/1.x request line or header syntax
};

struct HeadParse
{
    HeadStatus status = HeadStatus::Incomplete;
    RequestHead head;
};

// Parses the head at the start of `bytes`, enforcing the head size and line limits even when
// the head is not complete yet, so that a peer cannot make the host buffer without bound.
HeadParse parseRequestHead(QByteArrayView bytes);

enum class BodyLengthStatus { Ok, Invalid, Chunked };

struct BodyLength
{
    BodyLengthStatus status = BodyLengthStatus::Ok;
    qint64 bytes = 0;
};

// Returns the body size a request head announces (RFC 9112 section 6). Transfer-Encoding is
// reported as Chunked because the host accepts only bodies with a Content-Length.
BodyLength requestBodyLength(const RequestHead &head);

} // namespace confab
