#pragma once

#include "hostnamefilter.h"
#include "requesthead.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace confab {

// The listening socket shared by HTTP and WebSocket. It reads each new connection's first
// request head itself, under the ConnectionGuard limits, and then hands the connection on:
// a WebSocket upgrade to webSocketRequested(), anything else to the QHttpServer bound to it.
class FrontDoor : public QTcpServer
{
    Q_OBJECT

public:
    FrontDoor(const QStringList &allowedOrigins, QObject *parent = nullptr);

    int openConnections() const { return m_openConnections; }

    // With a configuration every connection is TLS (https and wss on the same port). The
    // guards then see the decrypted stream, and the head timeout covers the TLS handshake.
    void setTlsConfiguration(const QSslConfiguration &configuration);

    // Stops deleting the socket when it disconnects, for a new owner that does so itself.
    static void releaseSocket(QTcpSocket *socket);

signals:
    // A connection asked to upgrade at /ws. The receiver owns the decision: it hands the
    // socket to QWebSocketServer::handleConnection() or rejects it.
    void webSocketRequested(QTcpSocket *socket, const confab::RequestHead &head);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void dispatch(QTcpSocket *socket, const RequestHead &head);

    QTcpSocket *createSocket();

    HostNameFilter m_hostNames;
    int m_openConnections = 0;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace confab
