#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

// The outcome of one HTTP request made with a real QNetworkAccessManager.
struct HttpResult
{
    int status = 0; // 0 when the request failed below HTTP
    QByteArray body;
    QList<QByteArray> setCookies; // every Set-Cookie line, raw
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject json() const;
    QJsonArray jsonArray() const;
    QByteArray header(const QByteArray &name) const;
    // Returns "confab_sid=<value>" from the Set-Cookie lines, or an empty array.
    QByteArray sessionCookie() const;
};

// Sends requests without a cookie jar, so that each test sets the cookie it sends.
class HttpClient
{
public:
    HttpClient();

    // Applied to every request, for example to trust a test certificate.
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }

    HttpResult get(const QUrl &url, const QByteArray &cookie = {});
    HttpResult post(const QUrl &url, const QByteArray &body, const QByteArray &contentType,
                    const QByteArray &cookie = {});
    HttpResult postJson(const QUrl &url, const QJsonObject &object, const QByteArray &cookie = {});
    // Registers or logs in and returns the "confab_sid=..." cookie (empty on failure).
    QByteArray registerUser(const QUrl &base, const QString &username, const QString &password);
    QByteArray login(const QUrl &base, const QString &username, const QString &password);

private:
    HttpResult finish(QNetworkReply *reply);
    QNetworkRequest makeRequest(const QUrl &url, const QByteArray &cookie) const;

    QNetworkAccessManager m_manager;
    std::optional<QSslConfiguration> m_ssl;
};

// A QWebSocket that records every frame, for tests to wait on.
class WsClient : public QObject
{
    Q_OBJECT

public:
    explicit WsClient(const QString &origin = {}, QObject *parent = nullptr);

    void open(const QUrl &url, const QByteArray &cookie);
    // Waits until connected (true) or refused/closed (false).
    bool openAndWait(const QUrl &url, const QByteArray &cookie, int timeoutMs = 5000);
    // Opens the socket and waits for the host's welcome frame.
    bool openAndWaitForWelcome(const QUrl &url, const QByteArray &cookie, int timeoutMs = 5000);
    bool waitForFrame(const QString &type, int timeoutMs = 5000);
    // Waits for a frame matching `predicate` that arrived after `from` frames.
    bool waitFor(const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs = 5000,
                 int from = 0);
    bool waitForDisconnect(int timeoutMs = 5000);
    void sendChat(const QString &message);

    QList<QJsonObject> frames() const { return m_frames; }
    QList<QJsonObject> framesOfType(const QString &type) const;
    QWebSocket &socket() { return m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasDisconnected() const { return m_disconnected; }
    QString lastError() const { return m_lastError; }
    // The errorString() of every error signal, oldest first.
    QStringList errorStrings() const { return m_errorStrings; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    bool m_disconnected = false;
    QString m_lastError;
    QStringList m_errorStrings;
};
