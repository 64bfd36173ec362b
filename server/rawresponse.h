#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

class QTcpSocket;

namespace confab {

// Writes a complete HTTP/1.1 error response with a JSON body and closes the connection once
// it is sent. Used where QHttpServer is not involved: requests rejected before they reach it,
// and refused WebSocket handshakes.
void writeErrorAndClose(QTcpSocket *socket, int status, const QString &error,
                        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

// Half-closes the connection once everything written is sent, discards further input for a
// bounded time and size, then closes it.
void lingerAndClose(QTcpSocket *socket);

// Returns the reason phrase for the statuses the host sends itself.
QByteArray reasonPhrase(int status);

} // namespace confab
