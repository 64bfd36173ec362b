#pragma once

#include "hostserver.h"

#include <QTemporaryDir>
#include <QUrl>

#include <chrono>
#include <memory>

// A real confab::HostServer on 127.0.0.1, port 0, with its SQLite file in a temporary folder
// that goes away with the fixture. It lives on the test's thread.
class HostFixture
{
public:
    static confab::HostConfig testConfig(const QTemporaryDir &dir)
    {
        confab::HostConfig config;
        config.bindAddress = QHostAddress(QHostAddress::LocalHost);
        config.port = 0;
        config.databasePath = dir.filePath(QStringLiteral("confab.sqlite"));
        return config;
    }

    bool start(std::chrono::seconds sessionLifetime = std::chrono::hours(24))
    {
        if (!m_dir.isValid()) {
            return false;
        }
        confab::HostConfig config = testConfig(m_dir);
        config.sessionLifetime = sessionLifetime;
        m_server = std::make_unique<confab::HostServer>(config);
        return m_server->start();
    }

    confab::HostServer *server() const { return m_server.get(); }
    QUrl url() const { return m_server ? m_server->localUrl() : QUrl(); }
    const QTemporaryDir &dir() const { return m_dir; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<confab::HostServer> m_server;
};
