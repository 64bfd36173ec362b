#pragma once

#include "hostconfig.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace confab::desktop {

class ChatClient;
class ChatController;
class HostController;
class MainWindow;

// Owns the desktop window and everything behind it: the chat client, its controller and the
// embedded host. Handles the choice between hosting and joining, and closing while hosting.
class WindowController : public QObject
{
    Q_OBJECT

public:
    explicit WindowController(HostConfig hostConfig, QObject *parent = nullptr);
    ~WindowController() override;

    MainWindow *window() const { return m_window.get(); }
    ChatClient *client() const { return m_client; }
    HostController *hostController() const { return m_hostController; }

    // Shows the host panel and the login form, which waits for the host to start.
    void enterHostMode();
    // Shows host mode and starts the host with the configuration given at construction.
    void startHosting();
    // Shows the login form with serverUrl filled in, if it is valid.
    void enterJoinMode(const QUrl &serverUrl = QUrl());

private:
    void handleHostStarted(const QUrl &shareUrl, const QUrl &localUrl);
    void handleHostStopped();
    void handleCloseRequest();

    std::unique_ptr<MainWindow> m_window;
    ChatClient *m_client = nullptr;
    ChatController *m_chatController = nullptr;
    HostController *m_hostController = nullptr;
    bool m_closing = false;
};

} // namespace confab::desktop
