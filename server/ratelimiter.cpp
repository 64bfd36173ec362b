#include "ratelimiter.h"

#include <cmath>

namespace confab {

RateLimiter::RateLimiter(int burst, std::chrono::milliseconds period, int maxKeys)
    : m_burst(burst)
    , m_tokensPerMs(double(burst) / double(period.count()))
    , m_maxKeys(maxKeys)
{
    m_clock.start();
}

double RateLimiter::refill(Bucket &bucket, qint64 nowMs) const
{
    bucket.tokens = std::min(double(m_burst),
                             bucket.tokens + double(nowMs - bucket.updatedAtMs) * m_tokensPerMs);
    bucket.updatedAtMs = nowMs;
    return bucket.tokens;
}

void RateLimiter::evict(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        it = refill(it.value(), nowMs) >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
    // Still full: every key is limited right now. Dropping an arbitrary one is the price of
    // a bounded table; the dropped key starts again with a full bucket.
    if (m_buckets.size() >= m_maxKeys) {
        m_buckets.erase(m_buckets.begin());
    }
}

std::optional<std::chrono::milliseconds> RateLimiter::take(const QString &key)
{
    const qint64 now = m_clock.elapsed();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys) {
            evict(now);
        }
        it = m_buckets.insert(key, Bucket{double(m_burst), now});
    }
    if (refill(it.value(), now) >= 1.0) {
        it->tokens -= 1.0;
        return std::nullopt;
    }
    const double waitMs = (1.0 - it->tokens) / m_tokensPerMs;
    return std::chrono::milliseconds(qint64(std::ceil(waitMs)));
}

void RateLimiter::reset(const QString &key)
{
    m_buckets.remove(key);
}

} // namespace confab
