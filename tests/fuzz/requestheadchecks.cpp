#include "parserchecks.h"

#include "hostlimits.h"
#include "requesthead.h"

#include <algorithm>

namespace confab::fuzz {

namespace {

constexpr QByteArrayView kLineEnd("\r\n");
constexpr QByteArrayView kBlankLine("\r\n\r\n");

// The part of the input that the two head limits apply to. It runs to the end of the first blank
// line, or to the end of the input when there is none yet, and its line count is the CRLFs
// before the blank line's second CRLF.
struct HeadExtent
{
    bool complete = false;
    qsizetype bytes = 0;
    qsizetype lineEnds = 0;
};

HeadExtent measure(QByteArrayView input)
{
    const qsizetype end = input.indexOf(kBlankLine);
    HeadExtent extent;
    extent.complete = end >= 0;
    extent.bytes = end < 0 ? input.size() : end + kBlankLine.size();
    extent.lineEnds = (end < 0 ? input : input.first(end + kLineEnd.size())).count(kLineEnd);
    return extent;
}

bool withinLimits(const HeadExtent &extent)
{
    return extent.bytes <= limits::kMaxRequestHeadBytes
        && extent.lineEnds <= limits::kMaxRequestHeaderLines + 1;
}

template<typename Predicate> bool hasByte(QByteArrayView text, Predicate predicate)
{
    return std::any_of(text.begin(), text.end(), predicate);
}

bool isControl(char c)
{
    return uchar(c) < 0x20 || c == 0x7f;
}

// RFC 9110 section 5.6.2 token characters.
bool isTokenByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenByte);
}

// A limit breach or a missing blank line must be reported as such, because the host responds
// to them differently (431, or waiting for more bytes), and a client within the limits must
// never get a 431.
QString checkStatusAgainstLimits(const HeadStatus status, const HeadExtent &extent)
{
    if (!withinLimits(extent)) {
        if (status != HeadStatus::TooLarge && status != HeadStatus::TooManyHeaders) {
            return QStringLiteral("a head past the size or line limit was not rejected");
        }
        return {};
    }
    if (status == HeadStatus::TooLarge || status == HeadStatus::TooManyHeaders) {
        return QStringLiteral("a head within the size and line limits was rejected as too large");
    }
    if (!extent.complete && status != HeadStatus::Incomplete) {
        return QStringLiteral("input without a blank line was not reported as incomplete");
    }
    if (extent.complete && status == HeadStatus::Incomplete) {
        return QStringLiteral("input with a blank line was reported as incomplete");
    }
    return {};
}

QString checkRequestLine(const RequestHead &head)
{
    if (!isToken(head.method)) {
        return QStringLiteral("the method of a complete head is not a token");
    }
    if (!head.target.startsWith('/')
        || hasByte(head.target, [](char c) { return isControl(c) || c == ' '; })) {
        return QStringLiteral("the target of a complete head is not an origin-form path");
    }
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0") {
        return QStringLiteral("the version of a complete head is not HTTP/1.0 or HTTP/1.1");
    }
    return {};
}

// Names are matched in lower case, and a CR or LF in a value would let a header be smuggled
// into a response or a log line.
QString checkHeaderFields(const RequestHead &head)
{
    if (head.headers.size() > limits::kMaxRequestHeaderLines) {
        return QStringLiteral("a complete head has more than %1 header lines")
            .arg(limits::kMaxRequestHeaderLines);
    }
    for (const auto &[name, value] : head.headers) {
        if (!isToken(name) || name != name.toLower()) {
            return QStringLiteral("a header name is not a lower-case token");
        }
        if (hasByte(value, [](char c) { return c == '\r' || c == '\n' || c == '\0'; })) {
            return QStringLiteral("a header value contains CR, LF or NUL");
        }
        if (value != value.trimmed()) {
            return QStringLiteral("a header value has leading or trailing white space");
        }
        if (!value.isEmpty() && !head.header(name).contains(value)) {
            return QStringLiteral("header() dropped a value of its header");
        }
    }
    return {};
}

QString checkPath(const RequestHead &head)
{
    const QByteArray path = head.path();
    if (!path.startsWith('/') || path.contains('?') || !head.target.startsWith(path)) {
        return QStringLiteral("path() is not the target up to the query");
    }
    if (!head.target.contains('?') && path != head.target) {
        return QStringLiteral("path() of a target without a query is not the target");
    }
    return {};
}

// Two lengths, or a length beside Transfer-Encoding, are how requests get smuggled past a
// proxy (RFC 9112 section 6.3), so either must stop the request.
QString checkBodyLength(const RequestHead &head)
{
    const BodyLength length = requestBodyLength(head);
    const int lengthCount = head.headerCount("content-length");
    const bool chunked = head.headerCount("transfer-encoding") > 0;
    if ((length.status == BodyLengthStatus::Chunked) != chunked) {
        return QStringLiteral("requestBodyLength reported Chunked without Transfer-Encoding, or "
                              "missed it");
    }
    if (length.status != BodyLengthStatus::Ok) {
        return length.bytes == 0 ? QString()
                                 : QStringLiteral("a rejected body length carries a size");
    }
    if (lengthCount > 1) {
        return QStringLiteral("requestBodyLength accepted more than one Content-Length");
    }
    if (length.bytes < 0) {
        return QStringLiteral("requestBodyLength returned a negative size");
    }
    if (lengthCount == 0) {
        return length.bytes == 0 ? QString()
                                 : QStringLiteral("a head without Content-Length has a body");
    }
    const QByteArray value = head.header("content-length");
    QByteArray digits = value;
    while (digits.size() > 1 && digits.startsWith('0')) {
        digits.remove(0, 1);
    }
    if (QByteArray::number(length.bytes) != digits) {
        return QStringLiteral("requestBodyLength returned a size other than the Content-Length");
    }
    return {};
}

QString checkUpgrade(const RequestHead &head)
{
    if (head.isWebSocketUpgrade()
        && (head.method != "GET" || head.header("upgrade").isEmpty()
            || head.header("connection").isEmpty())) {
        return QStringLiteral("isWebSocketUpgrade accepted a head that is not a GET with "
                              "Upgrade and Connection");
    }
    return {};
}

// The host parses its buffer again on every read, so every prefix of a complete head must be
// incomplete, and the bytes after the head must not change it.
QString checkStreaming(QByteArrayView input, const RequestHead &head)
{
    for (const qsizetype cut : {head.size - 1, head.size - 2, head.size / 2, qsizetype(1)}) {
        if (cut >= 0 && parseRequestHead(input.first(cut)).status != HeadStatus::Incomplete) {
            return QStringLiteral("a prefix of %1 bytes of a complete head was not incomplete")
                .arg(cut);
        }
    }
    const HeadParse alone = parseRequestHead(input.first(head.size));
    if (alone.status != HeadStatus::Complete || alone.head.size != head.size
        || alone.head.target != head.target || alone.head.headers != head.headers) {
        return QStringLiteral("the bytes after a complete head changed how it parsed");
    }
    return {};
}

QString checkCompleteHead(QByteArrayView input, const RequestHead &head)
{
    if (head.size > limits::kMaxRequestHeadBytes || head.size > input.size()) {
        return QStringLiteral("a complete head of %1 bytes is larger than the limit or the "
                              "input of %2 bytes")
            .arg(head.size)
            .arg(input.size());
    }
    if (head.size != measure(input).bytes) {
        return QStringLiteral("a complete head does not end at the first blank line");
    }
    for (const auto check :
         {checkRequestLine, checkHeaderFields, checkPath, checkBodyLength, checkUpgrade}) {
        const QString broken = check(head);
        if (!broken.isEmpty()) {
            return broken;
        }
    }
    return checkStreaming(input, head);
}

} // namespace

QString checkRequestHead(QByteArrayView input)
{
    const HeadParse parse = parseRequestHead(input);
    const QString broken = checkStatusAgainstLimits(parse.status, measure(input));
    if (!broken.isEmpty()) {
        return broken;
    }
    if (parse.status != HeadStatus::Complete) {
        return parse.head.size == 0 ? QString()
                                    : QStringLiteral("a head that is not complete has a size");
    }
    return checkCompleteHead(input, parse.head);
}

} // namespace confab::fuzz
