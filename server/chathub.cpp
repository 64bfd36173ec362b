#include "chathub.h"

#include "asyncstore.h"
#include "hostlimits.h"
#include "logging.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QWebSocket>

namespace confab {

namespace {
constexpr int kCloseSessionEnded = 4401;
constexpr int kClosePingTimeout = 4408;
constexpr int kCloseFlooding = 4429;
// A socket being closed is aborted if the close handshake has not finished by then.
constexpr std::chrono::milliseconds kCloseHandshakeTimeout = std::chrono::seconds(1);
} // namespace

struct ChatHub::Connection
{
    quint64 id = 0;
    QWebSocket *socket = nullptr;
    QPointer<QTcpSocket> transport;
    SessionRecord session;
    QByteArray tokenHash;
    bool welcomed = false; // frames to others are sent only after the welcome
    bool registered = false;
    bool awaitingPong = false; // a ping was sent and no pong has come back yet
    QElapsedTimer sincePing;
    int rejectedInARow = 0; // chat frames rejected by the rate limit since the last accepted
};

ChatHub::ChatHub(AsyncStore *store, std::chrono::seconds sessionLifetime,
                 int chatMessagesPerWindow, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sessionLifetime(sessionLifetime)
    , m_chatLimiter(chatMessagesPerWindow, limits::kChatRateWindow, limits::kMaxConnections)
{
    m_pingTimer.setInterval(limits::kPingInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, &ChatHub::pingAll);
    m_pingTimer.start();
    connect(&m_pongCheckTimer, &QTimer::timeout, this, &ChatHub::closeSilentConnections);
    setPingTiming(limits::kPingInterval, limits::kPongTimeout);
    m_pongCheckTimer.start();
    m_recheckTimer.setInterval(limits::kSessionRecheckInterval);
    connect(&m_recheckTimer, &QTimer::timeout, this, &ChatHub::recheckSessions);
    m_recheckTimer.start();
}

ChatHub::~ChatHub()
{
    for (const auto &connection : std::as_const(m_connections)) {
        connection->socket->disconnect(this);
        connection->socket->abort();
        delete connection->socket;
    }
}

void ChatHub::addConnection(QWebSocket *socket, QTcpSocket *transport,
                            const SessionRecord &session, const QByteArray &tokenHash)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingFrameSize(limits::kMaxIncomingFrameBytes);
    socket->setMaxAllowedIncomingMessageSize(limits::kMaxIncomingMessageBytes);

    auto connection = std::make_shared<Connection>();
    connection->id = m_nextConnectionId++;
    connection->socket = socket;
    connection->transport = transport;
    connection->session = session;
    connection->tokenHash = tokenHash;
    Connection *raw = connection.get();
    m_connections.insert(socket, connection);

    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, raw](const QString &text) { receiveText(raw, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, raw] {
        send(raw, errorFrame(QStringLiteral("binary frames are not supported; send JSON text")));
    });
    connect(socket, &QWebSocket::pong, this, [raw] { raw->awaitingPong = false; });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (const auto connection = m_connections.take(socket)) {
            unregister(connection.get());
            qCInfo(lcWs) << "connection" << connection->id << "of user"
                         << connection->session.userId << "closed, code" << socket->closeCode();
        }
        socket->deleteLater();
    });

    const bool firstOfUser = ++m_connectionsPerUser[session.userId] == 1;
    raw->registered = true;
    qCInfo(lcWs) << "connection" << raw->id << "opened for user" << session.userId;
    if (firstOfUser) {
        broadcast(presenceFrame(session.username, true, currentUsers()));
    }
    sendWelcome(raw);
}

void ChatHub::sendWelcome(Connection *connection)
{
    // The store runs jobs one at a time in queue order, and results come back in that order.
    // So the history query sees every message queued before it, and a message queued later is
    // broadcast after this callback has marked the socket as welcomed. The socket therefore
    // gets every message once, either in the welcome or as a chat frame.
    QPointer<QWebSocket> socket = connection->socket;
    m_store->run<QList<ChatMessage>>(
        this,
        [](Store &store) { return store.messagesBefore(0, limits::kWelcomeHistoryCount); },
        [this, socket](const StoreResult<QList<ChatMessage>> &result) {
            const auto connection = m_connections.value(socket);
            if (!socket || !connection) {
                return;
            }
            if (!result.ok()) {
                qCWarning(lcWs) << "history unavailable for connection" << connection->id;
            }
            connection->welcomed = true;
            send(connection.get(),
                 welcomeFrame(connection->session.username, onlineUsers(), result.value));
        });
}

void ChatHub::receiveText(Connection *connection, const QString &text)
{
    if (!connection->registered) {
        return;
    }
    const ClientFrame frame = decodeClientFrame(text);
    if (frame.status != FrameStatus::Ok) {
        qCDebug(lcWs) << "connection" << connection->id << "sent a bad frame:" << frame.error;
        send(connection, errorFrame(frame.error));
        return;
    }
    if (admitChat(connection)) {
        storeAndBroadcast(connection, frame.message);
    }
}

bool ChatHub::admitChat(Connection *connection)
{
    // Counted per user, so that reconnecting does not refill the bucket.
    const auto wait = m_chatLimiter.take(QString::number(connection->session.userId));
    if (!wait) {
        connection->rejectedInARow = 0;
        return true;
    }
    if (++connection->rejectedInARow > limits::kMaxChatRejections) {
        qCWarning(lcWs) << "connection" << connection->id << "of user"
                        << connection->session.userId << "kept flooding; closing";
        closeConnection(connection, kCloseFlooding, QStringLiteral("too many messages"));
        return false;
    }
    send(connection, errorFrame(QStringLiteral("too many messages; wait %1 ms before sending "
                                               "again")
                                    .arg(wait->count())));
    return false;
}

void ChatHub::storeAndBroadcast(Connection *connection, const QString &text)
{
    const qint64 userId = connection->session.userId;
    const QString username = connection->session.username;
    QPointer<QWebSocket> socket = connection->socket;
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    m_store->run<ChatMessage>(
        this,
        [userId, text, sentAt](Store &store) { return store.appendMessage(userId, text, sentAt); },
        [this, socket, username](const StoreResult<ChatMessage> &result) {
            if (!result.ok()) {
                qCWarning(lcWs) << "message from" << username << "not stored";
                if (const auto connection = m_connections.value(socket)) {
                    send(connection.get(), errorFrame(QStringLiteral(
                                               "message not sent: the host cannot store it "
                                               "right now; try again")));
                }
                return;
            }
            ChatMessage message = result.value;
            message.username = username;
            broadcast(chatFrame(message));
        });
}

void ChatHub::broadcast(const QByteArray &frame)
{
    const QString text = QString::fromUtf8(frame);
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        if (connection->welcomed && connection->registered) {
            send(connection.get(), text);
        }
    }
}

bool ChatHub::send(Connection *connection, const QByteArray &frame)
{
    return send(connection, QString::fromUtf8(frame));
}

bool ChatHub::send(Connection *connection, const QString &frame)
{
    QWebSocket *socket = connection->socket;
    if (socket->bytesToWrite() > limits::kMaxPendingOutgoingBytes) {
        qCWarning(lcWs) << "connection" << connection->id << "is not reading;"
                        << socket->bytesToWrite() << "bytes queued, dropping it";
        unregister(connection);
        socket->abort();
        return false;
    }
    socket->sendTextMessage(frame);
    return true;
}

void ChatHub::unregister(Connection *connection)
{
    if (!connection->registered) {
        return;
    }
    connection->registered = false;
    const qint64 userId = connection->session.userId;
    if (--m_connectionsPerUser[userId] > 0) {
        return;
    }
    m_connectionsPerUser.remove(userId);
    broadcast(presenceFrame(connection->session.username, false, currentUsers()));
}

QByteArray ChatHub::closeFrame(int code, const QString &reason)
{
    // RFC 6455 section 5.5.1: FIN and opcode 8, an unmasked payload of at most 125 bytes that
    // starts with the status code in network byte order.
    const QByteArray text = reason.toUtf8().left(123);
    QByteArray frame;
    frame.append(char(0x88));
    frame.append(char(2 + text.size()));
    frame.append(char((code >> 8) & 0xff));
    frame.append(char(code & 0xff));
    frame.append(text);
    return frame;
}

void ChatHub::closeConnection(Connection *connection, int code, const QString &reason)
{
    unregister(connection);
    QPointer<QWebSocket> socket = connection->socket;
    // Qt 6.4's QWebSocket::close() closes TCP right after writing its close frame instead of
    // waiting for the peer's (RFC 6455 section 7.1.1). A client whose own frame is in flight
    // then gets a reset and never reads the close code. So the close frame goes straight onto
    // the transport, and QWebSocket ends the connection when the peer's close frame arrives.
    // The host shutting down (1000) is the exception: it does not wait, and QWebSocket::close()
    // flushes its frame before the transport goes away.
    if (code != QWebSocketProtocol::CloseCodeNormal && connection->transport
        && socket->state() == QAbstractSocket::ConnectedState) {
        connection->transport->write(closeFrame(code, reason));
    } else {
        socket->close(QWebSocketProtocol::CloseCode(code), reason);
    }
    QTimer::singleShot(kCloseHandshakeTimeout, this, [socket] {
        if (socket) {
            socket->abort();
        }
    });
}

void ChatHub::closeSession(const QByteArray &tokenHash)
{
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        if (connection->tokenHash == tokenHash && connection->registered) {
            qCInfo(lcWs) << "closing connection" << connection->id << ": session ended";
            closeConnection(connection.get(), kCloseSessionEnded, QStringLiteral("session ended"));
        }
    }
}

void ChatHub::closeUser(qint64 userId)
{
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        if (connection->session.userId == userId && connection->registered) {
            qCInfo(lcWs) << "closing connection" << connection->id << ": user" << userId
                         << "was signed out";
            closeConnection(connection.get(), kCloseSessionEnded, QStringLiteral("signed out"));
        }
    }
}

void ChatHub::recheckSessions()
{
    if (m_recheckRunning) {
        return; // the previous check is still queued behind a slow store
    }
    QSet<QByteArray> checked;
    for (const auto &connection : std::as_const(m_connections)) {
        if (connection->registered) {
            checked.insert(connection->tokenHash);
        }
    }
    if (checked.isEmpty()) {
        return;
    }
    m_recheckRunning = true;
    const QList<QByteArray> hashes = checked.values();
    const auto lifetime = m_sessionLifetime;
    m_store->run<QList<QByteArray>>(
        this,
        [hashes, lifetime](Store &store) {
            return store.touchLiveSessions(hashes, QDateTime::currentDateTimeUtc(), lifetime);
        },
        [this, checked](const StoreResult<QList<QByteArray>> &result) {
            m_recheckRunning = false;
            if (!result.ok()) {
                return; // an unavailable store cannot tell which sessions ended
            }
            QSet<QByteArray> ended = checked;
            for (const QByteArray &hash : result.value) {
                ended.remove(hash);
            }
            for (const QByteArray &hash : std::as_const(ended)) {
                closeSession(hash);
            }
        });
}

void ChatHub::closeAll()
{
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        closeConnection(connection.get(), QWebSocketProtocol::CloseCodeNormal,
                        QStringLiteral("host shutting down"));
    }
}

QList<UserPresence> ChatHub::onlineUsers() const
{
    QHash<qint64, UserPresence> byUser;
    for (const auto &connection : m_connections) {
        if (!connection->registered) {
            continue;
        }
        UserPresence &user = byUser[connection->session.userId];
        user.username = connection->session.username;
        ++user.connections;
    }
    QList<UserPresence> users = byUser.values();
    std::sort(users.begin(), users.end(), [](const UserPresence &a, const UserPresence &b) {
        return a.username.compare(b.username, Qt::CaseInsensitive) < 0;
    });
    return users;
}

void ChatHub::setPingTiming(std::chrono::milliseconds interval, std::chrono::milliseconds timeout)
{
    m_pingTimer.setInterval(interval);
    m_pongTimeout = timeout;
    // Checked at a fifteenth of the timeout, so a silent peer is closed at most that late.
    m_pongCheckTimer.setInterval(std::max(timeout / 15, std::chrono::milliseconds(10)));
}

void ChatHub::pingAll()
{
    for (const auto &connection : std::as_const(m_connections)) {
        if (connection->registered && !connection->awaitingPong) {
            connection->awaitingPong = true;
            connection->sincePing.start();
            connection->socket->ping();
        }
    }
}

void ChatHub::closeSilentConnections()
{
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        if (connection->registered && connection->awaitingPong
            && std::chrono::milliseconds(connection->sincePing.elapsed()) > m_pongTimeout) {
            qCInfo(lcWs) << "connection" << connection->id << "did not answer a ping; closing";
            closeConnection(connection.get(), kClosePingTimeout, QStringLiteral("ping timeout"));
        }
    }
}

} // namespace confab
