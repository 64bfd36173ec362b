#pragma once

#include "hostserver.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A real confab::HostServer on 127.0.0.1 with a free port and a SQLite file in a temporary
// folder that is removed with the TestHost. restart() keeps the file, for persistence tests.
class TestHost
{
public:
    TestHost();
    explicit TestHost(confab::HostConfig config);
    ~TestHost();

    bool start();
    void stop();
    bool restart();

    confab::HostServer *server() const { return m_server.get(); }
    confab::HostConfig &config() { return m_config; }
    QUrl url(const QString &path = {}) const;
    QUrl wsUrl() const;
    quint16 port() const { return m_port; }
    QString databasePath() const { return m_config.databasePath; }

private:
    QTemporaryDir m_dir;
    confab::HostConfig m_config;
    std::unique_ptr<confab::HostServer> m_server;
    quint16 m_port = 0;
};
