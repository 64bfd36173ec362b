#include "rawresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace confab {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 421: return "Misdirected Request";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

void writeErrorAndClose(QTcpSocket *socket, int status, const QString &error,
                        const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n"
        + "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n";
    for (const auto &[name, value] : extraHeaders) {
        response += name + ": " + value + "\r\n";
    }
    response += "\r\n" + body;
    // Whatever the peer sent after the rejected request is discarded unread.
    socket->readAll();
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace confab
