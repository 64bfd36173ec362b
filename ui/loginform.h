#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace confab::desktop {

// The sign-in page: host address, username and password, with Log in and Register buttons.
class LoginForm : public QWidget
{
    Q_OBJECT

public:
    // The host's limit on usernames, enforced here so a long name fails before any request.
    static constexpr int kMaxUsernameLength = 32;

    explicit LoginForm(QWidget *parent = nullptr);

    QString serverUrl() const;
    void setServerUrl(const QString &url);
    // In host mode the address is the host's own loopback address, so the user cannot edit it.
    void setServerUrlEditable(bool editable);
    QString username() const;
    void setUsername(const QString &username);

    // Disables the buttons while a request is in flight.
    void setBusy(bool busy);
    void showError(const QString &message);
    void showStatus(const QString &message);
    void clearPassword();

signals:
    void loginRequested(const QString &serverUrl, const QString &username, const QString &password);
    void registerRequested(const QString &serverUrl, const QString &username,
                           const QString &password);

private:
    void updateButtons();
    void submit(bool registering);

    QLineEdit *m_serverUrlEdit = nullptr;
    QLineEdit *m_usernameEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QPushButton *m_loginButton = nullptr;
    QPushButton *m_registerButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    bool m_busy = false;
};

} // namespace confab::desktop
