#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace confab::desktop {

// Hosting controls: the bind address and port, Start and Stop, and the address to share with
// a Copy button.
class HostPanel : public QWidget
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Stopping };

    explicit HostPanel(QWidget *parent = nullptr);

    // Fills the bind address choices, for example "127.0.0.1" and "0.0.0.0". The list stays
    // editable, so the user can type another address.
    void setBindAddresses(const QStringList &addresses);
    QString bindAddress() const;
    void setBindAddress(const QString &address);
    quint16 port() const;
    void setPort(quint16 port);

    State state() const { return m_state; }
    void setStarting();
    void setRunning(const QString &shareUrl);
    void setStopping();
    void setStopped(const QString &status = QString());
    void showError(const QString &message);

signals:
    void startRequested(const QString &bindAddress, quint16 port);
    void stopRequested();

private:
    void setState(State state);
    void copyShareUrl();

    QComboBox *m_bindAddressCombo = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLineEdit *m_shareUrlEdit = nullptr;
    QPushButton *m_copyUrlButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    State m_state = State::Stopped;
};

} // namespace confab::desktop
