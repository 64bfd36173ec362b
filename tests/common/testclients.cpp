#include "testclients.h"

#include <QJsonDocument>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray HttpResult::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QByteArray HttpResult::sessionCookie() const
{
    for (const QByteArray &line : setCookies) {
        if (line.startsWith("confab_sid=") && !line.startsWith("confab_sid=;")) {
            return line.split(';').first();
        }
    }
    return {};
}

namespace {

// QNetworkAccessManager's default jar would store Set-Cookie and send it back on its own.
class NoCookieJar : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
};

} // namespace

HttpClient::HttpClient()
{
    m_manager.setCookieJar(new NoCookieJar(&m_manager));
}

HttpResult HttpClient::finish(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(15000);
    }
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    for (const auto &[key, value] : result.headers) {
        if (key.compare("set-cookie", Qt::CaseInsensitive) == 0) {
            // QNetworkReply joins repeated Set-Cookie lines with '\n'.
            result.setCookies += value.split('\n');
        }
    }
    reply->deleteLater();
    return result;
}

QNetworkRequest HttpClient::makeRequest(const QUrl &url, const QByteArray &cookie) const
{
    QNetworkRequest request(url);
    if (!cookie.isEmpty()) {
        request.setRawHeader("Cookie", cookie);
    }
    if (m_ssl) {
        request.setSslConfiguration(*m_ssl);
    }
    return request;
}

HttpResult HttpClient::get(const QUrl &url, const QByteArray &cookie)
{
    return finish(m_manager.get(makeRequest(url, cookie)));
}

HttpResult HttpClient::post(const QUrl &url, const QByteArray &body,
                            const QByteArray &contentType, const QByteArray &cookie)
{
    QNetworkRequest request = makeRequest(url, cookie);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return finish(m_manager.post(request, body));
}

HttpResult HttpClient::postJson(const QUrl &url, const QJsonObject &object,
                                const QByteArray &cookie)
{
    return post(url, QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json",
                cookie);
}

QByteArray HttpClient::registerUser(const QUrl &base, const QString &username,
                                    const QString &password)
{
    QUrl url = base;
    url.setPath(QStringLiteral("/api/register"));
    return postJson(url, {{"username", username}, {"password", password}}).sessionCookie();
}

QByteArray HttpClient::login(const QUrl &base, const QString &username, const QString &password)
{
    QUrl url = base;
    url.setPath(QStringLiteral("/api/login"));
    return postJson(url, {{"username", username}, {"password", password}}).sessionCookie();
}

WsClient::WsClient(const QString &origin, QObject *parent)
    : QObject(parent)
    , m_socket(origin)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this] {
                m_lastError = m_socket.errorString();
                m_errorStrings.append(m_lastError);
            });
}

void WsClient::open(const QUrl &url, const QByteArray &cookie)
{
    QNetworkRequest request(url);
    if (!cookie.isEmpty()) {
        request.setRawHeader("Cookie", cookie);
    }
    m_disconnected = false;
    m_socket.open(request);
}

bool WsClient::openAndWait(const QUrl &url, const QByteArray &cookie, int timeoutMs)
{
    open(url, cookie);
    return QTest::qWaitFor([this] { return isConnected() || m_disconnected; }, timeoutMs)
        && isConnected();
}

bool WsClient::openAndWaitForWelcome(const QUrl &url, const QByteArray &cookie, int timeoutMs)
{
    return openAndWait(url, cookie, timeoutMs) && waitForFrame(QStringLiteral("welcome"), timeoutMs);
}

bool WsClient::waitForFrame(const QString &type, int timeoutMs)
{
    return waitFor([&type](const QJsonObject &frame) { return frame.value("type") == type; },
                   timeoutMs);
}

bool WsClient::waitFor(const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs,
                       int from)
{
    const auto found = [&] {
        for (int i = from; i < m_frames.size(); ++i) {
            if (predicate(m_frames.at(i))) {
                return true;
            }
        }
        return false;
    };
    return QTest::qWaitFor(found, timeoutMs);
}

bool WsClient::waitForDisconnect(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

void WsClient::sendChat(const QString &message)
{
    m_socket.sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject{{"type", "chat"}, {"message", message}})
            .toJson(QJsonDocument::Compact)));
}

QList<QJsonObject> WsClient::framesOfType(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &frame : m_frames) {
        if (frame.value("type") == type) {
            result.append(frame);
        }
    }
    return result;
}
