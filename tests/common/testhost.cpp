#include "testhost.h"

TestHost::TestHost()
    : TestHost(confab::HostConfig{})
{}

TestHost::TestHost(confab::HostConfig config)
    : m_config(std::move(config))
{
    m_config.bindAddress = QHostAddress(QHostAddress::LocalHost);
    m_config.port = 0;
    if (m_config.databasePath.isEmpty()) {
        m_config.databasePath = m_dir.filePath(QStringLiteral("confab.sqlite"));
    }
}

TestHost::~TestHost()
{
    stop();
}

bool TestHost::start()
{
    // A restart reuses the port, so clients that saved the URL can reconnect.
    confab::HostConfig config = m_config;
    config.port = m_port;
    m_server = std::make_unique<confab::HostServer>(config);
    if (!m_server->start()) {
        qWarning("test host failed to start: %s", qPrintable(m_server->errorString()));
        return false;
    }
    m_port = m_server->port();
    return true;
}

void TestHost::stop()
{
    m_server.reset();
}

bool TestHost::restart()
{
    stop();
    return start();
}

QUrl TestHost::url(const QString &path) const
{
    QUrl result;
    const bool secure = !m_config.tlsCertificatePath.isEmpty();
    result.setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    result.setHost(QStringLiteral("127.0.0.1"));
    result.setPort(m_port);
    result.setPath(path.isEmpty() ? QStringLiteral("/") : path);
    return result;
}

QUrl TestHost::wsUrl() const
{
    QUrl result = url(QStringLiteral("/ws"));
    result.setScheme(result.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                                : QStringLiteral("ws"));
    return result;
}
