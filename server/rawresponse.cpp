#include "rawresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace confab {

namespace {
// Linger limits: the time and the bytes for which a rejected connection is drained.
constexpr std::chrono::milliseconds kLingerTimeout = std::chrono::seconds(2);
constexpr qint64 kMaxLingerBytes = 64 * 1024 * 1024;
} // namespace

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
    // No other reader, QHttpServer included, buffers what the peer sends after this.
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    socket->readAll();
    socket->write(response);
    lingerAndClose(socket);
}

void lingerAndClose(QTcpSocket *socket)
{
    // Closing a socket with unread input makes the kernel send a reset, and the client may then
    // lose the response (RFC 9112 section 9.6). So the host half-closes once the response is
    // out, discards what still arrives, and closes when the peer does or the linger ends.
    auto discarded = std::make_shared<qint64>(0);
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket, discarded] {
        *discarded += socket->readAll().size();
        if (*discarded > kMaxLingerBytes) {
            socket->abort();
        }
    });
    const auto halfClose = [socket] {
#ifdef Q_OS_UNIX
        // TLS needs a close_notify through QSslSocket, so only plain TCP is half-closed.
        if (socket->bytesToWrite() == 0 && !qobject_cast<QSslSocket *>(socket)
            && socket->state() == QAbstractSocket::ConnectedState) {
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        }
#else
        Q_UNUSED(socket)
#endif
    };
    QObject::connect(socket, &QIODevice::bytesWritten, socket, halfClose);
    socket->flush();
    halfClose();
    QTimer::singleShot(kLingerTimeout, socket, [socket] { socket->abort(); });
}

} // namespace confab
