#include "hostserver.h"

#include "asyncstore.h"
#include "chathub.h"
#include "frontdoor.h"
#include "httpapi.h"
#include "logging.h"
#include "passwordhasher.h"
#include "sessionmanager.h"
#include "sqlstore.h"
#include "staticsite.h"
#include "websocketgateway.h"

#include <QFile>
#include <QHttpServer>
#include <QSslKey>
#include <QNetworkInterface>
#include <QStandardPaths>
#include <QTimer>

namespace confab {

namespace {

constexpr auto kExpiredSessionPurgeInterval = std::chrono::hours(1);

} // namespace

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/confab.sqlite");
}

class HostServerPrivate
{
public:
    explicit HostServerPrivate(HostConfig config)
        : config(std::move(config))
    {}

    bool start(HostServer *q);
    void stop();
    QUrl urlFor(const QHostAddress &address) const;

    HostConfig config;
    QString errorString;
    bool secure = false;
    std::unique_ptr<AsyncStore> store;
    std::unique_ptr<PasswordHasher> hasher;
    std::unique_ptr<SessionManager> sessions;
    std::unique_ptr<ChatHub> hub;
    std::unique_ptr<HttpApi> api;
    std::unique_ptr<StaticSite> site;
    std::unique_ptr<QHttpServer> http;
    FrontDoor *frontDoor = nullptr; // owned by http
    std::unique_ptr<WebSocketGateway> gateway;
    std::unique_ptr<QTimer> purgeTimer;
};

namespace {

std::optional<QSslConfiguration> loadTlsConfiguration(const HostConfig &config,
                                                      QString *errorString)
{
    QFile certificateFile(config.tlsCertificatePath);
    QFile keyFile(config.tlsKeyPath);
    if (!certificateFile.open(QIODevice::ReadOnly)) {
        *errorString = QStringLiteral("cannot read the TLS certificate %1: %2")
                           .arg(config.tlsCertificatePath, certificateFile.errorString());
        return std::nullopt;
    }
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *errorString = QStringLiteral("cannot read the TLS key %1: %2")
                           .arg(config.tlsKeyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll());
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa);
    if (key.isNull()) {
        key = QSslKey(keyPem, QSsl::Ec);
    }
    if (chain.isEmpty() || key.isNull()) {
        *errorString = chain.isEmpty()
            ? QStringLiteral("%1 holds no PEM certificate").arg(config.tlsCertificatePath)
            : QStringLiteral("%1 holds no unencrypted PEM RSA or EC key").arg(config.tlsKeyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with the cookie
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

} // namespace

bool HostServerPrivate::start(HostServer *q)
{
    std::optional<QSslConfiguration> tls;
    if (!config.tlsCertificatePath.isEmpty() || !config.tlsKeyPath.isEmpty()) {
        if (config.tlsCertificatePath.isEmpty() || config.tlsKeyPath.isEmpty()) {
            errorString = QStringLiteral("TLS needs both a certificate and a key file");
            return false;
        }
        tls = loadTlsConfiguration(config, &errorString);
        if (!tls) {
            return false;
        }
    }
    secure = tls.has_value();
    if (config.databasePath.isEmpty()) {
        config.databasePath = defaultDatabasePath();
    }
    store = std::make_unique<AsyncStore>(std::make_unique<SqlStore>(config.databasePath));
    if (!store->open(&errorString)) {
        store.reset();
        return false;
    }
    hasher = std::make_unique<PasswordHasher>();
    sessions = std::make_unique<SessionManager>(store.get(), config.sessionLifetime);
    hub = std::make_unique<ChatHub>(store.get(), config.sessionLifetime,
                                    config.chatMessagesPerWindow);
    hub->setPingTiming(config.pingInterval, config.pongTimeout);
    api = std::make_unique<HttpApi>(
        HttpApi::Services{store.get(), sessions.get(), hasher.get(), hub.get(), secure});
    site = std::make_unique<StaticSite>();
    gateway = std::make_unique<WebSocketGateway>(sessions.get(), hub.get(), secure,
                                                 config.allowedOrigins);

    http = std::make_unique<QHttpServer>();
    api->registerRoutes(*http);
    http->setMissingHandler([site = site.get()](const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
        site->handle(request, std::move(responder));
    });
    frontDoor = new FrontDoor(config.allowedOrigins, http.get());
    if (tls) {
        frontDoor->setTlsConfiguration(*tls);
    }
    QObject::connect(frontDoor, &FrontDoor::webSocketRequested, gateway.get(),
                     &WebSocketGateway::handleRequest);
    if (!frontDoor->listen(config.bindAddress, config.port)) {
        errorString = QStringLiteral("cannot listen on %1 port %2: %3")
                          .arg(config.bindAddress.toString())
                          .arg(config.port)
                          .arg(frontDoor->errorString());
        stop();
        return false;
    }
    http->bind(frontDoor);

    purgeTimer = std::make_unique<QTimer>();
    purgeTimer->setInterval(kExpiredSessionPurgeInterval);
    QObject::connect(purgeTimer.get(), &QTimer::timeout, q, [this] {
        store->run<int>(
            hub.get(),
            [](Store &s) { return s.deleteExpiredSessions(QDateTime::currentDateTimeUtc()); },
            [](const StoreResult<int> &result) {
                if (result.ok() && result.value > 0) {
                    qCInfo(lcStore) << "deleted" << result.value << "expired sessions";
                }
            });
    });
    purgeTimer->start();
    return true;
}

void HostServerPrivate::stop()
{
    if (hub) {
        hub->closeAll();
    }
    if (frontDoor) {
        frontDoor->close();
    }
    purgeTimer.reset();
    if (hasher) {
        hasher->waitForDone();
    }
    if (store) {
        store->shutdown();
    }
    gateway.reset();
    http.reset();
    frontDoor = nullptr;
    site.reset();
    api.reset();
    hub.reset();
    sessions.reset();
    hasher.reset();
    store.reset();
}

QUrl HostServerPrivate::urlFor(const QHostAddress &address) const
{
    QUrl url;
    url.setScheme(secure ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(address.toString());
    url.setPort(frontDoor ? frontDoor->serverPort() : config.port);
    return url;
}

HostServer::HostServer(HostConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<HostServerPrivate>(std::move(config)))
{}

HostServer::~HostServer()
{
    stop();
}

bool HostServer::start()
{
    if (isListening()) {
        return true;
    }
    if (!d->start(this)) {
        qCWarning(lcHost) << "host failed to start:" << d->errorString;
        emit failed(d->errorString);
        return false;
    }
    qCInfo(lcHost) << "host listening on" << localUrl().toString() << "sharing"
                   << shareUrl().toString() << "database" << d->config.databasePath;
    emit started(shareUrl(), localUrl());
    return true;
}

void HostServer::stop()
{
    if (!d->store) {
        return;
    }
    d->stop();
    qCInfo(lcHost) << "host stopped";
    emit stopped();
}

void HostServer::kickUser(const QString &username)
{
    if (!d->store) {
        emit kickFailed(username, QStringLiteral("the host is not running"));
        return;
    }
    struct Kicked
    {
        qint64 userId = 0;
        int sessions = 0;
    };
    d->store->run<Kicked>(
        this,
        [username](Store &store) {
            const StoreResult<UserRecord> user = store.findUser(username);
            if (!user.ok()) {
                return StoreResult<Kicked>{user.status, {}};
            }
            const StoreResult<int> deleted = store.deleteSessionsOfUser(user.value.id);
            return StoreResult<Kicked>{deleted.status, {user.value.id, deleted.value}};
        },
        [this, username](const StoreResult<Kicked> &result) {
            if (!result.ok()) {
                emit kickFailed(username, result.status == StoreStatus::NotFound
                                    ? QStringLiteral("no such user")
                                    : QStringLiteral("the database is unavailable"));
                return;
            }
            if (d->hub) {
                d->hub->closeUser(result.value.userId);
            }
            qCInfo(lcHost) << "kicked user" << result.value.userId << "ending"
                           << result.value.sessions << "sessions";
            emit userKicked(username, result.value.sessions);
        });
}

bool HostServer::isListening() const
{
    return d->frontDoor && d->frontDoor->isListening();
}

quint16 HostServer::port() const
{
    return d->frontDoor ? d->frontDoor->serverPort() : 0;
}

QUrl HostServer::shareUrl() const
{
    const QHostAddress bound = d->config.bindAddress;
    if (bound != QHostAddress::Any && bound != QHostAddress::AnyIPv4
        && bound != QHostAddress::AnyIPv6) {
        return d->urlFor(bound);
    }
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol) {
            return d->urlFor(address);
        }
    }
    return localUrl();
}

QUrl HostServer::localUrl() const
{
    const QHostAddress bound = d->config.bindAddress;
    if (bound == QHostAddress::Any || bound == QHostAddress::AnyIPv4) {
        return d->urlFor(QHostAddress(QHostAddress::LocalHost));
    }
    if (bound == QHostAddress::AnyIPv6) {
        return d->urlFor(QHostAddress(QHostAddress::LocalHostIPv6));
    }
    return d->urlFor(bound);
}

QString HostServer::errorString() const
{
    return d->errorString;
}

const HostConfig &HostServer::config() const
{
    return d->config;
}

} // namespace confab
