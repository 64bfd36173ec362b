#pragma once

#include <QObject>
#include <QPointer>

class QSslCertificate;

namespace confab::desktop {

class CertificatePrompt;
class ChatClient;
class MainWindow;

// Connects one ChatClient to the login form and the chat view of a window. Sign-in requests
// go to the client and its session events update the pages. An unknown host certificate opens
// a CertificatePrompt, whose result goes back to the client.
class ChatController : public QObject
{
    Q_OBJECT

public:
    ChatController(ChatClient *client, MainWindow *window, QObject *parent = nullptr);

private:
    void submitCredentials(const QString &serverUrl, const QString &username,
                           const QString &password, bool registering);
    void connectLoginForm();
    void connectChatView();
    void connectSessionSignals();
    void connectRoomSignals();
    void promptForCertificate(const QSslCertificate &certificate, const QString &hostKey);
    void closeCertificatePrompt();
    void returnToLogin(const QString &message, bool isError);

    ChatClient *m_client = nullptr;
    QPointer<MainWindow> m_window;
    QPointer<CertificatePrompt> m_certificatePrompt;
    // The newest message id shown, so the history in a reconnect's welcome is not repeated.
    qint64 m_lastShownMessageId = 0;
};

} // namespace confab::desktop
