#include "chatcontroller.h"

#include "certificateprompt.h"
#include "certificatetruststore.h"
#include "chatclient.h"
#include "chatview.h"
#include "loginform.h"
#include "mainwindow.h"
#include "serverurl.h"
#include "userlistmodel.h"

#include <QSslCertificate>

namespace confab::desktop {

namespace {

CertificateSummary summarize(const QSslCertificate &certificate, const QString &hostKey)
{
    CertificateSummary summary;
    summary.hostKey = hostKey;
    summary.fingerprint = CertificateTrustStore::fingerprint(certificate);
    summary.subject = certificate.subjectDisplayName();
    summary.issuer = certificate.issuerDisplayName();
    summary.validFrom = certificate.effectiveDate();
    summary.validUntil = certificate.expiryDate();
    return summary;
}

} // namespace

ChatController::ChatController(ChatClient *client, MainWindow *window, QObject *parent)
    : QObject(parent), m_client(client), m_window(window)
{
    connectLoginForm();
    connectChatView();
    connectSessionSignals();
    connectRoomSignals();
}

void ChatController::connectLoginForm()
{
    LoginForm *form = m_window->loginForm();
    connect(form, &LoginForm::loginRequested, this,
            [this](const QString &url, const QString &username, const QString &password) {
                submitCredentials(url, username, password, false);
            });
    connect(form, &LoginForm::registerRequested, this,
            [this](const QString &url, const QString &username, const QString &password) {
                submitCredentials(url, username, password, true);
            });
}

void ChatController::connectChatView()
{
    ChatView *view = m_window->chatView();
    connect(view, &ChatView::sendRequested, this, [this, view](const QString &message) {
        if (!m_client->sendMessage(message)) {
            view->appendNotice(tr("Not sent: not connected to the host."));
        }
    });
    connect(view, &ChatView::logoutRequested, m_client, &ChatClient::logout);
    connect(view, &ChatView::reconnectRequested, m_client, &ChatClient::reconnect);
}

void ChatController::connectSessionSignals()
{
    connect(m_client, &ChatClient::loggedIn, this, [this](const QString &username) {
        LoginForm *form = m_window->loginForm();
        form->setBusy(false);
        form->clearPassword();
        form->showStatus(QString());
        ChatView *view = m_window->chatView();
        view->clearSession();
        view->setCurrentUser(username);
        m_lastShownMessageId = 0;
        m_window->showChatView();
    });
    connect(m_client, &ChatClient::loginFailed, this,
            [this](const QString &message) { returnToLogin(message, true); });
    connect(m_client, &ChatClient::sessionEnded, this,
            [this](const QString &message) { returnToLogin(message, true); });
    connect(m_client, &ChatClient::loggedOut, this,
            [this] { returnToLogin(tr("Logged out."), false); });
    connect(m_client, &ChatClient::connectionStateChanged, this, [this](const QString &status) {
        m_window->chatView()->setConnectionStatus(status);
        const ChatClient::State state = m_client->state();
        if (state == ChatClient::State::LoggingIn
            || state == ChatClient::State::AwaitingCertificateDecision) {
            m_window->loginForm()->showStatus(status);
        }
        if (state != ChatClient::State::AwaitingCertificateDecision) {
            // The prompt is obsolete once the client leaves that state, for example when the host
            // stopped.
            closeCertificatePrompt();
        }
    });
    connect(m_client, &ChatClient::certificateTrustRequested, this,
            &ChatController::promptForCertificate);
    connect(m_client, &ChatClient::disconnected, this, [this](const QString &reason) {
        ChatView *view = m_window->chatView();
        view->setConnected(false);
        view->userListModel()->clear();
        view->appendNotice(reason);
    });
}

void ChatController::connectRoomSignals()
{
    ChatView *view = m_window->chatView();
    connect(m_client, &ChatClient::welcome, this,
            [this, view](const QString &username, const QList<UserPresence> &users,
                         const QList<ChatMessage> &history) {
                view->setCurrentUser(username);
                view->userListModel()->setUsers(users);
                for (const ChatMessage &message : history) {
                    if (message.id > m_lastShownMessageId) {
                        view->appendChat(message.sentAt, message.username, message.message);
                        m_lastShownMessageId = message.id;
                    }
                }
                view->appendNotice(tr("Connected as %1.").arg(username));
                view->setConnected(true);
            });
    connect(m_client, &ChatClient::userJoined, this, [view](const QString &username, int) {
        view->userListModel()->addUser(username);
        view->appendNotice(tr("%1 joined.").arg(username));
    });
    connect(m_client, &ChatClient::userLeft, this, [view](const QString &username, int) {
        view->userListModel()->removeUser(username);
        view->appendNotice(tr("%1 left.").arg(username));
    });
    connect(m_client, &ChatClient::chatReceived, this,
            [this, view](qint64 id, const QString &username, const QString &message,
                         const QDateTime &sentAt) {
                view->appendChat(sentAt, username, message);
                m_lastShownMessageId = qMax(m_lastShownMessageId, id);
            });
    connect(m_client, &ChatClient::serverError, this, [view](const QString &message) {
        view->appendNotice(tr("The host rejected a message: %1").arg(message));
    });
}

void ChatController::promptForCertificate(const QSslCertificate &certificate,
                                          const QString &hostKey)
{
    closeCertificatePrompt();
    auto prompt = new CertificatePrompt(summarize(certificate, hostKey), m_window);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    // finished() is emitted before accepted() and rejected(), so the state change they cause
    // finds no prompt left to close.
    connect(prompt, &QDialog::finished, this, [this] { m_certificatePrompt = nullptr; });
    connect(prompt, &QDialog::accepted, m_client, &ChatClient::trustPendingCertificate);
    connect(prompt, &QDialog::rejected, m_client, &ChatClient::rejectPendingCertificate);
    m_certificatePrompt = prompt;
    // open(), not exec(): this runs inside a network reply's signal, and a nested event loop
    // there would let that reply and the client change under the caller.
    prompt->open();
}

void ChatController::closeCertificatePrompt()
{
    if (!m_certificatePrompt) {
        return;
    }
    // Disconnected first, so closing a stale prompt does not reject the client's next pending
    // certificate.
    m_certificatePrompt->disconnect(m_client);
    m_certificatePrompt->close();
    m_certificatePrompt = nullptr;
}

void ChatController::submitCredentials(const QString &serverUrl, const QString &username,
                                       const QString &password, bool registering)
{
    LoginForm *form = m_window->loginForm();
    const ServerUrl server = parseServerUrl(serverUrl);
    if (!server.isValid()) {
        form->showError(server.errorString);
        return;
    }
    form->setBusy(true);
    if (registering) {
        m_client->registerAccount(server.url, username, password);
    } else {
        m_client->login(server.url, username, password);
    }
}

void ChatController::returnToLogin(const QString &message, bool isError)
{
    LoginForm *form = m_window->loginForm();
    form->setBusy(false);
    if (isError) {
        form->showError(message);
    } else {
        form->showStatus(message);
    }
    m_window->chatView()->clearSession();
    if (m_window->mode() != MainWindow::Mode::Start) {
        m_window->showLoginForm();
    }
}

} // namespace confab::desktop
