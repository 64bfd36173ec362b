#pragma once

#include "hostconfig.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

class QThread;

namespace confab {
class HostServer;
} // namespace confab

namespace confab::desktop {

class HostPanel;

// Runs the embedded confab::HostServer on a thread of its own and drives the host panel.
// Every call returns at once, and the server reports back through queued signals.
class HostController : public QObject
{
    Q_OBJECT

public:
    // Time the server thread keeps running after HostServer::stop(), so the close frames it
    // queued reach the clients.
    // NOTE: an estimate. Loopback and LAN clients get their frames well within it. A client on
    // a slow link may see the socket drop without the 1000 close frame.
    static constexpr std::chrono::milliseconds kCloseFlushGrace {300};
    // Maximum wait for the server thread in the destructor, when the event loop is gone.
    static constexpr std::chrono::milliseconds kThreadExitTimeout {5000};

    // baseConfig supplies the database, origins and TLS files, and the panel supplies the
    // bind address and port for each start. panel may be null when there is no window.
    explicit HostController(HostConfig baseConfig, HostPanel *panel = nullptr,
                            QObject *parent = nullptr);
    ~HostController() override;

    const HostConfig &baseConfig() const { return m_baseConfig; }
    bool isRunning() const { return m_thread != nullptr; }
    bool isStarted() const { return m_started; }
    QUrl shareUrl() const { return m_shareUrl; }
    QUrl localUrl() const { return m_localUrl; }

    // Starts a host with baseConfig as it is, ignoring the panel's fields.
    void start();
    // Starts a host on bindAddress and port. An invalid address emits failed() at once.
    void startOn(const QString &bindAddress, quint16 port);
    // Stops the host and its thread, then emits stopped() when the thread has finished.
    void stop();

signals:
    void started(const QUrl &shareUrl, const QUrl &localUrl);
    void failed(const QString &errorString);
    void stopped();

private:
    void launch(const HostConfig &config);
    void handleStarted(const QUrl &shareUrl, const QUrl &localUrl);
    void handleFailed(const QString &errorString);
    void handleThreadFinished();

    HostConfig m_baseConfig;
    QPointer<HostPanel> m_panel;
    QThread *m_thread = nullptr;
    HostServer *m_server = nullptr; // lives on m_thread, deleted there when it finishes
    QUrl m_shareUrl;
    QUrl m_localUrl;
    QString m_failure;
    bool m_started = false;
    bool m_stopping = false;
};

} // namespace confab::desktop
