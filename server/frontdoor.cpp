#include "frontdoor.h"

#include "connectionguard.h"
#include "hostlimits.h"
#include "logging.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace confab {

FrontDoor::FrontDoor(const QStringList &allowedOrigins, QObject *parent)
    : QTcpServer(parent)
    , m_hostNames(allowedOrigins)
{}

void FrontDoor::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

QTcpSocket *FrontDoor::createSocket()
{
    if (!m_tls) {
        return new QTcpSocket(this);
    }
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(*m_tls);
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError> &errors) {
        qCInfo(lcHttp) << "TLS handshake with" << socket->peerAddress().toString()
                       << "failed:" << errors.value(0).errorString();
    });
    return socket;
}

void FrontDoor::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = createSocket();
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttp) << "cannot adopt an accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    if (m_openConnections >= limits::kMaxConnections) {
        qCWarning(lcHttp) << "connection limit" << limits::kMaxConnections
                          << "reached; dropping a connection from"
                          << socket->peerAddress().toString();
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_openConnections;
    connect(socket, &QObject::destroyed, this, [this] { --m_openConnections; });
    // Until QHttpServer or QWebSocket owns it, nothing else deletes a socket that goes away.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto *guard = new ConnectionGuard(socket, &m_hostNames);
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->startServerEncryption();
    }
    connect(guard, &ConnectionGuard::firstHeadReady, this,
            [this, socket](const RequestHead &head) { dispatch(socket, head); });
    qCDebug(lcHttp) << "connection from" << socket->peerAddress().toString()
                    << socket->peerPort();
}

void FrontDoor::releaseSocket(QTcpSocket *socket)
{
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

void FrontDoor::dispatch(QTcpSocket *socket, const RequestHead &head)
{
    if (head.isWebSocketUpgrade()) {
        emit webSocketRequested(socket, head);
        return;
    }
    releaseSocket(socket);
    // QHttpServer picks the socket up from addPendingConnection() at once. It does not read
    // what is already buffered until the next readyRead, so one is raised for it.
    addPendingConnection(socket);
    socket->findChild<ConnectionGuard *>()->attachAfterHttpServer();
    QMetaObject::invokeMethod(socket, &QTcpSocket::readyRead, Qt::QueuedConnection);
}

} // namespace confab
