#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace confab {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// A QHttpServerResponder kept alive across asynchronous work. The socket may close before the
// work is done; send() then does nothing. Every response carries the headers that tell
// browsers not to sniff, cache or leak a referrer.
class HttpReply
{
public:
    explicit HttpReply(QHttpServerResponder &&responder);

    void sendJson(int status, const QByteArray &json, const HeaderPairs &headers = {});
    void sendError(int status, const QString &error, const HeaderPairs &headers = {});
    void sendEmpty(int status, const HeaderPairs &headers = {});
    void send(int status, const QByteArray &mimeType, const QByteArray &body,
              const HeaderPairs &headers);

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_sent = false;
};

using Reply = std::shared_ptr<HttpReply>;

inline Reply makeReply(QHttpServerResponder &&responder)
{
    return std::make_shared<HttpReply>(std::move(responder));
}

} // namespace confab
