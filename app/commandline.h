#pragma once

#include "hostconfig.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace confab::desktop {

// The command that `confab [host|join|forget-certificate] ...` requests, or the reason its
// arguments are invalid.
struct CommandLine
{
    enum class Status { Ok, Help, Version, Error };
    enum class Command { Window, Host, Join, ForgetCertificate };

    Status status = Status::Ok;
    Command command = Command::Window;
    QString errorString; // set when status is Error
    QString helpText; // set when status is Help or Error
    HostConfig hostConfig; // for Host
    bool headless = false; // for Host
    QUrl joinUrl; // for Join
    QString certificateHostKey; // for ForgetCertificate: "host:port" of the pin to remove
};

// Parses arguments, which start with the program name as QCoreApplication::arguments() does.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace confab::desktop
