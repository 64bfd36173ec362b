#include "hostcontroller.h"

#include "bindaddress.h"
#include "clientlog.h"
#include "hostpanel.h"
#include "hostserver.h"

#include <QThread>
#include <QTimer>

namespace confab::desktop {

HostController::HostController(HostConfig baseConfig, HostPanel *panel, QObject *parent)
    : QObject(parent), m_baseConfig(std::move(baseConfig)), m_panel(panel)
{
    if (m_panel) {
        m_panel->setBindAddresses(bindAddressChoices());
        m_panel->setBindAddress(m_baseConfig.bindAddress.toString());
        m_panel->setPort(m_baseConfig.port);
        connect(m_panel, &HostPanel::startRequested, this, &HostController::startOn);
        connect(m_panel, &HostPanel::stopRequested, this, &HostController::stop);
    }
}

HostController::~HostController()
{
    if (!m_thread) {
        return;
    }
    // Only reached when the owner is destroyed without waiting for stopped(), for example
    // after the event loop has quit: block briefly so the server closes inside its thread.
    m_thread->disconnect(this);
    HostServer *server = m_server;
    QMetaObject::invokeMethod(
        server,
        [server] {
            server->stop();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    if (!m_thread->wait(int(kThreadExitTimeout.count()))) {
        qCWarning(lcClient) << "host thread did not finish within" << kThreadExitTimeout.count()
                            << "ms; leaking it rather than destroying a running thread";
        m_thread->setParent(nullptr);
    }
}

void HostController::start()
{
    launch(m_baseConfig);
}

void HostController::startOn(const QString &bindAddress, quint16 port)
{
    const auto address = parseBindAddress(bindAddress);
    if (!address) {
        const QString message = tr("Invalid bind address \"%1\": enter an IPv4 or IPv6 address "
                                   "such as 127.0.0.1 or 0.0.0.0.")
                                    .arg(bindAddress);
        if (m_panel) {
            m_panel->showError(message);
        }
        emit failed(message);
        return;
    }
    HostConfig config = m_baseConfig;
    config.bindAddress = *address;
    config.port = port;
    launch(config);
}

void HostController::launch(const HostConfig &config)
{
    if (m_thread) {
        qCWarning(lcClient) << "start ignored: a host is already running";
        return;
    }
    m_started = false;
    m_stopping = false;
    m_failure.clear();
    if (m_panel) {
        m_panel->setBindAddress(config.bindAddress.toString());
        m_panel->setPort(config.port);
        m_panel->setStarting();
    }
    qCInfo(lcClient) << "starting host on" << config.bindAddress.toString() << "port"
                     << config.port;

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("confab-host"));
    m_server = new HostServer(config);
    m_server->moveToThread(m_thread);
    // The server is deleted on its own thread, after the thread's event loop has returned.
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, this, &HostController::handleThreadFinished);
    connect(m_server, &HostServer::started, this, &HostController::handleStarted,
            Qt::QueuedConnection);
    connect(m_server, &HostServer::failed, this, &HostController::handleFailed,
            Qt::QueuedConnection);
    m_thread->start();
    QMetaObject::invokeMethod(m_server, "start", Qt::QueuedConnection);
}

void HostController::stop()
{
    if (!m_thread || m_stopping) {
        return;
    }
    m_stopping = true;
    if (m_panel) {
        m_panel->setStopping();
    }
    qCInfo(lcClient) << "stopping host";
    HostServer *server = m_server;
    const std::chrono::milliseconds grace
        = m_started ? kCloseFlushGrace : std::chrono::milliseconds(0);
    // Runs on the server thread: stop, give the close frames time to leave, then quit.
    QMetaObject::invokeMethod(
        server,
        [server, grace] {
            server->stop();
            QTimer::singleShot(grace, server, [] { QThread::currentThread()->quit(); });
        },
        Qt::QueuedConnection);
}

void HostController::handleStarted(const QUrl &shareUrl, const QUrl &localUrl)
{
    if (m_stopping) {
        return;
    }
    m_started = true;
    m_shareUrl = shareUrl;
    m_localUrl = localUrl;
    qCInfo(lcClient) << "hosting at" << shareUrl.toDisplayString() << "local"
                     << localUrl.toDisplayString();
    if (m_panel) {
        m_panel->setRunning(shareUrl.toDisplayString());
    }
    emit started(shareUrl, localUrl);
}

void HostController::handleFailed(const QString &errorString)
{
    qCWarning(lcClient) << "host failed to start:" << errorString;
    m_failure = errorString;
    stop();
    emit failed(errorString);
}

void HostController::handleThreadFinished()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    m_server = nullptr;
    m_started = false;
    m_stopping = false;
    m_shareUrl.clear();
    m_localUrl.clear();
    if (m_panel) {
        if (m_failure.isEmpty()) {
            m_panel->setStopped(tr("Hosting stopped."));
        } else {
            m_panel->showError(tr("Hosting failed: %1").arg(m_failure));
        }
    }
    qCInfo(lcClient) << "host stopped";
    emit stopped();
}

} // namespace confab::desktop
