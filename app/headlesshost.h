#pragma once

#include "hostconfig.h"
#include "signalnotifier.h"

#include <QObject>

#include <chrono>
#include <memory>

namespace confab {
class HostServer;
} // namespace confab

namespace confab::desktop {

// `confab host --headless`: runs the host on the main thread of a QCoreApplication, prints the
// address to share on stdout and stops cleanly on SIGINT or SIGTERM.
class HeadlessHost : public QObject
{
    Q_OBJECT

public:
    // Time the event loop keeps running after HostServer::stop(), so the close frames reach
    // the clients before the process exits.
    static constexpr std::chrono::milliseconds kCloseFlushGrace {300};

    explicit HeadlessHost(HostConfig config, QObject *parent = nullptr);
    ~HeadlessHost() override;

    // Installs the signal handlers and starts the host. Returns false, with the reason
    // logged, when either fails, and then the process should exit with code 1.
    bool start();

signals:
    // Emitted with exitCode 0 once the host has stopped after a signal.
    void finished(int exitCode);

private:
    void handleTermination(int signalNumber);

    HostConfig m_config;
    SignalNotifier m_signals;
    std::unique_ptr<HostServer> m_server;
    bool m_stopping = false;
};

} // namespace confab::desktop
