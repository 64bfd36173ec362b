#pragma once

#include "hostconfig.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace confab {

class HostServerPrivate;

// The embedded Confab host: the HTTP API, the browser page and the /ws WebSocket endpoint on
// one port, backed by one SQL store. It lives on one thread: create it there (or move it there
// before start()) and talk to it from other threads only through queued calls and signals.
class HostServer : public QObject
{
    Q_OBJECT

public:
    explicit HostServer(HostConfig config, QObject *parent = nullptr);
    ~HostServer() override;

    // Opens the store and starts listening. Emits started() or failed() as well as returning,
    // so a caller on another thread can invoke it with a queued call.
    Q_INVOKABLE bool start();
    // Closes every WebSocket with code 1000, stops listening and closes the store.
    Q_INVOKABLE void stop();
    // Deletes every session of a user and closes their sockets with code 4401. Emits
    // userKicked() with the number of sessions ended, or failed to find the user.
    Q_INVOKABLE void kickUser(const QString &username);

    bool isListening() const;
    quint16 port() const;
    // The address to give people who want to join, for example http://192.168.1.20:8765.
    QUrl shareUrl() const;
    // The address this machine itself connects to (loopback when bound to every interface).
    QUrl localUrl() const;
    QString errorString() const;
    const HostConfig &config() const;

signals:
    void started(const QUrl &shareUrl, const QUrl &localUrl);
    void failed(const QString &errorString);
    void stopped();
    void userKicked(const QString &username, int sessions);
    void kickFailed(const QString &username, const QString &errorString);

private:
    std::unique_ptr<HostServerPrivate> d;
};

} // namespace confab
