#include "windowcontroller.h"

#include "chatclient.h"
#include "chatcontroller.h"
#include "clientlog.h"
#include "hostcontroller.h"
#include "loginform.h"
#include "mainwindow.h"
#include "startpage.h"

#include <QSslCertificate>

namespace confab::desktop {

WindowController::WindowController(HostConfig hostConfig, QObject *parent)
    : QObject(parent)
    , m_window(std::make_unique<MainWindow>())
    , m_client(new ChatClient(this))
    , m_chatController(new ChatController(m_client, m_window.get(), this))
    , m_hostController(new HostController(std::move(hostConfig), m_window->hostPanel(), this))
{
    connect(m_window->startPage(), &StartPage::hostRequested, this,
            &WindowController::enterHostMode);
    connect(m_window->startPage(), &StartPage::joinRequested, this, [this] { enterJoinMode(); });
    connect(m_window.get(), &MainWindow::closeRequested, this,
            &WindowController::handleCloseRequest);
    connect(m_hostController, &HostController::started, this, &WindowController::handleHostStarted);
    connect(m_hostController, &HostController::stopped, this, &WindowController::handleHostStopped);
}

WindowController::~WindowController() = default;

void WindowController::enterHostMode()
{
    m_window->setMode(MainWindow::Mode::Host);
    // From now on a close request first stops the host, if one is running or starting.
    m_window->setCloseDeferred(true);
    LoginForm *form = m_window->loginForm();
    form->setServerUrlEditable(false);
    if (m_hostController->isStarted()) {
        form->setEnabled(true);
        form->setServerUrl(m_hostController->localUrl().toString());
        return;
    }
    form->setServerUrl(QString());
    form->setEnabled(false);
    form->showStatus(tr("Start hosting, then register or log in to chat here."));
}

void WindowController::startHosting()
{
    enterHostMode();
    m_hostController->start();
}

void WindowController::enterJoinMode(const QUrl &serverUrl)
{
    m_window->setMode(MainWindow::Mode::Join);
    LoginForm *form = m_window->loginForm();
    form->setEnabled(true);
    form->setServerUrlEditable(true);
    if (serverUrl.isValid()) {
        form->setServerUrl(serverUrl.toString());
    }
    form->showStatus(tr("Enter the address the host gave you, then log in or register."));
}

void WindowController::handleHostStarted(const QUrl &shareUrl, const QUrl &localUrl)
{
    Q_UNUSED(shareUrl)
    const QString certificatePath = m_hostController->baseConfig().tlsCertificatePath;
    if (!certificatePath.isEmpty()) {
        // This machine's own host may use a self-signed certificate: trust exactly that one.
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
        if (!certificates.isEmpty()) {
            m_client->setTrustedCertificate(certificates.constFirst());
        }
    }
    LoginForm *form = m_window->loginForm();
    form->setEnabled(true);
    form->setServerUrl(localUrl.toString());
    form->setServerUrlEditable(false);
    form->showStatus(tr("Hosting. Register or log in to chat here."));
}

void WindowController::handleHostStopped()
{
    m_client->abandonSession();
    if (m_closing) {
        m_window->setCloseDeferred(false);
        // Queued, because this can run inside the window's own closeEvent().
        QMetaObject::invokeMethod(m_window.get(), &QWidget::close, Qt::QueuedConnection);
        return;
    }
    if (m_window->mode() == MainWindow::Mode::Host) {
        enterHostMode();
        m_window->showLoginForm();
    }
}

void WindowController::handleCloseRequest()
{
    qCInfo(lcClient) << "window closing: stopping the host first";
    m_closing = true;
    if (m_hostController->isRunning()) {
        m_hostController->stop();
    } else {
        handleHostStopped();
    }
}

} // namespace confab::desktop
