#pragma once

#include "store.h"

#include <QSqlDatabase>

#include <memory>

class QLockFile;
class QSqlQuery;

namespace confab {

// Store on QSqlDatabase with the QSQLITE driver. The file is opened in WAL mode with a busy
// timeout, so readers do not wait for the writer and a locked file becomes Unavailable instead
// of blocking the store thread for long. Every statement is prepared with bound values.
class SqlStore final : public Store
{
public:
    explicit SqlStore(QString databasePath);
    ~SqlStore() override;

    bool open(QString *errorString) override;
    void close() override;

    StoreResult<UserRecord> createUser(const QString &username,
                                       const QByteArray &passwordHash) override;
    StoreResult<UserRecord> findUser(const QString &username) override;

    StoreStatus createSession(const QByteArray &tokenHash, qint64 userId,
                              const QDateTime &expiresAt) override;
    StoreResult<SessionRecord> findSession(const QByteArray &tokenHash, const QDateTime &now,
                                           std::chrono::seconds lifetime) override;
    StoreStatus deleteSession(const QByteArray &tokenHash) override;
    StoreResult<int> deleteSessionsOfUser(qint64 userId) override;
    StoreResult<QList<QByteArray>> touchLiveSessions(const QList<QByteArray> &tokenHashes,
                                                     const QDateTime &now,
                                                     std::chrono::seconds lifetime) override;
    StoreResult<int> deleteExpiredSessions(const QDateTime &now) override;

    StoreResult<ChatMessage> appendMessage(qint64 userId, const QString &text,
                                           const QDateTime &sentAt) override;
    StoreResult<QList<ChatMessage>> messagesBefore(qint64 beforeId, int limit) override;

private:
    bool prepareFile(QString *errorString);
    bool lockFile(QString *errorString);
    bool openConnection(QString *errorString);
    bool configureConnection(QString *errorString);
    bool migrate(QString *errorString);
    // Runs a prepared query and logs a failure with the operation name.
    bool exec(QSqlQuery &query, const char *operation);
    QSqlQuery prepare(const QString &sql);

    QString m_databasePath;
    QString m_connectionName;
    std::unique_ptr<QLockFile> m_lock; // held while open, so one host uses the file at a time
};

} // namespace confab
