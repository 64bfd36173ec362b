#include "hostpanel.h"

#include "uilog.h"

#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace confab::desktop {

HostPanel::HostPanel(QWidget *parent)
    : QWidget(parent)
    , m_bindAddressCombo(new QComboBox(this))
    , m_portSpin(new QSpinBox(this))
    , m_startButton(new QPushButton(tr("Start hosting"), this))
    , m_stopButton(new QPushButton(tr("Stop hosting"), this))
    , m_shareUrlEdit(new QLineEdit(this))
    , m_copyUrlButton(new QPushButton(tr("Copy"), this))
    , m_statusLabel(new QLabel(this))
{
    m_bindAddressCombo->setObjectName(QStringLiteral("bindAddressCombo"));
    m_bindAddressCombo->setEditable(true);
    m_bindAddressCombo->setInsertPolicy(QComboBox::NoInsert);
    m_portSpin->setObjectName(QStringLiteral("portSpin"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setSpecialValueText(tr("any free port"));
    m_portSpin->setValue(8765);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_shareUrlEdit->setObjectName(QStringLiteral("shareUrlEdit"));
    m_shareUrlEdit->setReadOnly(true);
    m_shareUrlEdit->setPlaceholderText(tr("Shown once hosting has started"));
    m_copyUrlButton->setObjectName(QStringLiteral("copyUrlButton"));
    m_statusLabel->setObjectName(QStringLiteral("hostStatusLabel"));
    // Error text from the host can contain file paths and addresses typed by the user.
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setWordWrap(true);

    auto address = new QHBoxLayout;
    address->addWidget(m_bindAddressCombo, 1);
    address->addWidget(new QLabel(tr("Port:"), this));
    address->addWidget(m_portSpin);
    address->addWidget(m_startButton);
    address->addWidget(m_stopButton);
    auto share = new QHBoxLayout;
    share->addWidget(m_shareUrlEdit, 1);
    share->addWidget(m_copyUrlButton);
    auto fields = new QFormLayout;
    fields->addRow(tr("Listen on:"), address);
    fields->addRow(tr("Address to share:"), share);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_statusLabel);

    connect(m_startButton, &QPushButton::clicked, this,
            [this] { emit startRequested(bindAddress(), port()); });
    connect(m_stopButton, &QPushButton::clicked, this, &HostPanel::stopRequested);
    connect(m_copyUrlButton, &QPushButton::clicked, this, &HostPanel::copyShareUrl);
    setState(State::Stopped);
}

void HostPanel::setBindAddresses(const QStringList &addresses)
{
    const QString current = bindAddress();
    m_bindAddressCombo->clear();
    m_bindAddressCombo->addItems(addresses);
    if (!current.isEmpty()) {
        setBindAddress(current);
    }
}

QString HostPanel::bindAddress() const
{
    return m_bindAddressCombo->currentText().trimmed();
}

void HostPanel::setBindAddress(const QString &address)
{
    const int index = m_bindAddressCombo->findText(address);
    if (index >= 0) {
        m_bindAddressCombo->setCurrentIndex(index);
    } else {
        m_bindAddressCombo->setEditText(address);
    }
}

quint16 HostPanel::port() const
{
    return quint16(m_portSpin->value());
}

void HostPanel::setPort(quint16 port)
{
    m_portSpin->setValue(port);
}

void HostPanel::setStarting()
{
    m_statusLabel->setText(tr("Starting…"));
    setState(State::Starting);
}

void HostPanel::setRunning(const QString &shareUrl)
{
    m_shareUrlEdit->setText(shareUrl);
    m_statusLabel->setText(tr("Hosting. Give people the address above."));
    setState(State::Running);
}

void HostPanel::setStopping()
{
    m_statusLabel->setText(tr("Stopping…"));
    setState(State::Stopping);
}

void HostPanel::setStopped(const QString &status)
{
    m_shareUrlEdit->clear();
    m_statusLabel->setText(status.isEmpty() ? tr("Not hosting.") : status);
    setState(State::Stopped);
}

void HostPanel::showError(const QString &message)
{
    m_shareUrlEdit->clear();
    m_statusLabel->setText(message);
    setState(State::Stopped);
}

void HostPanel::setState(State state)
{
    m_state = state;
    const bool stopped = state == State::Stopped;
    m_bindAddressCombo->setEnabled(stopped);
    m_portSpin->setEnabled(stopped);
    m_startButton->setEnabled(stopped);
    m_stopButton->setEnabled(state == State::Running || state == State::Starting);
    m_copyUrlButton->setEnabled(state == State::Running);
}

void HostPanel::copyShareUrl()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (!clipboard) {
        qCWarning(lcUi) << "no clipboard available; the share address was not copied";
        return;
    }
    clipboard->setText(m_shareUrlEdit->text());
    m_statusLabel->setText(tr("Copied %1 to the clipboard.").arg(m_shareUrlEdit->text()));
}

} // namespace confab::desktop
