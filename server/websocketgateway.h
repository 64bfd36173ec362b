#pragma once

#include "requesthead.h"
#include "sessionmanager.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QWebSocketServer>

class QTcpSocket;

namespace confab {

class ChatHub;

// Authenticates WebSocket handshakes before the upgrade. A handshake whose Origin is not the
// host's own (or an allowed one) gets 403, one without a live session gets 401, and neither
// ever reaches QWebSocketServer. An accepted one is handed to QWebSocketServer and then to the
// ChatHub with the session it was checked against.
class WebSocketGateway : public QObject
{
    Q_OBJECT

public:
    WebSocketGateway(SessionManager *sessions, ChatHub *hub, bool secure,
                     QStringList allowedOrigins, QObject *parent = nullptr);

    void handleRequest(QTcpSocket *socket, const RequestHead &head);

    // Returns whether an Origin header value may open a socket on a request with this Host.
    bool isOriginAllowed(const QByteArray &origin, const QByteArray &host) const;

private:
    struct Accepted
    {
        SessionRecord session;
        QByteArray tokenHash;
        QTcpSocket *socket = nullptr;
    };

    void finishAuthentication(QTcpSocket *socket, const SessionManager::Lookup &lookup);
    void adoptUpgradedSockets();
    void forgetSession(const QByteArray &tokenHash);
    static QString peerKey(const QHostAddress &address, quint16 port);

    SessionManager *m_sessions;
    ChatHub *m_hub;
    bool m_secure;
    QStringList m_allowedOrigins;
    QWebSocketServer m_server;
    // Sockets handed to QWebSocketServer, by peer address and port, until they are upgraded.
    QHash<QString, Accepted> m_accepted;
};

} // namespace confab
