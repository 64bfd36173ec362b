#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace confab {

enum class StoreStatus {
    Ok,
    NotFound, // no such row, or a session that has expired
    Conflict, // a unique key is taken
    Unavailable, // the database is locked, read-only, unreachable or too slow
};

struct UserRecord
{
    qint64 id = 0;
    QString username;
    QByteArray passwordHash; // libsodium crypto_pwhash_str format
};

struct SessionRecord
{
    qint64 userId = 0;
    QString username;
    QDateTime expiresAt;
};

struct ChatMessage
{
    qint64 id = 0;
    QString username;
    QString text;
    QDateTime sentAt; // UTC, millisecond precision
};

template<typename T>
struct StoreResult
{
    StoreStatus status = StoreStatus::Unavailable;
    T value{};

    bool ok() const { return status == StoreStatus::Ok; }
};

// The persistent state of a host: accounts, sessions and chat history. An implementation is
// used from one thread only (the store thread), so its calls may block; AsyncStore moves them
// off the socket thread. Session ids arrive already hashed.
class Store
{
public:
    virtual ~Store() = default;

    // Opens the database and creates or upgrades the schema.
    virtual bool open(QString *errorString) = 0;
    virtual void close() = 0;

    // Conflict when the name is taken, ignoring case.
    virtual StoreResult<UserRecord> createUser(const QString &username,
                                               const QByteArray &passwordHash) = 0;
    // Finds a user by name, ignoring case.
    virtual StoreResult<UserRecord> findUser(const QString &username) = 0;

    virtual StoreStatus createSession(const QByteArray &tokenHash, qint64 userId,
                                      const QDateTime &expiresAt) = 0;
    // Returns the session if it exists and has not expired at `now`; an expired one is deleted.
    // A session last extended more than kSessionRefreshInterval ago gets now + lifetime.
    virtual StoreResult<SessionRecord> findSession(const QByteArray &tokenHash,
                                                   const QDateTime &now,
                                                   std::chrono::seconds lifetime) = 0;
    virtual StoreStatus deleteSession(const QByteArray &tokenHash) = 0;
    // Deletes every session of a user (a kick); returns how many there were.
    virtual StoreResult<int> deleteSessionsOfUser(qint64 userId) = 0;
    // Returns which of the given sessions still exist and have not expired at `now`, and
    // extends those last extended more than kSessionRefreshInterval ago to now + lifetime,
    // because an open WebSocket is use of the session.
    virtual StoreResult<QList<QByteArray>> touchLiveSessions(const QList<QByteArray> &tokenHashes,
                                                             const QDateTime &now,
                                                             std::chrono::seconds lifetime) = 0;
    virtual StoreResult<int> deleteExpiredSessions(const QDateTime &now) = 0;

    // Stores a message and returns it with its id; the caller fills in the username.
    virtual StoreResult<ChatMessage> appendMessage(qint64 userId, const QString &text,
                                                   const QDateTime &sentAt) = 0;
    // Returns up to `limit` messages with an id below `beforeId` (0: no bound), oldest first.
    virtual StoreResult<QList<ChatMessage>> messagesBefore(qint64 beforeId, int limit) = 0;
};

} // namespace confab
