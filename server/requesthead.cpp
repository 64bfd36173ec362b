#include "requesthead.h"

#include "hostlimits.h"

namespace confab {

namespace {

// RFC 9110 token characters, the only ones allowed in a method or header name.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool hasControlCharacter(QByteArrayView text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        return (uchar(c) < 0x20 && c != '\t') || c == 0x7f;
    });
}

// An origin-form target (RFC 9112 section 3.2) contains no white space or control characters.
// A tab must be rejected too, because recipients may split a request line on any white space
// (RFC 9112 section 3), so a proxy in front would read another target than the host does.
bool isOriginFormTarget(QByteArrayView target)
{
    return target.startsWith('/') && std::none_of(target.begin(), target.end(), [](char c) {
        return uchar(c) <= 0x20 || c == 0x7f;
    });
}

bool parseRequestLine(QByteArrayView line, RequestHead &head)
{
    const QList<QByteArray> parts = line.toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !isOriginFormTarget(parts[1])
        || (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0")) {
        return false;
    }
    head.method = parts[0];
    head.target = parts[1];
    head.version = parts[2];
    return true;
}

bool parseHeaderLine(QByteArrayView line, RequestHead &head)
{
    const qsizetype colon = line.indexOf(':');
    // No white space before the colon (RFC 9112 section 5.1) and no obsolete line folding.
    if (colon <= 0 || !isToken(line.first(colon))) {
        return false;
    }
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    if (hasControlCharacter(value)) {
        return false;
    }
    head.headers.append({line.first(colon).toByteArray().toLower(), value.toByteArray()});
    return true;
}

HeadParse result(HeadStatus status, RequestHead head = {})
{
    return {status, std::move(head)};
}

} // namespace

QByteArray RequestHead::header(QByteArrayView lowerCaseName) const
{
    QByteArray joined;
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName) {
            joined += joined.isEmpty() ? value : ", " + value;
        }
    }
    return joined;
}

int RequestHead::headerCount(QByteArrayView lowerCaseName) const
{
    return int(std::count_if(headers.begin(), headers.end(),
                             [&](const auto &pair) { return pair.first == lowerCaseName; }));
}

QByteArray RequestHead::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

bool RequestHead::isWebSocketUpgrade() const
{
    const auto hasToken = [](const QByteArray &list, QByteArrayView token) {
        for (const QByteArray &item : list.split(',')) {
            if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    };
    return method == "GET" && hasToken(header("upgrade"), "websocket")
        && hasToken(header("connection"), "upgrade");
}

HeadParse parseRequestHead(QByteArrayView bytes)
{
    const qsizetype end = bytes.indexOf(QByteArrayView("\r\n\r\n"));
    const QByteArrayView head = end < 0 ? bytes : bytes.first(end + 2);
    if (end < 0 ? bytes.size() > limits::kMaxRequestHeadBytes
                : end + 4 > limits::kMaxRequestHeadBytes) {
        return result(HeadStatus::TooLarge);
    }
    if (head.count(QByteArrayView("\r\n")) > limits::kMaxRequestHeaderLines + 1) {
        return result(HeadStatus::TooManyHeaders);
    }
    if (end < 0) {
        return result(HeadStatus::Incomplete);
    }
    RequestHead parsed;
    parsed.size = end + 4;
    qsizetype lineStart = 0;
    bool firstLine = true;
    while (lineStart < end + 2) {
        const qsizetype lineEnd = head.indexOf(QByteArrayView("\r\n"), lineStart);
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        const bool ok = firstLine ? parseRequestLine(line, parsed) : parseHeaderLine(line, parsed);
        if (!ok) {
            return result(HeadStatus::Malformed);
        }
        firstLine = false;
        lineStart = lineEnd + 2;
    }
    return result(HeadStatus::Complete, std::move(parsed));
}

BodyLength requestBodyLength(const RequestHead &head)
{
    if (head.headerCount("transfer-encoding") > 0) {
        return {BodyLengthStatus::Chunked, 0};
    }
    const int count = head.headerCount("content-length");
    if (count == 0) {
        return {BodyLengthStatus::Ok, 0};
    }
    // Two Content-Length lines, or a list, are a request-smuggling sign (RFC 9112 6.3).
    const QByteArray value = head.header("content-length");
    if (count > 1 || value.isEmpty()
        || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })
        || value.size() > 18) {
        return {BodyLengthStatus::Invalid, 0};
    }
    return {BodyLengthStatus::Ok, value.toLongLong()};
}

} // namespace confab
