#include "certificatetruststore.h"
#include "clientlog.h"
#include "commandline.h"
#include "headlesshost.h"
#include "mainwindow.h"
#include "signalnotifier.h"
#include "windowcontroller.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

namespace {

// Exit code for invalid arguments, as most command-line tools use.
constexpr int kUsageExitCode = 2;

void setApplicationIdentity()
{
    // The host's default database path comes from AppDataLocation, which uses these names.
    QCoreApplication::setApplicationName(QStringLiteral("confab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));
}

// Parses the arguments before any window system is touched, so --help, --headless and
// argument errors work without a display.
confab::desktop::CommandLine parseArguments(int argc, char *argv[])
{
    QCoreApplication parsingApplication(argc, argv);
    setApplicationIdentity();
    return confab::desktop::parseCommandLine(QCoreApplication::arguments());
}

int runHeadless(int argc, char *argv[], const confab::HostConfig &config)
{
    QCoreApplication application(argc, argv);
    setApplicationIdentity();
    confab::desktop::HeadlessHost host(config);
    QObject::connect(&host, &confab::desktop::HeadlessHost::finished, &application,
                     &QCoreApplication::exit);
    if (!host.start()) {
        return 1;
    }
    return application.exec();
}

// Removes the pin of hostKey from the user's trust store. This is the only way to accept a
// host's changed certificate, so that an attacker's certificate is never one click away.
int forgetCertificate(int argc, char *argv[], const QString &hostKey)
{
    QCoreApplication application(argc, argv);
    setApplicationIdentity();
    confab::desktop::CertificateTrustStore store;
    if (!store.pinnedFingerprint(hostKey)) {
        std::fprintf(stderr, "confab: no certificate is trusted for %s in %s.\n",
                     qPrintable(hostKey), qPrintable(store.fileName()));
        return 1;
    }
    if (!store.forget(hostKey)) {
        std::fprintf(stderr, "confab: could not remove the certificate of %s from %s. Check "
                     "that the file is writable.\n",
                     qPrintable(hostKey), qPrintable(store.fileName()));
        return 1;
    }
    std::printf("Removed the trusted certificate of %s. The next connection asks whether to "
                "trust the certificate it finds.\n",
                qPrintable(hostKey));
    return 0;
}

// Returns whether a window can be shown. QApplication aborts the process without a display,
// so the check comes first and the user hears about --headless instead.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY")
        || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

int runWindow(int argc, char *argv[], const confab::desktop::CommandLine &commandLine)
{
    if (!hasDisplay()) {
        std::fprintf(stderr, "confab: no display found (DISPLAY and WAYLAND_DISPLAY are unset). "
                             "To host without a window, run 'confab host --headless'.\n");
        return 1;
    }
    QApplication application(argc, argv);
    setApplicationIdentity();
    confab::desktop::WindowController controller(commandLine.hostConfig);
    // SIGINT and SIGTERM close the window, which stops a running host before the process exits.
    confab::desktop::SignalNotifier signalNotifier;
    QObject::connect(&signalNotifier, &confab::desktop::SignalNotifier::terminationRequested,
                     controller.window(), &QWidget::close);
    if (!signalNotifier.install()) {
        qCWarning(confab::desktop::lcClient) << signalNotifier.errorString();
    }
    controller.window()->show();
    if (commandLine.command == confab::desktop::CommandLine::Command::Host) {
        controller.startHosting();
    } else if (commandLine.command == confab::desktop::CommandLine::Command::Join) {
        controller.enterJoinMode(commandLine.joinUrl);
    }
    return application.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    const confab::desktop::CommandLine commandLine = parseArguments(argc, argv);
    switch (commandLine.status) {
    case confab::desktop::CommandLine::Status::Help:
        std::printf("%s", qPrintable(commandLine.helpText));
        return 0;
    case confab::desktop::CommandLine::Status::Version:
        std::printf("confab %s\n", CONFAB_VERSION);
        return 0;
    case confab::desktop::CommandLine::Status::Error:
        std::fprintf(stderr, "confab: %s\nRun 'confab --help' for the options.\n",
                     qPrintable(commandLine.errorString));
        return kUsageExitCode;
    case confab::desktop::CommandLine::Status::Ok:
        break;
    }

    qSetMessagePattern(QStringLiteral(
        "%{time yyyy-MM-ddTHH:mm:ss.zzz} %{if-category}%{category} %{endif}%{type}: %{message}"));
    if (commandLine.command == confab::desktop::CommandLine::Command::ForgetCertificate) {
        return forgetCertificate(argc, argv, commandLine.certificateHostKey);
    }
    if (commandLine.command == confab::desktop::CommandLine::Command::Host
        && commandLine.headless) {
        return runHeadless(argc, argv, commandLine.hostConfig);
    }
    return runWindow(argc, argv, commandLine);
}
