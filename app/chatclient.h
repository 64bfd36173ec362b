#pragma once

#include "certificatecheck.h"
#include "certificatetruststore.h"
#include "chatconnection.h"
#include "chatmessage.h"
#include "userpresence.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkReply;
class QSslError;

namespace confab::desktop {

// The desktop client of one Confab host: logs in or registers over HTTP, keeps the session
// cookie, and chats over the host's WebSocket. Every call returns at once, and results arrive
// as signals.
//
// An https host whose certificate no trusted authority signed is trusted on first use: the
// client stops the login, emits certificateTrustRequested(), and waits for
// trustPendingCertificate() or rejectPendingCertificate(). A trusted certificate is pinned in
// the CertificateTrustStore per host and port, and a different certificate on a pinned host is
// rejected without a prompt.
// NOTE: a certificate that passes normal CA verification never reaches the pin check, so a
// pinned host that moves to a CA-signed certificate is accepted silently, as in a browser.
class ChatClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        LoggedOut,
        LoggingIn,
        AwaitingCertificateDecision, // the login stopped at an unknown certificate
        Connecting,
        Connected,
        Disconnected,
        LoggingOut,
    };
    Q_ENUM(State)

    static constexpr std::chrono::milliseconds kRequestTimeout {15000};
    static constexpr const char *kSessionCookieName = "confab_sid";

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    // Sets how often the client pings the host and how long it waits for each pong before it
    // treats the host as dead. Applies to connections opened afterwards.
    void setPingTiming(std::chrono::milliseconds interval, std::chrono::milliseconds timeout);
    // Trusts a host that presents exactly this certificate, such as this machine's own host
    // with a self-signed certificate.
    void setTrustedCertificate(const QSslCertificate &certificate);
    // Replaces the store of pinned certificates, which by default is the user's settings.
    void setTrustStore(const CertificateTrustStore &store) { m_trustStore = store; }
    const CertificateTrustStore &trustStore() const { return m_trustStore; }

    void login(const QUrl &server, const QString &username, const QString &password);
    void registerAccount(const QUrl &server, const QString &username, const QString &password);
    // Ends the session on the host (POST /api/logout), then closes the WebSocket.
    void logout();
    // Opens the WebSocket again with the current session, after a disconnect.
    void reconnect();
    // Closes the WebSocket but keeps the session, so reconnect() can open it again.
    void disconnectFromHost();
    // Closes the WebSocket and discards the session locally, without logging out on the host.
    void abandonSession();
    // Pins the certificate of the pending certificateTrustRequested() and sends the login or
    // registration again. Does nothing unless the state is AwaitingCertificateDecision.
    void trustPendingCertificate();
    // Drops the pending login without pinning anything, and emits loginFailed().
    void rejectPendingCertificate();
    // Sends one chat message. Returns false when not connected, or when the message is empty
    // or longer than kMaxMessageLength.
    bool sendMessage(const QString &message);

    State state() const { return m_state; }
    QString username() const { return m_username; }
    QUrl serverUrl() const { return m_server; }
    bool hasSession() const { return !m_sessionId.isEmpty(); }

signals:
    void loggedIn(const QString &username);
    void loginFailed(const QString &message);
    // The host at hostKey ("host:port") presented a certificate that only lacks a trusted
    // issuer, and none is pinned for it. The login waits for the user's decision.
    void certificateTrustRequested(const QSslCertificate &certificate, const QString &hostKey);
    void welcome(const QString &username, const QList<confab::desktop::UserPresence> &users,
                 const QList<confab::desktop::ChatMessage> &history);
    void userJoined(const QString &username, int currentUsers);
    void userLeft(const QString &username, int currentUsers);
    void chatReceived(qint64 id, const QString &username, const QString &message,
                      const QDateTime &sentAt);
    void serverError(const QString &message);
    void connectionStateChanged(const QString &status);
    // The host ended the session (close code 4401, or 401 on the handshake): log in again.
    void sessionEnded(const QString &message);
    // The WebSocket closed or could not be opened while the session is still valid.
    void disconnected(const QString &reason);
    void loggedOut();

private:
    // A login or registration, kept until its reply so that it can be sent again once the
    // user trusts the host's certificate.
    struct CredentialsRequest
    {
        QString path;
        QUrl server;
        QString username;
        QString password;
    };

    void postCredentials(const QString &path, const QUrl &server, const QString &username,
                         const QString &password);
    void sendCredentials();
    void handleSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);
    void handleCredentialsReply(QNetworkReply *reply);
    void handleRejectedCertificate(const CertificateCheck &check);
    void failLogin(const QString &message);
    void handleLogoutReply(QNetworkReply *reply);
    static QByteArray sessionIdFromReply(QNetworkReply *reply);
    void openConnection();
    void dropConnection();
    void handleFrame(const ServerFrame &frame);
    void handleConnectionEnd(const ConnectionEnd &end);
    void finishLogout();
    void setState(State state, const QString &status);

    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_pendingReply;
    // Deleted with deleteLater(), because it ends while inside its own socket's signals.
    ChatConnection *m_connection = nullptr;
    QSslCertificate m_trustedCertificate;
    CertificateTrustStore m_trustStore;
    std::optional<CredentialsRequest> m_credentialsRequest;
    // The verdict on the pending reply's certificate when it was not accepted. While the state
    // is AwaitingCertificateDecision, it contains the certificate the user is asked about.
    std::optional<CertificateCheck> m_rejectedCertificate;
    std::chrono::milliseconds m_pingInterval = ChatConnection::kDefaultPingInterval;
    std::chrono::milliseconds m_pongTimeout = ChatConnection::kDefaultPongTimeout;
    QUrl m_server;
    QString m_username;
    QByteArray m_sessionId;
    State m_state = State::LoggedOut;
    bool m_logoutReplied = false;
};

} // namespace confab::desktop
