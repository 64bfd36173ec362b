#include "headlesshost.h"

#include "clientlog.h"
#include "hostserver.h"

#include <QTimer>

#include <cstdio>

namespace confab::desktop {

HeadlessHost::HeadlessHost(HostConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    connect(&m_signals, &SignalNotifier::terminationRequested, this,
            &HeadlessHost::handleTermination);
}

HeadlessHost::~HeadlessHost() = default;

bool HeadlessHost::start()
{
    if (!m_signals.install()) {
        qCCritical(lcClient) << m_signals.errorString();
        return false;
    }
    m_server = std::make_unique<HostServer>(m_config);
    connect(m_server.get(), &HostServer::started, this,
            [](const QUrl &shareUrl, const QUrl &localUrl) {
                qCInfo(lcClient) << "hosting; share" << shareUrl.toDisplayString() << "local"
                                 << localUrl.toDisplayString();
                // stdout carries only the address, so scripts can read it.
                std::printf("%s\n", qPrintable(shareUrl.toString()));
                std::fflush(stdout);
            });
    if (!m_server->start()) {
        qCCritical(lcClient) << "host failed to start:" << m_server->errorString();
        return false;
    }
    return true;
}

void HeadlessHost::handleTermination(int signalNumber)
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    qCInfo(lcClient) << "stopping the host on signal" << signalNumber;
    if (m_server) {
        m_server->stop();
    }
    QTimer::singleShot(kCloseFlushGrace, this, [this] {
        qCInfo(lcClient) << "host stopped";
        emit finished(0);
    });
}

} // namespace confab::desktop
