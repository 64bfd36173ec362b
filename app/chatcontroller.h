#pragma once

#include <QObject>
#include <QPointer>

namespace confab::desktop {

class ChatClient;
class MainWindow;

// Connects one ChatClient to the login form and the chat view of a window: sign-in requests
// go to the client, and the client's session events update the pages.
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
    void returnToLogin(const QString &message, bool isError);

    ChatClient *m_client = nullptr;
    QPointer<MainWindow> m_window;
    // The newest message id shown, so the history in a reconnect's welcome is not repeated.
    qint64 m_lastShownMessageId = 0;
};

} // namespace confab::desktop
