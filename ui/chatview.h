#pragma once

#include "userpresence.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace confab::desktop {

class TranscriptView;
class UserListModel;

// The chat page: transcript, online users with their count, the message line and the
// connection status.
class ChatView : public QWidget
{
    Q_OBJECT

public:
    explicit ChatView(QWidget *parent = nullptr);

    UserListModel *userListModel() const { return m_userListModel; }
    TranscriptView *transcript() const { return m_transcript; }

    void setCurrentUser(const QString &username);
    void setConnectionStatus(const QString &status);
    // Enables the message line while the socket is open and offers Reconnect while it is not.
    void setConnected(bool connected);
    void clearSession();

    void appendChat(const QDateTime &sentAt, const QString &username, const QString &message);
    void appendNotice(const QString &text);

signals:
    // Carries the text of the message line, which is at most kMaxMessageLength long.
    void sendRequested(const QString &message);
    void logoutRequested();
    void reconnectRequested();

private:
    void updateSendButton();
    void updateOnlineCount(int count);
    void send();

    UserListModel *m_userListModel = nullptr;
    TranscriptView *m_transcript = nullptr;
    QListView *m_userList = nullptr;
    QLabel *m_onlineCountLabel = nullptr;
    QLabel *m_currentUserLabel = nullptr;
    QLabel *m_connectionStatusLabel = nullptr;
    QLineEdit *m_messageEdit = nullptr;
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_logoutButton = nullptr;
    QPushButton *m_reconnectButton = nullptr;
    bool m_connected = false;
};

} // namespace confab::desktop
