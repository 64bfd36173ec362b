#include "mainwindow.h"

#include "chatview.h"
#include "hostpanel.h"
#include "loginform.h"
#include "startpage.h"
#include "uilog.h"

#include <QCloseEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace confab::desktop {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_startPage(new StartPage)
    , m_hostPanel(new HostPanel)
    , m_loginForm(new LoginForm)
    , m_chatView(new ChatView)
    , m_pages(new QStackedWidget(this))
    , m_sessionPage(new QWidget)
    , m_sessionPages(new QStackedWidget)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_startPage->setObjectName(QStringLiteral("startPage"));
    m_hostPanel->setObjectName(QStringLiteral("hostPanel"));
    m_loginForm->setObjectName(QStringLiteral("loginForm"));
    m_chatView->setObjectName(QStringLiteral("chatView"));

    m_sessionPages->addWidget(m_loginForm);
    m_sessionPages->addWidget(m_chatView);
    auto sessionLayout = new QVBoxLayout(m_sessionPage);
    sessionLayout->addWidget(m_hostPanel);
    sessionLayout->addWidget(m_sessionPages, 1);

    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_sessionPage);
    setCentralWidget(m_pages);
    setWindowTitle(tr("Confab"));
    resize(760, 520);
    setMode(Mode::Start);
}

void MainWindow::setMode(Mode mode)
{
    m_mode = mode;
    switch (mode) {
    case Mode::Start:
        m_pages->setCurrentWidget(m_startPage);
        setWindowTitle(tr("Confab"));
        break;
    case Mode::Host:
        m_hostPanel->show();
        m_pages->setCurrentWidget(m_sessionPage);
        setWindowTitle(tr("Confab: hosting"));
        break;
    case Mode::Join:
        m_hostPanel->hide();
        m_pages->setCurrentWidget(m_sessionPage);
        setWindowTitle(tr("Confab: join"));
        break;
    }
    if (mode != Mode::Start) {
        showLoginForm();
    }
    qCDebug(lcUi) << "window mode" << int(mode);
}

void MainWindow::showLoginForm()
{
    m_sessionPages->setCurrentWidget(m_loginForm);
}

void MainWindow::showChatView()
{
    m_sessionPages->setCurrentWidget(m_chatView);
}

bool MainWindow::isChatViewShown() const
{
    return m_pages->currentWidget() == m_sessionPage
        && m_sessionPages->currentWidget() == m_chatView;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeDeferred) {
        event->ignore();
        emit closeRequested();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace confab::desktop
