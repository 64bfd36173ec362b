#include "websocketgateway.h"

#include "chathub.h"
#include "frontdoor.h"
#include "logging.h"
#include "rawresponse.h"

#include <QPointer>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>

namespace confab {

namespace {
// QWebSocketServer only has to parse a head the ConnectionGuard already accepted.
constexpr std::chrono::milliseconds kUpgradeTimeout = std::chrono::seconds(5);
} // namespace

WebSocketGateway::WebSocketGateway(SessionManager *sessions, ChatHub *hub, bool secure,
                                   QStringList allowedOrigins, QObject *parent)
    : QObject(parent)
    , m_sessions(sessions)
    , m_hub(hub)
    , m_secure(secure)
    , m_allowedOrigins(std::move(allowedOrigins))
    , m_server(QStringLiteral("Confab"), QWebSocketServer::NonSecureMode)
{
    m_server.setHandshakeTimeout(kUpgradeTimeout);
    connect(&m_server, &QWebSocketServer::newConnection, this,
            &WebSocketGateway::adoptUpgradedSockets);
    connect(sessions, &SessionManager::sessionEnded, this, &WebSocketGateway::forgetSession);
}

QString WebSocketGateway::peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + QLatin1Char('|') + QString::number(port);
}

bool WebSocketGateway::isOriginAllowed(const QByteArray &origin, const QByteArray &host) const
{
    if (origin.isEmpty()) {
        return true; // not a browser: browsers always send Origin on WebSocket handshakes
    }
    const QUrl originUrl(QString::fromLatin1(origin), QUrl::StrictMode);
    const QString scheme = m_secure ? QStringLiteral("https") : QStringLiteral("http");
    const QUrl hostUrl(scheme + QStringLiteral("://") + QString::fromLatin1(host),
                       QUrl::StrictMode);
    const auto sameOrigin = [](const QUrl &a, const QUrl &b) {
        return a.isValid() && b.isValid() && a.scheme() == b.scheme()
            && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
            == b.port(b.scheme() == QLatin1String("https") ? 443 : 80)
            && a.path().isEmpty() && a.userInfo().isEmpty();
    };
    if (!host.isEmpty() && sameOrigin(originUrl, hostUrl)) {
        return true;
    }
    return m_allowedOrigins.contains(QString::fromLatin1(origin), Qt::CaseInsensitive);
}

void WebSocketGateway::handleRequest(QTcpSocket *socket, const RequestHead &head)
{
    const QByteArray origin = head.header("origin");
    if (head.headerCount("origin") > 1 || !isOriginAllowed(origin, head.header("host"))) {
        qCWarning(lcWs) << "rejected a handshake from" << socket->peerAddress().toString()
                        << "with origin" << origin;
        writeErrorAndClose(socket, 403, QStringLiteral("origin not allowed"));
        return;
    }
    QPointer<QTcpSocket> guarded = socket;
    m_sessions->authenticate(head.header("cookie"),
                             [this, guarded](const SessionManager::Lookup &lookup) {
                                 if (guarded) {
                                     finishAuthentication(guarded, lookup);
                                 }
                             });
}

void WebSocketGateway::finishAuthentication(QTcpSocket *socket,
                                            const SessionManager::Lookup &lookup)
{
    if (socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    switch (lookup.status) {
    case StoreStatus::Ok:
        break;
    case StoreStatus::Unavailable:
        writeErrorAndClose(socket, 503, QStringLiteral("the host cannot check sessions right "
                                                       "now; try again"));
        return;
    case StoreStatus::NotFound:
    case StoreStatus::Conflict:
        qCInfo(lcWs) << "rejected a handshake without a live session from"
                     << socket->peerAddress().toString();
        writeErrorAndClose(socket, 401, QStringLiteral("not signed in"));
        return;
    }
    const QString key = peerKey(socket->peerAddress(), socket->peerPort());
    m_accepted.insert(key, {lookup.session, lookup.tokenHash, socket});
    // Drops the entry of a socket that QWebSocketServer rejected or that went away.
    connect(socket, &QObject::destroyed, this, [this, key, socket] {
        if (m_accepted.value(key).socket == socket) {
            m_accepted.remove(key);
        }
    });
    FrontDoor::releaseSocket(socket);
    m_server.handleConnection(socket);
}

void WebSocketGateway::adoptUpgradedSockets()
{
    while (m_server.hasPendingConnections()) {
        QWebSocket *socket = m_server.nextPendingConnection();
        const auto accepted = m_accepted.take(peerKey(socket->peerAddress(), socket->peerPort()));
        if (accepted.tokenHash.isEmpty()) {
            // The session ended between the check and the upgrade.
            socket->close(QWebSocketProtocol::CloseCode(4401), QStringLiteral("session ended"));
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        m_hub->addConnection(socket, accepted.socket, accepted.session, accepted.tokenHash);
    }
}

void WebSocketGateway::forgetSession(const QByteArray &tokenHash)
{
    for (auto it = m_accepted.begin(); it != m_accepted.end();) {
        it = it->tokenHash == tokenHash ? m_accepted.erase(it) : std::next(it);
    }
    m_hub->closeSession(tokenHash);
}

} // namespace confab
