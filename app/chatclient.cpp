#include "chatclient.h"

#include "clientlog.h"
#include "errortext.h"
#include "serverurl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QNetworkReply>

#include <utility>

namespace confab::desktop {

ChatClient::ChatClient(QObject *parent) : QObject(parent)
{
    m_network.setTransferTimeout(int(kRequestTimeout.count()));
    connect(&m_network, &QNetworkAccessManager::sslErrors, this, &ChatClient::handleSslErrors);
}

ChatClient::~ChatClient()
{
    if (m_pendingReply) {
        m_pendingReply->disconnect(this);
        m_pendingReply->abort();
    }
    delete m_connection;
}

void ChatClient::setPingTiming(std::chrono::milliseconds interval,
                               std::chrono::milliseconds timeout)
{
    m_pingInterval = interval;
    m_pongTimeout = timeout;
}

void ChatClient::setTrustedCertificate(const QSslCertificate &certificate)
{
    m_trustedCertificate = certificate;
}

void ChatClient::login(const QUrl &server, const QString &username, const QString &password)
{
    postCredentials(QStringLiteral("/api/login"), server, username, password);
}

void ChatClient::registerAccount(const QUrl &server, const QString &username,
                                 const QString &password)
{
    postCredentials(QStringLiteral("/api/register"), server, username, password);
}

void ChatClient::postCredentials(const QString &path, const QUrl &server, const QString &username,
                                 const QString &password)
{
    abandonSession();
    m_credentialsRequest = CredentialsRequest {path, server, username, password};
    sendCredentials();
}

void ChatClient::sendCredentials()
{
    const CredentialsRequest &credentials = *m_credentialsRequest;
    m_server = credentials.server;
    QNetworkRequest request(apiUrl(credentials.server, credentials.path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body {{QLatin1String("username"), credentials.username},
                            {QLatin1String("password"), credentials.password}};
    qCInfo(lcClient) << "POST" << request.url().toDisplayString() << "for user"
                     << credentials.username;
    setState(State::LoggingIn, tr("Logging in to %1…").arg(m_server.toDisplayString()));
    QNetworkReply *reply
        = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_pendingReply = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply] { handleCredentialsReply(reply); });
}

void ChatClient::handleSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (!m_trustedCertificate.isNull() && peer == m_trustedCertificate) {
        reply->ignoreSslErrors(errors);
        return;
    }
    const QUrl url = reply->url();
    const CertificateCheck check = checkCertificate(
        url, peer, errors, m_trustStore.pinnedFingerprint(CertificateTrustStore::hostKey(url)));
    if (check.status == CertificateCheck::Status::Pinned) {
        // Only the errors reported for this very certificate, which checkCertificate() excused.
        reply->ignoreSslErrors(errors);
        return;
    }
    // Without ignoreSslErrors() the connection is dropped after this signal, before the
    // request and its password are sent, and the reply finishes with SslHandshakeFailedError.
    if (check.status == CertificateCheck::Status::Unknown) {
        qCDebug(lcClient) << "the certificate" << check.fingerprint << "of" << check.hostKey
                          << "is not trusted yet; TLS errors" << sslErrorStrings(errors);
    } else {
        qCWarning(lcClient) << "rejected the certificate" << check.fingerprint << "of"
                            << check.hostKey << "as" << check.status << "with TLS errors"
                            << sslErrorStrings(errors);
    }
    if (reply == m_pendingReply && m_credentialsRequest) {
        m_rejectedCertificate = check;
    }
}

void ChatClient::handleCredentialsReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_pendingReply) {
        return;
    }
    m_pendingReply = nullptr;
    if (m_rejectedCertificate) {
        handleRejectedCertificate(*m_rejectedCertificate);
        return;
    }
    // The password is not kept once the host has replied.
    m_credentialsRequest.reset();
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || (status != 200 && status != 201)) {
        qCWarning(lcClient) << "login at" << reply->url().toDisplayString() << "failed: HTTP"
                            << status << reply->errorString();
        failLogin(replyErrorText(reply, body));
        return;
    }

    m_sessionId = sessionIdFromReply(reply);
    if (m_sessionId.isEmpty()) {
        qCWarning(lcClient) << "no session cookie in the reply from"
                            << reply->url().toDisplayString();
        failLogin(tr("The host at %1 did not send a session cookie. Is it a Confab host?")
                      .arg(m_server.toDisplayString()));
        return;
    }
    m_username = QJsonDocument::fromJson(body).object().value(QLatin1String("username")).toString();
    qCInfo(lcClient) << "logged in as" << m_username << "at" << m_server.toDisplayString();
    emit loggedIn(m_username);
    openConnection();
}

void ChatClient::handleRejectedCertificate(const CertificateCheck &check)
{
    if (check.status != CertificateCheck::Status::Unknown) {
        failLogin(check.message());
        return;
    }
    qCInfo(lcClient) << "asking whether to trust the certificate" << check.fingerprint << "of"
                     << check.hostKey;
    setState(State::AwaitingCertificateDecision,
             tr("Check the certificate of %1 before you trust it.").arg(check.hostKey));
    emit certificateTrustRequested(check.certificate, check.hostKey);
}

void ChatClient::trustPendingCertificate()
{
    if (m_state != State::AwaitingCertificateDecision || !m_rejectedCertificate
        || !m_credentialsRequest) {
        qCWarning(lcClient) << "no certificate is waiting for a decision";
        return;
    }
    const CertificateCheck check = *std::exchange(m_rejectedCertificate, std::nullopt);
    if (!m_trustStore.pin(check.hostKey, check.certificate)) {
        failLogin(tr("Could not save the trusted certificate of %1 in %2. Check that the file "
                     "is writable.")
                      .arg(check.hostKey, m_trustStore.fileName()));
        return;
    }
    sendCredentials();
}

void ChatClient::rejectPendingCertificate()
{
    if (m_state != State::AwaitingCertificateDecision || !m_rejectedCertificate) {
        return;
    }
    const QString hostKey = m_rejectedCertificate->hostKey;
    qCInfo(lcClient) << "the user did not trust the certificate"
                     << m_rejectedCertificate->fingerprint << "of" << hostKey;
    failLogin(tr("Not connected: you did not trust the certificate of %1.").arg(hostKey));
}

void ChatClient::failLogin(const QString &message)
{
    m_credentialsRequest.reset();
    m_rejectedCertificate.reset();
    setState(State::LoggedOut, message);
    emit loginFailed(message);
}

QByteArray ChatClient::sessionIdFromReply(QNetworkReply *reply)
{
    // Read from this reply, not the jar, so a cookie left from an earlier login cannot count.
    const auto cookies
        = reply->header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>();
    for (const QNetworkCookie &cookie : cookies) {
        if (cookie.name() == kSessionCookieName) {
            return cookie.value();
        }
    }
    return {};
}

void ChatClient::logout()
{
    if (m_state == State::LoggingOut) {
        return;
    }
    if (!hasSession()) {
        abandonSession();
        emit loggedOut();
        return;
    }
    qCInfo(lcClient) << "logging out" << m_username << "at" << m_server.toDisplayString();
    setState(State::LoggingOut, tr("Logging out…"));
    m_logoutReplied = false;
    // The cookie jar adds the session cookie to this request, and the reply expires it.
    QNetworkRequest request(apiUrl(m_server, QStringLiteral("/api/logout")));
    QNetworkReply *reply = m_network.post(request, QByteArray());
    m_pendingReply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleLogoutReply(reply); });
}

void ChatClient::handleLogoutReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_pendingReply) {
        return;
    }
    m_pendingReply = nullptr;
    if (reply->error() != QNetworkReply::NoError) {
        // The session stays valid on the host until it expires, but locally it is gone.
        qCWarning(lcClient) << "logout request failed:" << reply->errorString();
    }
    m_logoutReplied = true;
    if (m_connection) {
        m_connection->close();
    } else {
        finishLogout();
    }
}

void ChatClient::finishLogout()
{
    m_sessionId.clear();
    m_username.clear();
    setState(State::LoggedOut, tr("Logged out."));
    emit loggedOut();
}

void ChatClient::reconnect()
{
    if (!hasSession() || m_connection) {
        return;
    }
    openConnection();
}

void ChatClient::disconnectFromHost()
{
    if (m_connection && m_state != State::LoggingOut) {
        m_connection->close();
    }
}

void ChatClient::abandonSession()
{
    if (m_pendingReply) {
        m_pendingReply->disconnect(this);
        m_pendingReply->abort();
        m_pendingReply->deleteLater();
        m_pendingReply = nullptr;
    }
    dropConnection();
    m_credentialsRequest.reset();
    m_rejectedCertificate.reset();
    m_sessionId.clear();
    m_username.clear();
    if (m_state != State::LoggedOut) {
        setState(State::LoggedOut, QString());
    }
}

bool ChatClient::sendMessage(const QString &message)
{
    if (m_state != State::Connected || !m_connection) {
        qCWarning(lcClient) << "message not sent: not connected";
        return false;
    }
    if (message.trimmed().isEmpty() || message.size() > kMaxMessageLength) {
        qCWarning(lcClient) << "message not sent: length" << message.size() << "is outside 1 to"
                            << kMaxMessageLength;
        return false;
    }
    m_connection->sendFrame(chatFrame(message));
    return true;
}

void ChatClient::openConnection()
{
    dropConnection();
    m_connection = new ChatConnection(this);
    m_connection->setPingTiming(m_pingInterval, m_pongTimeout);
    m_connection->setTrustedCertificate(m_trustedCertificate);
    const QUrl url = webSocketUrl(m_server);
    m_connection->setPinnedFingerprint(
        m_trustStore.pinnedFingerprint(CertificateTrustStore::hostKey(url)).value_or(QString()));
    connect(m_connection, &ChatConnection::frameReceived, this, &ChatClient::handleFrame);
    connect(m_connection, &ChatConnection::ended, this, &ChatClient::handleConnectionEnd);
    setState(State::Connecting, tr("Connecting to %1…").arg(url.toDisplayString()));
    m_connection->open(url, m_sessionId);
}

void ChatClient::dropConnection()
{
    if (!m_connection) {
        return;
    }
    m_connection->disconnect(this);
    m_connection->deleteLater();
    m_connection = nullptr;
}

void ChatClient::handleFrame(const ServerFrame &frame)
{
    switch (frame.type) {
    case ServerFrame::Type::Welcome:
        m_username = frame.username;
        setState(State::Connected,
                 tr("Connected to %1 as %2").arg(m_server.toDisplayString(), m_username));
        emit welcome(frame.username, frame.users, frame.history);
        break;
    case ServerFrame::Type::User:
        if (frame.connected) {
            emit userJoined(frame.username, frame.currentUsers);
        } else {
            emit userLeft(frame.username, frame.currentUsers);
        }
        break;
    case ServerFrame::Type::Chat:
        emit chatReceived(frame.chat.id, frame.chat.username, frame.chat.message,
                          frame.chat.sentAt);
        break;
    case ServerFrame::Type::Error:
        qCWarning(lcClient) << "host rejected a frame:" << frame.errorString;
        emit serverError(frame.errorString);
        break;
    case ServerFrame::Type::Invalid:
        break;
    }
}

void ChatClient::handleConnectionEnd(const ConnectionEnd &end)
{
    dropConnection();
    if (m_state == State::LoggingOut) {
        if (m_logoutReplied) {
            finishLogout();
        }
        return;
    }
    const bool sessionGone
        = (end.reason == ConnectionEnd::Reason::Closed && end.closeCode == kCloseSessionEnded)
        || (end.reason == ConnectionEnd::Reason::HandshakeRejected && end.httpStatus == 401);
    if (sessionGone) {
        const QString message = closeCodeText(kCloseSessionEnded, QString());
        m_sessionId.clear();
        setState(State::LoggedOut, message);
        emit sessionEnded(message);
        return;
    }
    QString reason;
    switch (end.reason) {
    case ConnectionEnd::Reason::Closed:
        reason = closeCodeText(end.closeCode, end.closeReason);
        break;
    case ConnectionEnd::Reason::ClosedByClient:
        reason = tr("Disconnected.");
        break;
    case ConnectionEnd::Reason::HandshakeRejected:
        reason = end.httpStatus == 403
            ? tr("The host rejected the connection (HTTP 403): this client's origin is "
                 "not allowed.")
            : tr("The host rejected the connection (HTTP %1).").arg(end.httpStatus);
        break;
    case ConnectionEnd::Reason::HandshakeFailed:
        reason = tr("Could not connect to %1: %2").arg(m_server.toDisplayString(), end.errorString);
        break;
    case ConnectionEnd::Reason::CertificateRejected:
        reason = end.errorString;
        break;
    case ConnectionEnd::Reason::HandshakeTimedOut:
        reason = tr("Connecting to %1 timed out.").arg(m_server.toDisplayString());
        break;
    case ConnectionEnd::Reason::PingTimedOut:
        reason = tr("The host stopped answering pings. The connection is considered lost.");
        break;
    }
    setState(State::Disconnected, reason);
    emit disconnected(reason);
}

void ChatClient::setState(State state, const QString &status)
{
    m_state = state;
    qCDebug(lcClient) << "state" << state;
    emit connectionStateChanged(status);
}

} // namespace confab::desktop
