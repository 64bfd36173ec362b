#include "serverurl.h"

#include <QCoreApplication>

namespace confab::desktop {

namespace {

ServerUrl failure(ServerUrl::Status status, const QString &message)
{
    ServerUrl result;
    result.status = status;
    result.errorString = message;
    return result;
}

QString translate(const char *text)
{
    return QCoreApplication::translate("confab::desktop::ServerUrl", text);
}

} // namespace

ServerUrl parseServerUrl(const QString &input)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty()) {
        return failure(ServerUrl::Status::Empty, translate("Enter the host address."));
    }
    const bool hasScheme = trimmed.contains(QStringLiteral("://"));
    QUrl url(hasScheme ? trimmed : QStringLiteral("http://") + trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        return failure(
            ServerUrl::Status::Invalid,
            translate("Invalid host address \"%1\": %2").arg(trimmed, url.errorString()));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("ws")) {
        url.setScheme(QStringLiteral("http"));
    } else if (scheme == QLatin1String("wss")) {
        url.setScheme(QStringLiteral("https"));
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return failure(ServerUrl::Status::UnsupportedScheme,
                       translate("Unsupported scheme \"%1\" in \"%2\": use http or https.")
                           .arg(url.scheme(), trimmed));
    }
    if (url.host().isEmpty()) {
        return failure(ServerUrl::Status::MissingHost,
                       translate("The host address \"%1\" has no host name.").arg(trimmed));
    }

    ServerUrl result;
    result.status = ServerUrl::Status::Valid;
    result.url.setScheme(url.scheme());
    result.url.setHost(url.host());
    result.url.setPort(url.port());
    return result;
}

QUrl apiUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl webSocketUrl(const QUrl &base)
{
    QUrl url = apiUrl(base, QStringLiteral("/ws"));
    url.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                          : QStringLiteral("ws"));
    return url;
}

} // namespace confab::desktop
