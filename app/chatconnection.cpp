#include "chatconnection.h"

#include "certificatecheck.h"
#include "clientlog.h"

#include <QNetworkRequest>
#include <QRegularExpression>

namespace confab::desktop {

namespace {

// Qt 6.4 reports a refused handshake only as text, for example "QWebSocketPrivate::
// processHandshake: Unhandled http status code: 401 (Unauthorized).": no API returns the status.
int httpStatusFromError(const QString &errorString)
{
    static const QRegularExpression pattern(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

ChatConnection::ChatConnection(QObject *parent) : QObject(parent)
{
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(kHandshakeTimeout);
    m_pingTimer.setInterval(kDefaultPingInterval);
    m_pongTimer.setSingleShot(true);
    m_pongTimer.setInterval(kDefaultPongTimeout);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(kCloseTimeout);

    connect(&m_socket, &QWebSocket::connected, this, &ChatConnection::handleConnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &ChatConnection::handleTextMessage);
    // Qt 6.4 has no QWebSocket::errorOccurred, and the error signal shares its name with a getter.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ChatConnection::handleError);
    connect(&m_socket, &QWebSocket::sslErrors, this, &ChatConnection::handleSslErrors);
    connect(&m_socket, &QWebSocket::disconnected, this, &ChatConnection::handleDisconnected);
    connect(&m_socket, &QWebSocket::pong, this, &ChatConnection::handlePong);
    connect(&m_pingTimer, &QTimer::timeout, this, &ChatConnection::sendPing);

    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClient) << "WebSocket handshake with" << m_url.toDisplayString()
                            << "timed out after" << kHandshakeTimeout.count() << "ms";
        endWith({ConnectionEnd::Reason::HandshakeTimedOut, 0, {}, 0, {}});
    });
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClient) << "no pong from" << m_url.toDisplayString() << "within"
                            << m_pongTimer.interval() << "ms; dropping the connection";
        endWith({ConnectionEnd::Reason::PingTimedOut, 0, {}, 0, {}});
    });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClient) << "host did not complete the close handshake; aborting";
        endWith({ConnectionEnd::Reason::ClosedByClient, 0, {}, 0, {}});
    });
}

ChatConnection::~ChatConnection()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

void ChatConnection::setPingTiming(std::chrono::milliseconds interval,
                                   std::chrono::milliseconds timeout)
{
    m_pingTimer.setInterval(interval);
    m_pongTimer.setInterval(timeout);
}

void ChatConnection::setTrustedCertificate(const QSslCertificate &certificate)
{
    m_trustedCertificate = certificate;
}

void ChatConnection::setPinnedFingerprint(const QString &fingerprint)
{
    m_pinnedFingerprint = fingerprint;
}

void ChatConnection::open(const QUrl &url, const QByteArray &sessionId)
{
    m_url = url;
    QNetworkRequest request(url);
    // QWebSocket never reads a cookie jar (Qt 6.4), so the session goes on the request itself.
    request.setRawHeader("Cookie", QByteArrayLiteral("confab_sid=") + sessionId);
    qCDebug(lcClient) << "opening WebSocket" << url.toDisplayString();
    m_handshakeTimer.start();
    m_socket.open(request);
}

void ChatConnection::close()
{
    if (m_ended) {
        return;
    }
    if (!m_open) {
        endWith({ConnectionEnd::Reason::ClosedByClient, 0, {}, 0, {}});
        return;
    }
    m_closing = true;
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_closeTimer.start();
    m_socket.close();
}

void ChatConnection::sendFrame(const QByteArray &json)
{
    if (!m_open) {
        qCWarning(lcClient) << "frame dropped: the WebSocket is not open";
        return;
    }
    m_socket.sendTextMessage(QString::fromUtf8(json));
}

void ChatConnection::handleConnected()
{
    m_handshakeTimer.stop();
    m_open = true;
    m_pingTimer.start();
    qCInfo(lcClient) << "WebSocket open to" << m_url.toDisplayString();
    emit opened();
}

void ChatConnection::handleTextMessage(const QString &message)
{
    const ServerFrame frame = parseServerFrame(message.toUtf8());
    if (frame.type == ServerFrame::Type::Invalid) {
        // Counted, so a host that sends garbage in a loop cannot flood the log.
        if (++m_invalidFrames <= 5) {
            qCWarning(lcClient) << "ignored a frame from" << m_url.toDisplayString() << ":"
                                << frame.errorString;
        }
        return;
    }
    emit frameReceived(frame);
}

void ChatConnection::handleError(QAbstractSocket::SocketError error)
{
    // A refused handshake reports two errors: the first carries the HTTP status.
    if (m_firstError.isEmpty()) {
        m_firstError = m_socket.errorString();
    }
    qCDebug(lcClient) << "WebSocket error" << error << m_socket.errorString();
}

void ChatConnection::handleSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate peer = m_socket.sslConfiguration().peerCertificate();
    if (!m_trustedCertificate.isNull() && peer == m_trustedCertificate) {
        m_socket.ignoreSslErrors(errors);
        return;
    }
    const std::optional<QString> pin = m_pinnedFingerprint.isEmpty()
        ? std::nullopt
        : std::optional<QString>(m_pinnedFingerprint);
    const CertificateCheck check = checkCertificate(m_url, peer, errors, pin);
    if (check.status == CertificateCheck::Status::Pinned) {
        // Only the errors reported for this very certificate, which checkCertificate() excused.
        m_socket.ignoreSslErrors(errors);
        return;
    }
    // Without ignoreSslErrors() the socket drops the connection after this signal, before
    // the upgrade request and its session cookie are sent.
    m_certificateError = check.message();
    qCWarning(lcClient) << "rejected the certificate" << check.fingerprint << "of"
                        << m_url.toDisplayString() << "as" << check.status << "with TLS errors"
                        << sslErrorStrings(errors);
}

void ChatConnection::handleDisconnected()
{
    if (m_open) {
        const auto reason
            = m_closing ? ConnectionEnd::Reason::ClosedByClient : ConnectionEnd::Reason::Closed;
        endWith({reason, m_socket.closeCode(), m_socket.closeReason(), 0, {}});
        return;
    }
    if (!m_certificateError.isEmpty()) {
        endWith({ConnectionEnd::Reason::CertificateRejected, 0, {}, 0, m_certificateError});
        return;
    }
    const int status = httpStatusFromError(m_firstError);
    if (status != 0) {
        endWith({ConnectionEnd::Reason::HandshakeRejected, 0, {}, status, m_firstError});
    } else {
        endWith({ConnectionEnd::Reason::HandshakeFailed,
                 0,
                 {},
                 0,
                 m_firstError.isEmpty() ? m_socket.errorString() : m_firstError});
    }
}

void ChatConnection::sendPing()
{
    if (m_pongTimer.isActive()) {
        return; // the previous ping is still waiting for its pong
    }
    m_socket.ping();
    m_pongTimer.start();
}

void ChatConnection::handlePong()
{
    m_pongTimer.stop();
}

void ChatConnection::endWith(ConnectionEnd end)
{
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_open = false;
    m_handshakeTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_closeTimer.stop();
    m_socket.disconnect(this);
    m_socket.abort();
    qCInfo(lcClient) << "WebSocket to" << m_url.toDisplayString() << "ended, reason"
                     << int(end.reason) << "close code" << end.closeCode << "HTTP status"
                     << end.httpStatus;
    emit ended(end);
}

} // namespace confab::desktop
