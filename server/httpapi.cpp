#include "httpapi.h"

#include "asyncstore.h"
#include "chatframe.h"
#include "chathub.h"
#include "cookies.h"
#include "credentials.h"
#include "hostlimits.h"
#include "logging.h"
#include "passwordhasher.h"
#include "sessionmanager.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace confab {

namespace {

using Method = QHttpServerRequest::Method;

QByteArray usernameJson(const QString &username)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), username}})
        .toJson(QJsonDocument::Compact);
}

void sendUnavailable(const Reply &reply)
{
    reply->sendError(503, QStringLiteral("the host is busy or its database is unavailable; "
                                         "try again shortly"),
                     {{"Retry-After", "1"}});
}

void sendBusy(const Reply &reply)
{
    reply->sendError(503, QStringLiteral("too many sign-ins in progress; try again shortly"),
                     {{"Retry-After", "1"}});
}

// Parses a positive integer query value within [1, max]; `fallback` when it is absent.
std::optional<qint64> boundedQueryValue(const QUrlQuery &query, const QString &key,
                                        qint64 fallback, qint64 max)
{
    if (!query.hasQueryItem(key)) {
        return fallback;
    }
    bool ok = false;
    const qint64 value = query.queryItemValue(key).toLongLong(&ok);
    if (!ok || value < 1 || value > max) {
        return std::nullopt;
    }
    return value;
}

} // namespace

HttpApi::HttpApi(Services services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_attemptsPerAddress(limits::kAuthAttemptsPerAddress, limits::kAuthRateWindow,
                           limits::kMaxRateLimitKeys)
    , m_loginsPerUsername(limits::kLoginAttemptsPerUsername, limits::kAuthRateWindow,
                          limits::kMaxRateLimitKeys)
{}

bool HttpApi::admit(RateLimiter &limiter, const QString &key, const Reply &reply)
{
    const auto wait = limiter.take(key);
    if (!wait) {
        return true;
    }
    const qint64 seconds = std::max<qint64>(1, (wait->count() + 999) / 1000);
    qCInfo(lcAuth) << "rate limited sign-in attempts, retry after" << seconds << "s";
    reply->sendError(429, QStringLiteral("too many attempts; try again in %1 seconds").arg(seconds),
                     {{"Retry-After", QByteArray::number(seconds)}});
    return false;
}

QByteArray HttpApi::allowedMethod(const QByteArray &path)
{
    if (path == "/api/register" || path == "/api/login" || path == "/api/logout") {
        return "POST";
    }
    if (path == "/api/me" || path == "/api/users" || path == "/api/messages") {
        return "GET";
    }
    return {};
}

void HttpApi::registerRoutes(QHttpServer &server)
{
    using Handler = void (HttpApi::*)(const QHttpServerRequest &, Reply);
    const auto add = [this, &server](const char *path, Method method, Handler handler) {
        server.route(QString::fromLatin1(path), method,
                     [this, handler](const QHttpServerRequest &request,
                                     QHttpServerResponder &&responder) {
                         (this->*handler)(request, makeReply(std::move(responder)));
                     });
    };
    add("/api/register", Method::Post, &HttpApi::registerUser);
    add("/api/login", Method::Post, &HttpApi::login);
    add("/api/logout", Method::Post, &HttpApi::logout);
    add("/api/me", Method::Get, &HttpApi::me);
    add("/api/users", Method::Get, &HttpApi::users);
    add("/api/messages", Method::Get, &HttpApi::messages);
}

void HttpApi::registerUser(const QHttpServerRequest &request, Reply reply)
{
    if (!admit(m_attemptsPerAddress, request.remoteAddress().toString(), reply)) {
        return;
    }
    const CredentialsParse parse =
        parseCredentials(request.value("content-type"), request.body());
    if (parse.status != BodyStatus::Ok) {
        reply->sendError(parse.status == BodyStatus::UnsupportedMediaType ? 415 : 400,
                         parse.error);
        return;
    }
    const Credentials &credentials = parse.credentials;
    QString rule = validateUsername(credentials.username);
    if (rule.isEmpty()) {
        rule = validatePassword(credentials.password);
    }
    if (!rule.isEmpty()) {
        reply->sendError(400, rule);
        return;
    }
    endCarriedSession(request);
    createUser(credentials, reply);
}

void HttpApi::createUser(const Credentials &credentials, Reply reply)
{
    const QString username = credentials.username;
    const bool queued = m_services.hasher->hash(
        this, credentials.password, [this, username, reply](const QByteArray &hash) {
            if (hash.isEmpty()) {
                sendUnavailable(reply);
                return;
            }
            m_services.store->run<UserRecord>(
                this, [username, hash](Store &store) { return store.createUser(username, hash); },
                [this, username, reply](const StoreResult<UserRecord> &result) {
                    if (result.status == StoreStatus::Conflict) {
                        reply->sendError(409, QStringLiteral("username is taken"));
                        return;
                    }
                    if (!result.ok()) {
                        sendUnavailable(reply);
                        return;
                    }
                    qCInfo(lcAuth) << "registered user" << result.value.id;
                    startSession(result.value, 201, reply);
                });
        });
    if (!queued) {
        sendBusy(reply);
    }
}

void HttpApi::login(const QHttpServerRequest &request, Reply reply)
{
    if (!admit(m_attemptsPerAddress, request.remoteAddress().toString(), reply)) {
        return;
    }
    const CredentialsParse parse =
        parseCredentials(request.value("content-type"), request.body());
    if (parse.status != BodyStatus::Ok) {
        reply->sendError(parse.status == BodyStatus::UnsupportedMediaType ? 415 : 400,
                         parse.error);
        return;
    }
    // Limited by name too, so that guesses spread over many addresses still slow down.
    // The name is cut to one past the longest valid name so that keys stay small.
    const QString nameKey =
        usernameKey(parse.credentials.username.left(limits::kMaxUsernameLength + 1));
    if (!admit(m_loginsPerUsername, nameKey, reply)) {
        return;
    }
    endCarriedSession(request);
    const Credentials credentials = parse.credentials;
    m_services.store->run<UserRecord>(
        this, [username = credentials.username](Store &store) { return store.findUser(username); },
        [this, credentials, reply](const StoreResult<UserRecord> &result) {
            if (result.status == StoreStatus::Unavailable) {
                sendUnavailable(reply);
                return;
            }
            verifyLogin(credentials, result.value, result.ok(), reply);
        });
}

void HttpApi::verifyLogin(const Credentials &credentials, const UserRecord &user, bool known,
                          Reply reply)
{
    // An unknown user is checked against a dummy hash, so both failures take as long.
    const std::optional<QByteArray> storedHash =
        known ? std::optional<QByteArray>(user.passwordHash) : std::nullopt;
    const bool queued = m_services.hasher->verify(
        this, storedHash, credentials.password, [this, user, reply](bool matches) {
            if (!matches) {
                if (user.id) {
                    qCInfo(lcAuth) << "failed login for user" << user.id;
                } else {
                    qCInfo(lcAuth) << "failed login for an unknown username";
                }
                reply->sendError(401, QStringLiteral("invalid username or password"));
                return;
            }
            startSession(user, 200, reply);
        });
    if (!queued) {
        sendBusy(reply);
    }
}

void HttpApi::startSession(const UserRecord &user, int status, Reply reply)
{
    const bool secure = m_services.secure;
    const auto lifetime = m_services.sessions->lifetime();
    m_services.sessions->create(
        user.id, [user, status, reply, secure, lifetime](StoreStatus result, const QByteArray &token) {
            if (result != StoreStatus::Ok) {
                sendUnavailable(reply);
                return;
            }
            reply->sendJson(status, usernameJson(user.username),
                            {{"Set-Cookie", cookies::sessionCookie(token, lifetime, secure)}});
        });
}

void HttpApi::endCarriedSession(const QHttpServerRequest &request)
{
    const QByteArray tokenHash =
        SessionManager::tokenHashFromCookieHeader(request.value("cookie"));
    if (!tokenHash.isEmpty()) {
        m_services.sessions->end(tokenHash, [](StoreStatus) {});
    }
}

void HttpApi::logout(const QHttpServerRequest &request, Reply reply)
{
    const HeaderPairs expire{{"Set-Cookie", cookies::expiredSessionCookie(m_services.secure)}};
    const QByteArray tokenHash =
        SessionManager::tokenHashFromCookieHeader(request.value("cookie"));
    if (tokenHash.isEmpty()) {
        reply->sendEmpty(204, expire);
        return;
    }
    m_services.sessions->end(tokenHash, [reply, expire](StoreStatus status) {
        if (status == StoreStatus::Unavailable) {
            // The sockets are closed already, but the row could not be deleted: the client
            // must retry so the cookie really stops working.
            sendUnavailable(reply);
            return;
        }
        reply->sendEmpty(204, expire);
    });
}

void HttpApi::requireSession(const QHttpServerRequest &request, Reply reply,
                             std::function<void(const SessionRecord &)> next)
{
    m_services.sessions->authenticate(
        request.value("cookie"), [reply, next](const SessionManager::Lookup &lookup) {
            switch (lookup.status) {
            case StoreStatus::Ok:
                next(lookup.session);
                return;
            case StoreStatus::Unavailable:
                sendUnavailable(reply);
                return;
            case StoreStatus::NotFound:
            case StoreStatus::Conflict:
                reply->sendError(401, QStringLiteral("not signed in"));
                return;
            }
        });
}

void HttpApi::me(const QHttpServerRequest &request, Reply reply)
{
    requireSession(request, reply, [reply](const SessionRecord &session) {
        reply->sendJson(200, usernameJson(session.username));
    });
}

void HttpApi::users(const QHttpServerRequest &request, Reply reply)
{
    requireSession(request, reply, [this, reply](const SessionRecord &) {
        reply->sendJson(200, usersJson(m_services.hub->onlineUsers()));
    });
}

void HttpApi::messages(const QHttpServerRequest &request, Reply reply)
{
    // Signed-in first, so that a caller without a session learns nothing from the validation.
    requireSession(request, reply, [this, reply, url = request.url()](const SessionRecord &) {
        const QUrlQuery query(url);
        const auto limit = boundedQueryValue(query, QStringLiteral("limit"),
                                             limits::kDefaultHistoryPage, limits::kMaxHistoryPage);
        const auto before = boundedQueryValue(query, QStringLiteral("before"), 0,
                                              std::numeric_limits<qint64>::max());
        if (!limit || !before) {
            reply->sendError(400, QStringLiteral("limit must be 1 to %1 and before a positive "
                                                 "message id")
                                      .arg(limits::kMaxHistoryPage));
            return;
        }
        m_services.store->run<QList<ChatMessage>>(
            this,
            [limit, before](Store &store) { return store.messagesBefore(*before, int(*limit)); },
            [reply](const StoreResult<QList<ChatMessage>> &result) {
                if (!result.ok()) {
                    sendUnavailable(reply);
                    return;
                }
                reply->sendJson(200, messagesJson(result.value));
            });
    });
}

} // namespace confab
