#pragma once

#include <QMainWindow>

class QStackedWidget;

namespace confab::desktop {

class ChatView;
class HostPanel;
class LoginForm;
class StartPage;

// The top-level window. It shows the start page, then the session page: the host panel (in
// host mode only) above either the login form or the chat view.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Mode { Start, Host, Join };

    explicit MainWindow(QWidget *parent = nullptr);

    StartPage *startPage() const { return m_startPage; }
    HostPanel *hostPanel() const { return m_hostPanel; }
    LoginForm *loginForm() const { return m_loginForm; }
    ChatView *chatView() const { return m_chatView; }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    void showLoginForm();
    void showChatView();
    bool isChatViewShown() const;

    // While set, closing the window only emits closeRequested(), so the owner can stop the
    // host first and then call close() again after clearing it.
    void setCloseDeferred(bool deferred) { m_closeDeferred = deferred; }

signals:
    void closeRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    StartPage *m_startPage = nullptr;
    HostPanel *m_hostPanel = nullptr;
    LoginForm *m_loginForm = nullptr;
    ChatView *m_chatView = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_sessionPage = nullptr;
    QStackedWidget *m_sessionPages = nullptr;
    Mode m_mode = Mode::Start;
    bool m_closeDeferred = false;
};

} // namespace confab::desktop
