#include "loginform.h"

#include "uilog.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::desktop {

LoginForm::LoginForm(QWidget *parent)
    : QWidget(parent)
    , m_serverUrlEdit(new QLineEdit(this))
    , m_usernameEdit(new QLineEdit(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_loginButton(new QPushButton(tr("Log in"), this))
    , m_registerButton(new QPushButton(tr("Register"), this))
    , m_statusLabel(new QLabel(this))
{
    m_serverUrlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_serverUrlEdit->setPlaceholderText(QStringLiteral("http://192.168.1.20:8765"));
    m_usernameEdit->setObjectName(QStringLiteral("usernameEdit"));
    m_usernameEdit->setMaxLength(kMaxUsernameLength);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_loginButton->setObjectName(QStringLiteral("loginButton"));
    m_loginButton->setDefault(true);
    m_registerButton->setObjectName(QStringLiteral("registerButton"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    // Server error text and names typed by users show as typed, never as markup.
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setWordWrap(true);

    auto fields = new QFormLayout;
    fields->addRow(tr("Host address:"), m_serverUrlEdit);
    fields->addRow(tr("Username:"), m_usernameEdit);
    fields->addRow(tr("Password:"), m_passwordEdit);
    auto buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_registerButton);
    buttons->addWidget(m_loginButton);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addLayout(buttons);
    layout->addWidget(m_statusLabel);
    layout->addStretch();

    for (QLineEdit *edit : {m_serverUrlEdit, m_usernameEdit, m_passwordEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &LoginForm::updateButtons);
    }
    connect(m_passwordEdit, &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_loginButton, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_registerButton, &QPushButton::clicked, this, [this] { submit(true); });
    updateButtons();
}

QString LoginForm::serverUrl() const
{
    return m_serverUrlEdit->text().trimmed();
}

void LoginForm::setServerUrl(const QString &url)
{
    m_serverUrlEdit->setText(url);
}

void LoginForm::setServerUrlEditable(bool editable)
{
    m_serverUrlEdit->setReadOnly(!editable);
}

QString LoginForm::username() const
{
    return m_usernameEdit->text().trimmed();
}

void LoginForm::setUsername(const QString &username)
{
    m_usernameEdit->setText(username);
}

void LoginForm::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void LoginForm::showError(const QString &message)
{
    m_statusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_statusLabel->setText(message);
}

void LoginForm::showStatus(const QString &message)
{
    m_statusLabel->setStyleSheet(QString());
    m_statusLabel->setText(message);
}

void LoginForm::clearPassword()
{
    m_passwordEdit->clear();
}

void LoginForm::updateButtons()
{
    const bool complete
        = !serverUrl().isEmpty() && !username().isEmpty() && !m_passwordEdit->text().isEmpty();
    m_loginButton->setEnabled(complete && !m_busy);
    m_registerButton->setEnabled(complete && !m_busy);
}

void LoginForm::submit(bool registering)
{
    if (!m_loginButton->isEnabled()) {
        return;
    }
    const QString password = m_passwordEdit->text();
    qCDebug(lcUi) << (registering ? "register" : "login") << "requested for" << username();
    if (registering) {
        emit registerRequested(serverUrl(), username(), password);
    } else {
        emit loginRequested(serverUrl(), username(), password);
    }
}

} // namespace confab::desktop
