#include "sqlstore.h"

#include "credentials.h"
#include "hostlimits.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace confab {

namespace {

constexpr int kSchemaVersion = 1;

// Version 1: accounts, sessions keyed by the SHA-256 of their id, chat history.
const char *const kSchemaV1[] = {
    "CREATE TABLE users ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " username TEXT NOT NULL,"
    " username_key TEXT NOT NULL UNIQUE,"
    " password_hash TEXT NOT NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE sessions ("
    " token_hash BLOB PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL,"
    " refreshed_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL)",
    "CREATE INDEX sessions_expires_at ON sessions(expires_at)",
    "CREATE TABLE messages ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " user_id INTEGER NOT NULL REFERENCES users(id),"
    " body TEXT NOT NULL,"
    " sent_at INTEGER NOT NULL)",
};

qint64 toMillis(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QDateTime fromMillis(qint64 millis)
{
    return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
}

} // namespace

SqlStore::SqlStore(QString databasePath)
    : m_databasePath(std::move(databasePath))
    , m_connectionName(QStringLiteral("confab-store-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

SqlStore::~SqlStore()
{
    close();
}

bool SqlStore::open(QString *errorString)
{
    if (!prepareFile(errorString) || !lockFile(errorString)) {
        return false;
    }
    if (!openConnection(errorString)) {
        close();
        return false;
    }
    if (!configureConnection(errorString) || !migrate(errorString)) {
        close();
        return false;
    }
    qCInfo(lcStore) << "opened" << m_databasePath;
    return true;
}

bool SqlStore::prepareFile(QString *errorString)
{
    // The file contains password hashes and every message, so a new one (and a new folder) is
    // readable by its owner only. SQLite gives the -wal and -shm files the same mode.
    const QFileInfo file(m_databasePath);
    const QString folder = file.absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder)) {
            *errorString = QStringLiteral("cannot create the folder %1; check that its parent "
                                          "exists and is writable, or choose another --db")
                               .arg(folder);
            return false;
        }
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                          | QFileDevice::ExeOwner);
    }
    if (!file.exists()) {
        QFile created(m_databasePath);
        if (!created.open(QIODevice::WriteOnly)) {
            *errorString = QStringLiteral("cannot create the database %1: %2")
                               .arg(m_databasePath, created.errorString());
            return false;
        }
        created.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return true;
}

bool SqlStore::lockFile(QString *errorString)
{
    // Two hosts on one SQLite file would each count only their own sockets as online and keep
    // their own rate limits. QLockFile takes over a lock whose process has died.
    m_lock = std::make_unique<QLockFile>(m_databasePath + QStringLiteral(".lock"));
    if (m_lock->tryLock(0)) {
        return true;
    }
    qint64 pid = 0;
    QString hostName;
    QString application;
    m_lock->getLockInfo(&pid, &hostName, &application);
    *errorString = m_lock->error() == QLockFile::LockFailedError
        ? QStringLiteral("the database %1 is in use by another Confab host (process %2); stop "
                         "it or choose another --db")
              .arg(m_databasePath)
              .arg(pid)
        : QStringLiteral("cannot create the lock file %1.lock").arg(m_databasePath);
    m_lock.reset();
    return false;
}

bool SqlStore::openConnection(QString *errorString)
{
    // The handle is local to this function: removeDatabase() in close() warns while one lives.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_databasePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1")
                             .arg(limits::kStoreBusyTimeout.count()));
    if (!db.open()) {
        *errorString = QStringLiteral("cannot open the database %1: %2")
                           .arg(m_databasePath, db.lastError().text());
        return false;
    }
    return true;
}

void SqlStore::close()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_lock.reset();
}

bool SqlStore::configureConnection(QString *errorString)
{
    const char *const pragmas[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
    };
    for (const char *pragma : pragmas) {
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        if (!query.exec(QLatin1String(pragma))) {
            *errorString = QStringLiteral("%1 failed on %2: %3")
                               .arg(QLatin1String(pragma), m_databasePath,
                                    query.lastError().text());
            return false;
        }
    }
    return true;
}

bool SqlStore::migrate(QString *errorString)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *errorString = QStringLiteral("cannot read the schema version: %1")
                           .arg(query.lastError().text());
        return false;
    }
    const int version = query.value(0).toInt();
    if (version == kSchemaVersion) {
        return true;
    }
    if (version > kSchemaVersion) {
        *errorString = QStringLiteral("the database %1 has schema version %2, newer than this "
                                      "program's %3; use a newer Confab")
                           .arg(m_databasePath)
                           .arg(version)
                           .arg(kSchemaVersion);
        return false;
    }
    db.transaction();
    for (const char *statement : kSchemaV1) {
        if (!query.exec(QLatin1String(statement))) {
            *errorString = QStringLiteral("cannot create the schema: %1")
                               .arg(query.lastError().text());
            db.rollback();
            return false;
        }
    }
    query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
    if (!db.commit()) {
        *errorString = QStringLiteral("cannot commit the schema: %1").arg(db.lastError().text());
        return false;
    }
    qCInfo(lcStore) << "created schema version" << kSchemaVersion << "in" << m_databasePath;
    return true;
}

QSqlQuery SqlStore::prepare(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(sql);
    return query;
}

bool SqlStore::exec(QSqlQuery &query, const char *operation)
{
    if (query.exec()) {
        return true;
    }
    qCWarning(lcStore) << operation << "failed:" << query.lastError().text();
    return false;
}

StoreResult<UserRecord> SqlStore::createUser(const QString &username,
                                             const QByteArray &passwordHash)
{
    QSqlQuery query = prepare(QStringLiteral(
        "INSERT INTO users (username, username_key, password_hash, created_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (username_key) DO NOTHING"));
    query.addBindValue(username);
    query.addBindValue(usernameKey(username));
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(toMillis(QDateTime::currentDateTimeUtc()));
    if (!exec(query, "createUser")) {
        return {StoreStatus::Unavailable, {}};
    }
    if (query.numRowsAffected() == 0) {
        return {StoreStatus::Conflict, {}};
    }
    return {StoreStatus::Ok, {query.lastInsertId().toLongLong(), username, passwordHash}};
}

StoreResult<UserRecord> SqlStore::findUser(const QString &username)
{
    QSqlQuery query = prepare(QStringLiteral(
        "SELECT id, username, password_hash FROM users WHERE username_key = ?"));
    query.addBindValue(usernameKey(username));
    if (!exec(query, "findUser")) {
        return {StoreStatus::Unavailable, {}};
    }
    if (!query.next()) {
        return {StoreStatus::NotFound, {}};
    }
    return {StoreStatus::Ok,
            {query.value(0).toLongLong(), query.value(1).toString(),
             query.value(2).toString().toLatin1()}};
}

StoreStatus SqlStore::createSession(const QByteArray &tokenHash, qint64 userId,
                                    const QDateTime &expiresAt)
{
    const qint64 now = toMillis(QDateTime::currentDateTimeUtc());
    QSqlQuery query = prepare(QStringLiteral(
        "INSERT INTO sessions (token_hash, user_id, created_at, refreshed_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(tokenHash);
    query.addBindValue(userId);
    query.addBindValue(now);
    query.addBindValue(now);
    query.addBindValue(toMillis(expiresAt));
    return exec(query, "createSession") ? StoreStatus::Ok : StoreStatus::Unavailable;
}

StoreResult<SessionRecord> SqlStore::findSession(const QByteArray &tokenHash, const QDateTime &now,
                                                 std::chrono::seconds lifetime)
{
    QSqlQuery query = prepare(QStringLiteral(
        "SELECT s.user_id, u.username, s.refreshed_at, s.expires_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
    query.addBindValue(tokenHash);
    if (!exec(query, "findSession")) {
        return {StoreStatus::Unavailable, {}};
    }
    if (!query.next()) {
        return {StoreStatus::NotFound, {}};
    }
    SessionRecord session{query.value(0).toLongLong(), query.value(1).toString(),
                          fromMillis(query.value(3).toLongLong())};
    const QDateTime refreshedAt = fromMillis(query.value(2).toLongLong());
    query.finish();
    if (session.expiresAt <= now) {
        deleteSession(tokenHash);
        return {StoreStatus::NotFound, {}};
    }
    if (refreshedAt.secsTo(now) < limits::kSessionRefreshInterval.count()) {
        return {StoreStatus::Ok, session};
    }
    QSqlQuery refresh = prepare(QStringLiteral(
        "UPDATE sessions SET refreshed_at = ?, expires_at = ? WHERE token_hash = ?"));
    session.expiresAt = now.addSecs(lifetime.count());
    refresh.addBindValue(toMillis(now));
    refresh.addBindValue(toMillis(session.expiresAt));
    refresh.addBindValue(tokenHash);
    // A failed refresh leaves a session that is still valid until its old expiry.
    exec(refresh, "refreshSession");
    return {StoreStatus::Ok, session};
}

StoreStatus SqlStore::deleteSession(const QByteArray &tokenHash)
{
    QSqlQuery query = prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    query.addBindValue(tokenHash);
    if (!exec(query, "deleteSession")) {
        return StoreStatus::Unavailable;
    }
    return query.numRowsAffected() > 0 ? StoreStatus::Ok : StoreStatus::NotFound;
}

StoreResult<int> SqlStore::deleteSessionsOfUser(qint64 userId)
{
    QSqlQuery query = prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
    query.addBindValue(userId);
    if (!exec(query, "deleteSessionsOfUser")) {
        return {StoreStatus::Unavailable, 0};
    }
    return {StoreStatus::Ok, query.numRowsAffected()};
}

StoreResult<QList<QByteArray>> SqlStore::touchLiveSessions(const QList<QByteArray> &tokenHashes,
                                                           const QDateTime &now,
                                                           std::chrono::seconds lifetime)
{
    // Chunks keep each statement well under SQLite's limit of bound parameters.
    constexpr qsizetype kChunk = 500;
    const qint64 nowMs = toMillis(now);
    const qint64 staleBefore = nowMs - qint64(limits::kSessionRefreshInterval.count()) * 1000;
    QList<QByteArray> live;
    for (qsizetype start = 0; start < tokenHashes.size(); start += kChunk) {
        const QList<QByteArray> chunk = tokenHashes.mid(start, kChunk);
        const QString in = QStringList(chunk.size(), QStringLiteral("?")).join(QLatin1Char(','));
        QSqlQuery refresh = prepare(QStringLiteral("UPDATE sessions SET refreshed_at = ?, "
                                                   "expires_at = ? WHERE expires_at > ? AND "
                                                   "refreshed_at < ? AND token_hash IN (%1)")
                                        .arg(in));
        refresh.addBindValue(nowMs);
        refresh.addBindValue(toMillis(now.addSecs(lifetime.count())));
        refresh.addBindValue(nowMs);
        refresh.addBindValue(staleBefore);
        QSqlQuery select = prepare(
            QStringLiteral("SELECT token_hash FROM sessions WHERE expires_at > ? AND token_hash "
                           "IN (%1)")
                .arg(in));
        select.addBindValue(nowMs);
        for (const QByteArray &hash : chunk) {
            refresh.addBindValue(hash);
            select.addBindValue(hash);
        }
        // A failed refresh only shortens sessions; a failed select must not end any.
        exec(refresh, "touchLiveSessions");
        if (!exec(select, "touchLiveSessions")) {
            return {StoreStatus::Unavailable, {}};
        }
        while (select.next()) {
            live.append(select.value(0).toByteArray());
        }
    }
    return {StoreStatus::Ok, live};
}

StoreResult<int> SqlStore::deleteExpiredSessions(const QDateTime &now)
{
    QSqlQuery query = prepare(QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"));
    query.addBindValue(toMillis(now));
    if (!exec(query, "deleteExpiredSessions")) {
        return {StoreStatus::Unavailable, 0};
    }
    return {StoreStatus::Ok, query.numRowsAffected()};
}

StoreResult<ChatMessage> SqlStore::appendMessage(qint64 userId, const QString &text,
                                                 const QDateTime &sentAt)
{
    QSqlQuery query = prepare(QStringLiteral(
        "INSERT INTO messages (user_id, body, sent_at) VALUES (?, ?, ?)"));
    query.addBindValue(userId);
    query.addBindValue(text);
    query.addBindValue(toMillis(sentAt));
    if (!exec(query, "appendMessage")) {
        return {StoreStatus::Unavailable, {}};
    }
    ChatMessage message;
    message.id = query.lastInsertId().toLongLong();
    message.text = text;
    message.sentAt = sentAt.toUTC();
    return {StoreStatus::Ok, message};
}

StoreResult<QList<ChatMessage>> SqlStore::messagesBefore(qint64 beforeId, int limit)
{
    QSqlQuery query = prepare(QStringLiteral(
        "SELECT m.id, u.username, m.body, m.sent_at FROM messages m "
        "JOIN users u ON u.id = m.user_id WHERE m.id < ? ORDER BY m.id DESC LIMIT ?"));
    query.addBindValue(beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
    query.addBindValue(limit);
    if (!exec(query, "messagesBefore")) {
        return {StoreStatus::Unavailable, {}};
    }
    QList<ChatMessage> messages;
    while (query.next()) {
        messages.prepend({query.value(0).toLongLong(), query.value(1).toString(),
                          query.value(2).toString(), fromMillis(query.value(3).toLongLong())});
    }
    return {StoreStatus::Ok, messages};
}

} // namespace confab
