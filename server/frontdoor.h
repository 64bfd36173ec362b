#pragma once

#include "requesthead.h"

#include <QTcpServer>

namespace confab {

// The listening socket shared by HTTP and WebSocket. It reads each new connection's first
// request head itself, under the ConnectionGuard limits, and then hands the connection on:
// a WebSocket upgrade to webSocketRequested(), anything else to the QHttpServer bound to it.
class FrontDoor : public QTcpServer
{
    Q_OBJECT

public:
    explicit FrontDoor(QObject *parent = nullptr);

    int openConnections() const { return m_openConnections; }

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

    int m_openConnections = 0;
};

} // namespace confab
