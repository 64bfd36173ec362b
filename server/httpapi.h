#pragma once

#include "httpreply.h"
#include "ratelimiter.h"
#include "store.h"

#include <QObject>

class QHttpServer;
class QHttpServerRequest;

namespace confab {

class AsyncStore;
class ChatHub;
class PasswordHasher;
class SessionManager;
struct Credentials;

// The JSON API under /api: register, login, logout, me, users and messages. Handlers never
// block: store work goes to the AsyncStore, password work to the PasswordHasher, and the
// response is written when the last step comes back.
class HttpApi : public QObject
{
    Q_OBJECT

public:
    struct Services
    {
        AsyncStore *store = nullptr;
        SessionManager *sessions = nullptr;
        PasswordHasher *hasher = nullptr;
        ChatHub *hub = nullptr;
        bool secure = false; // https: cookies get Secure
    };

    HttpApi(Services services, QObject *parent = nullptr);

    void registerRoutes(QHttpServer &server);

    // The API paths with the one method each accepts, for 405 responses.
    static QByteArray allowedMethod(const QByteArray &path);

private:
    void registerUser(const QHttpServerRequest &request, Reply reply);
    void login(const QHttpServerRequest &request, Reply reply);
    void logout(const QHttpServerRequest &request, Reply reply);
    void me(const QHttpServerRequest &request, Reply reply);
    void users(const QHttpServerRequest &request, Reply reply);
    void messages(const QHttpServerRequest &request, Reply reply);

    void createUser(const Credentials &credentials, Reply reply);
    void verifyLogin(const Credentials &credentials, const UserRecord &user, bool known,
                     Reply reply);
    // Issues a new session and responds with its cookie.
    void startSession(const UserRecord &user, int status, Reply reply);
    // Runs `next` with the signed-in user, or responds with 401 or 503 itself.
    void requireSession(const QHttpServerRequest &request, Reply reply,
                        std::function<void(const SessionRecord &)> next);
    // Ends the session a request carried, if any, so a new login never inherits it.
    void endCarriedSession(const QHttpServerRequest &request);
    // Sends 429 with Retry-After and returns false when a limiter is out of tokens.
    bool admit(RateLimiter &limiter, const QString &key, const Reply &reply);

    Services m_services;
    RateLimiter m_attemptsPerAddress;
    RateLimiter m_loginsPerUsername;
};

} // namespace confab
