#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

// One HTTP/1.1 response read off a raw connection.
struct RawHttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case, in arrival order
    QByteArray body;

    QByteArray header(QByteArrayView lowerCaseName) const;
};

// Returns the complete responses at the start of `bytes`, in order. Each body is framed by its
// Content-Length (none means an empty body); a response not received in full is left out.
QList<RawHttpResponse> parseHttpResponses(QByteArrayView bytes);

// Returns the statuses of parseHttpResponses(bytes), for comparing with an expected list.
QList<int> httpStatuses(QByteArrayView bytes);

// Builds a request with "Host: 127.0.0.1:<port>", or "Host: 127.0.0.1" when `port` is 0.
// Each entry of `headerLines` is one "Name: value" line. Content-Length is added for a
// non-empty body unless a line already sets Content-Length or Transfer-Encoding.
QByteArray buildHttpRequest(QByteArrayView method, QByteArrayView target, quint16 port,
                            const QList<QByteArray> &headerLines = {},
                            QByteArrayView body = {});

// Builds a JSON login request for `username` and `password`.
QByteArray buildLoginRequest(quint16 port, const QString &username, const QString &password,
                             const QByteArray &cookie = {});
