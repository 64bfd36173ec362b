#include "httpreply.h"

#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>

namespace confab {

HttpReply::HttpReply(QHttpServerResponder &&responder)
    : m_responder(std::move(responder))
    , m_socket(m_responder.socket())
{}

void HttpReply::send(int status, const QByteArray &mimeType, const QByteArray &body,
                     const HeaderPairs &headers)
{
    if (m_sent || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    m_sent = true;
    QHttpServerResponse response(mimeType, body, QHttpServerResponse::StatusCode(status));
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : headers) {
        response.addHeader(name, value);
    }
    response.write(std::move(m_responder));
}

void HttpReply::sendJson(int status, const QByteArray &json, const HeaderPairs &headers)
{
    send(status, "application/json", json, headers);
}

void HttpReply::sendError(int status, const QString &error, const HeaderPairs &headers)
{
    sendJson(status,
             QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
                 .toJson(QJsonDocument::Compact),
             headers);
}

void HttpReply::sendEmpty(int status, const HeaderPairs &headers)
{
    send(status, QByteArray(), QByteArray(), headers);
}

} // namespace confab
