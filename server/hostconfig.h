#pragma once

#include "hostlimits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>

namespace confab {

// Settings of one host: where it listens, where its store lives, and who may connect.
struct HostConfig
{
    QHostAddress bindAddress{QHostAddress::LocalHost};
    quint16 port = 8765; // 0 picks a free port
    QString databasePath; // SQLite file; empty means the default under AppDataLocation
    QStringList allowedOrigins; // extra WebSocket origins, for example "https://chat.example.org"
    QString tlsCertificatePath; // PEM; with tlsKeyPath the host serves https and wss
    QString tlsKeyPath;
    std::chrono::seconds sessionLifetime{std::chrono::hours(24 * 14)};
    // WebSocket keep-alive: a ping every pingInterval; no pong within pongTimeout closes (4408).
    std::chrono::milliseconds pingInterval = limits::kPingInterval;
    std::chrono::milliseconds pongTimeout = limits::kPongTimeout;
    // Chat messages one user may send per kChatRateWindow, over all their connections.
    int chatMessagesPerWindow = limits::kChatMessagesPerWindow;
};

// Returns the SQLite file used when HostConfig::databasePath is empty.
QString defaultDatabasePath();

} // namespace confab
