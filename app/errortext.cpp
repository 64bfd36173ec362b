#include "errortext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace confab::desktop {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("confab::desktop::ChatClient", text);
}

QString hostErrorText(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    return object.value(QLatin1String("error")).toString();
}

QString hostAndPort(const QNetworkReply *reply)
{
    const QUrl url = reply->url();
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

QString networkErrorText(QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return translate("Connection to %1 was refused. Check the address and that the host is "
                         "running.")
            .arg(hostAndPort(reply));
    case QNetworkReply::HostNotFoundError:
        return translate("Host %1 not found. Check the address.").arg(reply->url().host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return translate("Connection to %1 timed out. Check the address and your network.")
            .arg(hostAndPort(reply));
    case QNetworkReply::RemoteHostClosedError:
        return translate("%1 closed the connection before replying. Is it a Confab host?")
            .arg(hostAndPort(reply));
    case QNetworkReply::SslHandshakeFailedError:
        return translate("Secure connection to %1 failed: %2")
            .arg(hostAndPort(reply), reply->errorString());
    default:
        return translate("Request to %1 failed: %2").arg(hostAndPort(reply), reply->errorString());
    }
}

} // namespace

QString replyErrorText(QNetworkReply *reply, const QByteArray &body)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        return networkErrorText(reply);
    }
    const QString hostText = hostErrorText(body);
    switch (status.toInt()) {
    case 400:
        return hostText.isEmpty() ? translate("The host rejected the request as invalid.")
                                  : hostText;
    case 401:
        return translate("Wrong username or password.");
    case 409:
        return translate("That username is taken. Choose another one.");
    case 413:
        return translate("The request was too large for the host.");
    case 429: {
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").toInt(&ok);
        if (ok && seconds > 0) {
            return QCoreApplication::translate("confab::desktop::ChatClient",
                                               "Too many login attempts. Try again in %n "
                                               "second(s).",
                                               nullptr, seconds);
        }
        return translate("Too many login attempts. Try again later.");
    }
    case 503:
        return translate("The host is busy or its database is unavailable. Try again shortly.");
    default:
        return translate("The host replied with HTTP status %1%2")
            .arg(status.toInt())
            .arg(hostText.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + hostText);
    }
}

QString closeCodeText(int code, const QString &reason)
{
    switch (code) {
    case 1000:
        return translate("The host shut down.");
    case 1009:
        return translate("The host closed the connection: a message was larger than it accepts.");
    case 1006:
        return translate("The connection to the host was lost.");
    case kCloseSessionEnded:
        return translate("Your session ended. Log in again.");
    case 4408:
        return translate("The host closed the connection because pings went unanswered.");
    case 4429:
        return translate("The host closed the connection because messages came too fast.");
    default:
        if (reason.isEmpty()) {
            return translate("The connection closed (code %1).").arg(code);
        }
        return translate("The connection closed (code %1): %2").arg(code).arg(reason);
    }
}

} // namespace confab::desktop
