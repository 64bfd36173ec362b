#include "commandline.h"

#include "bindaddress.h"
#include "certificatetruststore.h"
#include "serverurl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace confab::desktop {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("confab::desktop::CommandLine", text);
}

struct Options
{
    QCommandLineOption port {QStringLiteral("port"),
                             translate("TCP port to listen on, 0 to 65535. 0 picks a free port. "
                                       "Default: 8765."),
                             QStringLiteral("N")};
    QCommandLineOption bind {QStringLiteral("bind"),
                             translate("Address to listen on: an IPv4 or IPv6 address, or "
                                       "localhost. Default: 127.0.0.1, this machine only. Use "
                                       "0.0.0.0 to let other machines join."),
                             QStringLiteral("ADDR")};
    QCommandLineOption database {QStringLiteral("db"),
                                 translate("SQLite database file for accounts and messages. "
                                           "Default: %1")
                                     .arg(defaultDatabasePath()),
                                 QStringLiteral("FILE")};
    QCommandLineOption allowOrigin {QStringLiteral("allow-origin"),
                                    translate("Extra web origin allowed to open the WebSocket, "
                                              "for example https://chat.example.org. Repeat "
                                              "for more. Default: only the host's own origin."),
                                    QStringLiteral("ORIGIN")};
    QCommandLineOption tlsCertificate {QStringLiteral("tls-cert"),
                                       translate("PEM certificate file. With --tls-key the host "
                                                 "serves https and wss. Default: plain http."),
                                       QStringLiteral("FILE")};
    QCommandLineOption tlsKey {QStringLiteral("tls-key"),
                               translate("PEM private key file for --tls-cert."),
                               QStringLiteral("FILE")};
    QCommandLineOption headless {QStringLiteral("headless"),
                                 translate("Host without a window: log to stderr, print the "
                                           "address to share on stdout, stop on SIGINT or "
                                           "SIGTERM.")};

    QList<QCommandLineOption> hostOnly() const
    {
        return {port, bind, database, allowOrigin, tlsCertificate, tlsKey, headless};
    }
};

CommandLine failure(CommandLine result, const QString &message)
{
    result.status = CommandLine::Status::Error;
    result.errorString = message;
    return result;
}

// Returns the origin as scheme://host[:port], or an empty string when text is not one.
QString normalizedOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const bool webScheme
        = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    const bool bare = url.path().isEmpty() || url.path() == QLatin1String("/");
    if (!url.isValid() || !webScheme || url.host().isEmpty() || !bare || url.hasQuery()
        || url.hasFragment() || !url.userInfo().isEmpty()) {
        return QString();
    }
    return url.toString(QUrl::RemovePath | QUrl::StripTrailingSlash);
}

CommandLine applyHostOptions(const QCommandLineParser &parser, const Options &options,
                             CommandLine result)
{
    HostConfig &config = result.hostConfig;
    if (parser.isSet(options.port)) {
        bool ok = false;
        const uint port = parser.value(options.port).toUInt(&ok);
        if (!ok || port > 65535) {
            return failure(result,
                           translate("Invalid port \"%1\": expected a number from 0 to "
                                     "65535.")
                               .arg(parser.value(options.port)));
        }
        config.port = quint16(port);
    }
    if (parser.isSet(options.bind)) {
        const auto address = parseBindAddress(parser.value(options.bind));
        if (!address) {
            return failure(result,
                           translate("Invalid bind address \"%1\": expected an IPv4 or "
                                     "IPv6 address such as 127.0.0.1 or 0.0.0.0, or "
                                     "localhost.")
                               .arg(parser.value(options.bind)));
        }
        config.bindAddress = *address;
    }
    if (parser.isSet(options.database)) {
        config.databasePath = parser.value(options.database);
    }
    for (const QString &origin : parser.values(options.allowOrigin)) {
        const QString normalized = normalizedOrigin(origin);
        if (normalized.isEmpty()) {
            return failure(result,
                           translate("Invalid origin \"%1\": expected scheme://host or "
                                     "scheme://host:port with http or https.")
                               .arg(origin));
        }
        config.allowedOrigins.append(normalized);
    }
    config.tlsCertificatePath = parser.value(options.tlsCertificate);
    config.tlsKeyPath = parser.value(options.tlsKey);
    if (config.tlsCertificatePath.isEmpty() != config.tlsKeyPath.isEmpty()) {
        return failure(result, translate("--tls-cert and --tls-key must be given together."));
    }
    for (const QString &path : {config.tlsCertificatePath, config.tlsKeyPath}) {
        if (!path.isEmpty() && !QFileInfo(path).isReadable()) {
            return failure(result,
                           translate("Cannot read \"%1\": the file is missing or not "
                                     "readable.")
                               .arg(path));
        }
    }
    result.headless = parser.isSet(options.headless);
    return result;
}

CommandLine applyForgetCertificate(const QStringList &positional, CommandLine result)
{
    result.command = CommandLine::Command::ForgetCertificate;
    if (positional.size() != 2) {
        return failure(result,
                       translate("'confab forget-certificate' takes one host and port, for "
                                 "example confab forget-certificate 192.168.1.20:8765."));
    }
    // Pins exist only for https, so an address without a scheme is read as https.
    const QString input = positional.at(1);
    const ServerUrl url = parseServerUrl(
        input.contains(QLatin1String("://")) ? input : QStringLiteral("https://") + input);
    if (!url.isValid()) {
        return failure(result, url.errorString);
    }
    if (url.url.scheme() != QLatin1String("https")) {
        return failure(result,
                       translate("Invalid address \"%1\": certificates are trusted only for "
                                 "https hosts.")
                           .arg(input));
    }
    result.certificateHostKey = CertificateTrustStore::hostKey(url.url);
    return result;
}

CommandLine applyCommand(const QCommandLineParser &parser, const Options &options,
                         CommandLine result)
{
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (command == QLatin1String("host")) {
        result.command = CommandLine::Command::Host;
        if (positional.size() > 1) {
            return failure(
                result,
                translate("Unexpected argument \"%1\" after 'host'.").arg(positional.at(1)));
        }
        return applyHostOptions(parser, options, result);
    }

    for (const QCommandLineOption &option : options.hostOnly()) {
        if (parser.isSet(option)) {
            return failure(result,
                           translate("--%1 is only valid with 'confab host'.")
                               .arg(option.names().constFirst()));
        }
    }
    if (command.isEmpty()) {
        return result;
    }
    if (command == QLatin1String("forget-certificate")) {
        return applyForgetCertificate(positional, result);
    }
    if (command != QLatin1String("join")) {
        return failure(result,
                       translate("Unknown command \"%1\": expected host, join or "
                                 "forget-certificate.")
                           .arg(command));
    }
    result.command = CommandLine::Command::Join;
    if (positional.size() != 2) {
        return failure(result,
                       translate("'confab join' takes one host address, for example "
                                 "confab join http://192.168.1.20:8765."));
    }
    const ServerUrl url = parseServerUrl(positional.at(1));
    if (!url.isValid()) {
        return failure(result, url.errorString);
    }
    result.joinUrl = url.url;
    return result;
}

} // namespace

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        translate("Confab: a self-hosted chat. Without a command, opens a window that offers to "
                  "host a chat or join one."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const Options options;
    parser.addOptions(options.hostOnly());
    parser.addPositionalArgument(QStringLiteral("command"),
                                 translate("host: host a chat on this machine. join URL: open "
                                           "the login form for the host at URL. "
                                           "forget-certificate HOST:PORT: remove the "
                                           "certificate you trusted for that https host, so "
                                           "the next connection asks again."),
                                 QStringLiteral("[host|join URL|forget-certificate HOST:PORT]"));

    CommandLine result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        return failure(result, parser.errorText());
    }
    if (parser.isSet(help)) {
        result.status = CommandLine::Status::Help;
        return result;
    }
    if (parser.isSet(version)) {
        result.status = CommandLine::Status::Version;
        return result;
    }
    return applyCommand(parser, options, result);
}

} // namespace confab::desktop
