#pragma once

#include <QByteArray>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <optional>

namespace confab {

// Argon2id password hashing through libsodium on a bounded worker pool. A hash takes tens of
// milliseconds and 19 MiB, so it never runs on the socket thread, at most kMaxConcurrentHashes
// run at once, and a request beyond kMaxQueuedHashes waiting is rejected at once.
class PasswordHasher : public QObject
{
    Q_OBJECT

public:
    explicit PasswordHasher(QObject *parent = nullptr);
    ~PasswordHasher() override;

    // Hashes a new password; `done` gets the encoded hash, or an empty one if libsodium failed.
    // Returns false, and never calls `done`, when the queue is full.
    bool hash(QObject *receiver, const QByteArray &password,
              std::function<void(const QByteArray &)> done);

    // Checks a password against a stored hash. Without a stored hash (unknown user) it checks
    // against a dummy hash instead, so that both cases cost the same time and return false.
    bool verify(QObject *receiver, const std::optional<QByteArray> &storedHash,
                const QByteArray &password, std::function<void(bool)> done);

    // Blocks until every queued hash has finished (used at shutdown).
    void waitForDone();

private:
    bool enqueue(std::function<void()> work);

    QThreadPool m_pool;
    std::atomic<int> m_queued{0};
};

} // namespace confab
