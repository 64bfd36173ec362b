#include "signalnotifier.h"

#include "clientlog.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace confab::desktop {

namespace {

// Written by install() before the handlers exist and read by the handler, so no lock is needed.
int signalSockets[2] = {-1, -1};

void handleSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // A full socket buffer drops the byte, which is fine: one queued byte already stops us.
    [[maybe_unused]] const ssize_t written = ::write(signalSockets[0], &byte, 1);
    errno = savedErrno;
}

bool setHandler(int signalNumber, void (*handler)(int))
{
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(signalNumber, &action, nullptr) == 0;
}

} // namespace

SignalNotifier::SignalNotifier(QObject *parent) : QObject(parent) { }

SignalNotifier::~SignalNotifier()
{
    if (!m_installed) {
        return;
    }
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    ::close(signalSockets[0]);
    ::close(signalSockets[1]);
    signalSockets[0] = signalSockets[1] = -1;
}

bool SignalNotifier::install()
{
    if (m_installed) {
        return true;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, signalSockets) != 0) {
        m_errorString = tr("Cannot create the signal socket pair: %1")
                            .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_installed = true;
    m_notifier = new QSocketNotifier(signalSockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalNotifier::readSignal);
    if (!setHandler(SIGINT, handleSignal) || !setHandler(SIGTERM, handleSignal)) {
        m_errorString = tr("Cannot install the SIGINT and SIGTERM handlers: %1")
                            .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

void SignalNotifier::readSignal()
{
    unsigned char byte = 0;
    while (::read(signalSockets[1], &byte, 1) == 1) {
        qCInfo(lcClient) << "received signal" << int(byte);
        emit terminationRequested(int(byte));
    }
}

} // namespace confab::desktop
