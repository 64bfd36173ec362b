#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <chrono>
#include <optional>

namespace confab {

// A token bucket per key: up to `burst` events at once, refilled at `burst` per `period`.
// The number of keys is capped, so a flood of distinct keys cannot grow it without bound.
// When the table is full, buckets that have refilled completely are dropped first.
class RateLimiter
{
public:
    RateLimiter(int burst, std::chrono::milliseconds period, int maxKeys);

    // Takes one token for `key`. Returns nothing when allowed, or how long to wait otherwise.
    std::optional<std::chrono::milliseconds> take(const QString &key);
    // Drops the bucket of a key, for example after a successful login.
    void reset(const QString &key);

    int keyCount() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedAtMs = 0;
    };

    double refill(Bucket &bucket, qint64 nowMs) const;
    void evict(qint64 nowMs);

    int m_burst;
    double m_tokensPerMs;
    int m_maxKeys;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
};

} // namespace confab
