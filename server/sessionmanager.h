#pragma once

#include "store.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace confab {

class AsyncStore;

// Creates, looks up and ends sessions on behalf of both HTTP and WebSocket, so that the two
// share one notion of who is signed in. Session ids leave this class only as cookie values
// and are stored only as their SHA-256.
class SessionManager : public QObject
{
    Q_OBJECT

public:
    struct Lookup
    {
        StoreStatus status = StoreStatus::NotFound;
        SessionRecord session;
        QByteArray tokenHash; // empty when the request carried no well-formed session cookie
    };

    SessionManager(AsyncStore *store, std::chrono::seconds lifetime, QObject *parent = nullptr);

    std::chrono::seconds lifetime() const { return m_lifetime; }

    // Looks up the session named by the confab_sid cookie in a Cookie header. Without a
    // well-formed cookie it returns NotFound without a store round trip.
    void authenticate(const QByteArray &cookieHeader, std::function<void(const Lookup &)> done);

    // Creates a session for a user; `done` gets the new id (empty unless the status is Ok).
    void create(qint64 userId, std::function<void(StoreStatus, const QByteArray &token)> done);

    // Deletes a session and emits sessionEnded() at once, so its sockets close even if the
    // store is slow; `done` gets the store's status.
    void end(const QByteArray &tokenHash, std::function<void(StoreStatus)> done);

    // Returns the hash of the session cookie in a Cookie header, or an empty array.
    static QByteArray tokenHashFromCookieHeader(const QByteArray &cookieHeader);

signals:
    void sessionEnded(const QByteArray &tokenHash);

private:
    AsyncStore *m_store;
    std::chrono::seconds m_lifetime;
};

} // namespace confab
