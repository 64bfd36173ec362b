#include "rawhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

QByteArray RawHttpResponse::header(QByteArrayView lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName) {
            return value;
        }
    }
    return {};
}

QList<RawHttpResponse> parseHttpResponses(QByteArrayView bytes)
{
    QList<RawHttpResponse> responses;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf(QByteArrayView("\r\n\r\n"), pos);
        if (end < 0) {
            break;
        }
        const QList<QByteArray> lines =
            bytes.sliced(pos, end - pos).toByteArray().split('\n');
        RawHttpResponse response;
        const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
        if (statusParts.size() < 2 || !statusParts[0].startsWith("HTTP/1.")) {
            break;
        }
        response.status = statusParts[1].toInt();
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            response.headers.append({name, value});
            if (name == "content-length") {
                length = value.toLongLong();
            }
        }
        const qsizetype bodyStart = end + 4;
        if (bytes.size() - bodyStart < length) {
            break;
        }
        response.body = bytes.sliced(bodyStart, qsizetype(length)).toByteArray();
        responses.append(response);
        pos = bodyStart + qsizetype(length);
    }
    return responses;
}

QList<int> httpStatuses(QByteArrayView bytes)
{
    QList<int> statuses;
    for (const RawHttpResponse &response : parseHttpResponses(bytes)) {
        statuses.append(response.status);
    }
    return statuses;
}

QByteArray buildHttpRequest(QByteArrayView method, QByteArrayView target, quint16 port,
                            const QList<QByteArray> &headerLines, QByteArrayView body)
{
    QByteArray request = method.toByteArray() + ' ' + target.toByteArray()
        + " HTTP/1.1\r\nHost: 127.0.0.1";
    if (port != 0) {
        request += ':' + QByteArray::number(port);
    }
    request += "\r\n";
    bool framed = false;
    for (const QByteArray &line : headerLines) {
        const QByteArray lower = line.toLower();
        framed = framed || lower.startsWith("content-length:")
            || lower.startsWith("transfer-encoding:");
        request += line + "\r\n";
    }
    if (!body.isEmpty() && !framed) {
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    return request + "\r\n" + body.toByteArray();
}

QByteArray buildLoginRequest(quint16 port, const QString &username, const QString &password,
                             const QByteArray &cookie)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    QList<QByteArray> headers{"Content-Type: application/json"};
    if (!cookie.isEmpty()) {
        headers.append("Cookie: " + cookie);
    }
    return buildHttpRequest("POST", "/api/login", port, headers, body);
}
