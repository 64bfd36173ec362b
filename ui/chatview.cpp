#include "chatview.h"

#include "chatmessage.h"
#include "transcriptview.h"
#include "userlistmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace confab::desktop {

ChatView::ChatView(QWidget *parent)
    : QWidget(parent)
    , m_userListModel(new UserListModel(this))
    , m_transcript(new TranscriptView(this))
    , m_userList(new QListView(this))
    , m_onlineCountLabel(new QLabel(this))
    , m_currentUserLabel(new QLabel(this))
    , m_connectionStatusLabel(new QLabel(this))
    , m_messageEdit(new QLineEdit(this))
    , m_sendButton(new QPushButton(tr("Send"), this))
    , m_logoutButton(new QPushButton(tr("Log out"), this))
    , m_reconnectButton(new QPushButton(tr("Reconnect"), this))
{
    m_transcript->setObjectName(QStringLiteral("transcript"));
    m_userList->setObjectName(QStringLiteral("userList"));
    m_userList->setModel(m_userListModel);
    m_userList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_userList->setSelectionMode(QAbstractItemView::NoSelection);
    m_onlineCountLabel->setObjectName(QStringLiteral("onlineCountLabel"));
    m_currentUserLabel->setObjectName(QStringLiteral("currentUserLabel"));
    m_connectionStatusLabel->setObjectName(QStringLiteral("connectionStatusLabel"));
    m_connectionStatusLabel->setWordWrap(true);
    // These labels show usernames and host error text, which must never be read as markup.
    for (QLabel *label : {m_onlineCountLabel, m_currentUserLabel, m_connectionStatusLabel}) {
        label->setTextFormat(Qt::PlainText);
    }
    m_messageEdit->setObjectName(QStringLiteral("messageEdit"));
    m_messageEdit->setMaxLength(kMaxMessageLength);
    m_messageEdit->setPlaceholderText(tr("Type a message"));
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_logoutButton->setObjectName(QStringLiteral("logoutButton"));
    m_reconnectButton->setObjectName(QStringLiteral("reconnectButton"));

    auto usersPane = new QWidget(this);
    auto usersLayout = new QVBoxLayout(usersPane);
    usersLayout->setContentsMargins(0, 0, 0, 0);
    usersLayout->addWidget(m_onlineCountLabel);
    usersLayout->addWidget(m_userList);
    auto splitter = new QSplitter(this);
    splitter->addWidget(m_transcript);
    splitter->addWidget(usersPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto header = new QHBoxLayout;
    header->addWidget(m_currentUserLabel, 1);
    header->addWidget(m_reconnectButton);
    header->addWidget(m_logoutButton);
    auto input = new QHBoxLayout;
    input->addWidget(m_messageEdit, 1);
    input->addWidget(m_sendButton);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);
    layout->addLayout(input);
    layout->addWidget(m_connectionStatusLabel);

    connect(m_messageEdit, &QLineEdit::textChanged, this, &ChatView::updateSendButton);
    connect(m_messageEdit, &QLineEdit::returnPressed, this, &ChatView::send);
    connect(m_sendButton, &QPushButton::clicked, this, &ChatView::send);
    connect(m_logoutButton, &QPushButton::clicked, this, &ChatView::logoutRequested);
    connect(m_reconnectButton, &QPushButton::clicked, this, &ChatView::reconnectRequested);
    connect(m_userListModel, &UserListModel::countChanged, this, &ChatView::updateOnlineCount);
    updateOnlineCount(0);
    setConnected(false);
}

void ChatView::setCurrentUser(const QString &username)
{
    m_currentUserLabel->setText(username.isEmpty() ? QString()
                                                   : tr("Signed in as %1").arg(username));
}

void ChatView::setConnectionStatus(const QString &status)
{
    m_connectionStatusLabel->setText(status);
}

void ChatView::setConnected(bool connected)
{
    m_connected = connected;
    m_messageEdit->setEnabled(connected);
    m_reconnectButton->setVisible(!connected);
    updateSendButton();
    if (connected) {
        m_messageEdit->setFocus();
    }
}

void ChatView::clearSession()
{
    m_userListModel->clear();
    m_transcript->clear();
    m_messageEdit->clear();
    setCurrentUser(QString());
    setConnectionStatus(QString());
    setConnected(false);
}

void ChatView::appendChat(const QDateTime &sentAt, const QString &username, const QString &message)
{
    m_transcript->appendChat(sentAt, username, message);
}

void ChatView::appendNotice(const QString &text)
{
    m_transcript->appendNotice(text);
}

void ChatView::updateSendButton()
{
    m_sendButton->setEnabled(m_connected && !m_messageEdit->text().trimmed().isEmpty());
}

void ChatView::updateOnlineCount(int count)
{
    m_onlineCountLabel->setText(tr("%n online", nullptr, count));
}

void ChatView::send()
{
    if (!m_sendButton->isEnabled()) {
        return;
    }
    const QString message = m_messageEdit->text();
    m_messageEdit->clear();
    emit sendRequested(message);
}

} // namespace confab::desktop
