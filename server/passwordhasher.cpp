#include "passwordhasher.h"

#include "hostlimits.h"
#include "logging.h"

#include <sodium.h>

namespace confab {

namespace {

QByteArray computeHash(const QByteArray &password)
{
    QByteArray encoded(crypto_pwhash_STRBYTES, '\0');
    const int rc = crypto_pwhash_str_alg(encoded.data(), password.constData(),
                                         quint64(password.size()), limits::kArgon2Passes,
                                         size_t(limits::kArgon2MemoryBytes),
                                         crypto_pwhash_ALG_ARGON2ID13);
    if (rc != 0) {
        qCWarning(lcAuth) << "crypto_pwhash_str_alg failed, most likely out of memory";
        return {};
    }
    encoded.truncate(qsizetype(qstrlen(encoded.constData())));
    return encoded;
}

// The hash checked for unknown users, so that they cost as much as a wrong password.
const QByteArray &dummyHash()
{
    static const QByteArray hash = computeHash(QByteArrayLiteral("confab-dummy-password"));
    return hash;
}

bool checkHash(const QByteArray &encoded, const QByteArray &password)
{
    const QByteArray terminated = encoded + '\0';
    return crypto_pwhash_str_verify(terminated.constData(), password.constData(),
                                    quint64(password.size()))
        == 0;
}

} // namespace

PasswordHasher::PasswordHasher(QObject *parent)
    : QObject(parent)
{
    if (sodium_init() < 0) {
        qCCritical(lcAuth) << "sodium_init failed; password hashing will not work";
    }
    m_pool.setMaxThreadCount(limits::kMaxConcurrentHashes);
    m_pool.setObjectName(QStringLiteral("confab-hasher"));
    // Computes the dummy hash ahead of the first unknown-user login, which would otherwise pay
    // for two hashes and could be recognized by its timing.
    m_pool.start([] { dummyHash(); });
}

PasswordHasher::~PasswordHasher()
{
    waitForDone();
}

void PasswordHasher::waitForDone()
{
    m_pool.waitForDone();
}

bool PasswordHasher::enqueue(std::function<void()> work)
{
    if (m_queued.fetch_add(1) >= limits::kMaxQueuedHashes) {
        m_queued.fetch_sub(1);
        qCWarning(lcAuth) << "password hash queue is full at" << limits::kMaxQueuedHashes;
        return false;
    }
    m_pool.start([this, work = std::move(work)] {
        work();
        m_queued.fetch_sub(1);
    });
    return true;
}

bool PasswordHasher::hash(QObject *receiver, const QByteArray &password,
                          std::function<void(const QByteArray &)> done)
{
    return enqueue([receiver, password, done = std::move(done)] {
        const QByteArray encoded = computeHash(password);
        QMetaObject::invokeMethod(receiver, [done, encoded] { done(encoded); },
                                  Qt::QueuedConnection);
    });
}

bool PasswordHasher::verify(QObject *receiver, const std::optional<QByteArray> &storedHash,
                            const QByteArray &password, std::function<void(bool)> done)
{
    return enqueue([receiver, storedHash, password, done = std::move(done)] {
        const bool matches = storedHash ? checkHash(*storedHash, password)
                                        : (checkHash(dummyHash(), password) && false);
        QMetaObject::invokeMethod(receiver, [done, matches] { done(matches); },
                                  Qt::QueuedConnection);
    });
}

} // namespace confab
