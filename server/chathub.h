#pragma once

#include "chatframe.h"
#include "hostlimits.h"
#include "ratelimiter.h"
#include "store.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;
class QWebSocket;

namespace confab {

class AsyncStore;

// The registry of live WebSockets and the chat protocol on them: welcome, presence, chat
// broadcast, error frames, pings. Presence is derived from this registry alone: a user is
// online while at least one of their sockets is registered.
class ChatHub : public QObject
{
    Q_OBJECT

public:
    ChatHub(AsyncStore *store, std::chrono::seconds sessionLifetime,
            int chatMessagesPerWindow = limits::kChatMessagesPerWindow, QObject *parent = nullptr);
    ~ChatHub() override;

    // Takes ownership of an upgraded socket whose session has been checked. `transport` is the
    // TCP (or TLS) socket the WebSocket was upgraded from.
    void addConnection(QWebSocket *socket, QTcpSocket *transport, const SessionRecord &session,
                       const QByteArray &tokenHash);
    // Closes every socket of a session with close code 4401.
    void closeSession(const QByteArray &tokenHash);
    // Closes every socket of a user with close code 4401 (their sessions were deleted).
    void closeUser(qint64 userId);
    // Closes every socket with close code 1000 (host shutting down).
    void closeAll();

    // Every `interval` each socket is pinged; one that has not sent a pong `timeout` later is
    // closed with code 4408. The defaults are kPingInterval and kPongTimeout.
    void setPingTiming(std::chrono::milliseconds interval, std::chrono::milliseconds timeout);

    QList<UserPresence> onlineUsers() const;
    int currentUsers() const { return int(m_connectionsPerUser.size()); }
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection;

    void sendWelcome(Connection *connection);
    void receiveText(Connection *connection, const QString &text);
    // Returns false, after an error frame or a 4429 close, when the connection is flooding.
    bool admitChat(Connection *connection);
    void storeAndBroadcast(Connection *connection, const QString &text);
    void broadcast(const QByteArray &frame);
    bool send(Connection *connection, const QByteArray &frame);
    // Sends a frame, or drops a socket whose unsent data is past kMaxPendingOutgoingBytes.
    bool send(Connection *connection, const QString &frame);
    // Removes a socket from the registry and announces a leave if it was the user's last.
    void unregister(Connection *connection);
    void closeConnection(Connection *connection, int code, const QString &reason);
    static QByteArray closeFrame(int code, const QString &reason);
    void pingAll();
    // Closes the sockets whose session no longer exists in the store or has expired.
    void recheckSessions();
    void closeSilentConnections();

    AsyncStore *m_store;
    std::chrono::seconds m_sessionLifetime;
    QHash<QWebSocket *, std::shared_ptr<Connection>> m_connections;
    QHash<qint64, int> m_connectionsPerUser; // user id -> live sockets
    RateLimiter m_chatLimiter; // keyed by user id
    QTimer m_pingTimer;
    QTimer m_pongCheckTimer;
    std::chrono::milliseconds m_pongTimeout = limits::kPongTimeout;
    QTimer m_recheckTimer;
    bool m_recheckRunning = false;
    quint64 m_nextConnectionId = 1;
};

} // namespace confab
