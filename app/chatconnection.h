#pragma once

#include "serverframe.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <chrono>

namespace confab::desktop {

// The reason a ChatConnection ended, with the close code or HTTP status behind it.
struct ConnectionEnd
{
    enum class Reason {
        Closed, // the host closed the open socket, for the reason in closeCode
        ClosedByClient, // close() was called
        HandshakeRejected, // the host replied to the upgrade with the error in httpStatus
        HandshakeFailed, // no upgrade: refused, unreachable, TLS failure
        CertificateRejected, // the host's certificate is changed, invalid or not trusted
        HandshakeTimedOut,
        PingTimedOut, // no pong within the timeout: the host or the network is gone
    };

    Reason reason = Reason::Closed;
    int closeCode = 0;
    QString closeReason;
    int httpStatus = 0; // only for HandshakeRejected
    QString errorString;
};

// One WebSocket to a host's /ws endpoint: the handshake with the session cookie, JSON frames
// in and out, and pings that detect a dead host. It is used once: open() it, then delete it
// after ended().
class ChatConnection : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultPingInterval {30000};
    static constexpr std::chrono::milliseconds kDefaultPongTimeout {15000};
    static constexpr std::chrono::milliseconds kHandshakeTimeout {15000};
    // Time the host gets to reply to our close frame before the socket is aborted.
    static constexpr std::chrono::milliseconds kCloseTimeout {3000};

    explicit ChatConnection(QObject *parent = nullptr);
    ~ChatConnection() override;

    void setPingTiming(std::chrono::milliseconds interval, std::chrono::milliseconds timeout);
    // Accepts TLS errors when the host presents exactly this certificate.
    void setTrustedCertificate(const QSslCertificate &certificate);
    // Accepts a certificate that fails verification only for its issuer when its SHA-256
    // fingerprint equals this one, which the user trusted for the host (see checkCertificate()).
    void setPinnedFingerprint(const QString &fingerprint);

    // Opens url (ws or wss) with `Cookie: confab_sid=<sessionId>` and no Origin header.
    void open(const QUrl &url, const QByteArray &sessionId);
    void close();
    bool isOpen() const { return m_open; }
    void sendFrame(const QByteArray &json);

signals:
    void opened();
    void frameReceived(const confab::desktop::ServerFrame &frame);
    void ended(const confab::desktop::ConnectionEnd &end);

private:
    void handleConnected();
    void handleTextMessage(const QString &message);
    void handleError(QAbstractSocket::SocketError error);
    void handleSslErrors(const QList<QSslError> &errors);
    void handleDisconnected();
    void sendPing();
    void handlePong();
    void endWith(ConnectionEnd end);

    // An empty origin sends no Origin header, and the host lets such native clients through.
    QWebSocket m_socket {QString(), QWebSocketProtocol::VersionLatest};
    QTimer m_handshakeTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QTimer m_closeTimer;
    QSslCertificate m_trustedCertificate;
    QString m_pinnedFingerprint;
    QUrl m_url;
    QString m_firstError;
    QString m_certificateError; // why the certificate was rejected, shown instead of m_firstError
    int m_invalidFrames = 0;
    bool m_open = false;
    bool m_closing = false;
    bool m_ended = false;
};

} // namespace confab::desktop

Q_DECLARE_METATYPE(confab::desktop::ConnectionEnd)
