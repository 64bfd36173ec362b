#include "sessionmanager.h"

#include "asyncstore.h"
#include "cookies.h"
#include "logging.h"
#include "sessiontoken.h"

namespace confab {

SessionManager::SessionManager(AsyncStore *store, std::chrono::seconds lifetime, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_lifetime(lifetime)
{}

QByteArray SessionManager::tokenHashFromCookieHeader(const QByteArray &cookieHeader)
{
    const std::optional<QByteArray> token = cookies::find(cookieHeader, kSessionCookieName);
    if (!token || !sessiontoken::isWellFormed(*token)) {
        return {};
    }
    return sessiontoken::hash(*token);
}

void SessionManager::authenticate(const QByteArray &cookieHeader,
                                  std::function<void(const Lookup &)> done)
{
    const QByteArray tokenHash = tokenHashFromCookieHeader(cookieHeader);
    if (tokenHash.isEmpty()) {
        done(Lookup{});
        return;
    }
    const auto lifetime = m_lifetime;
    m_store->run<SessionRecord>(
        this,
        [tokenHash, lifetime](Store &store) {
            return store.findSession(tokenHash, QDateTime::currentDateTimeUtc(), lifetime);
        },
        [tokenHash, done](const StoreResult<SessionRecord> &result) {
            done(Lookup{result.status, result.value, tokenHash});
        });
}

void SessionManager::create(qint64 userId,
                            std::function<void(StoreStatus, const QByteArray &)> done)
{
    const QByteArray token = sessiontoken::generate();
    const QByteArray tokenHash = sessiontoken::hash(token);
    const QDateTime expiresAt = QDateTime::currentDateTimeUtc().addSecs(m_lifetime.count());
    m_store->run<bool>(
        this,
        [tokenHash, userId, expiresAt](Store &store) {
            const StoreStatus status = store.createSession(tokenHash, userId, expiresAt);
            return StoreResult<bool>{status, status == StoreStatus::Ok};
        },
        [token, userId, done](const StoreResult<bool> &result) {
            if (result.ok()) {
                qCInfo(lcAuth) << "session created for user" << userId;
            }
            done(result.status, result.ok() ? token : QByteArray());
        });
}

void SessionManager::end(const QByteArray &tokenHash, std::function<void(StoreStatus)> done)
{
    emit sessionEnded(tokenHash);
    m_store->run<bool>(
        this,
        [tokenHash](Store &store) {
            const StoreStatus status = store.deleteSession(tokenHash);
            return StoreResult<bool>{status, status == StoreStatus::Ok};
        },
        [done](const StoreResult<bool> &result) { done(result.status); });
}

} // namespace confab
