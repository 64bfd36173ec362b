#pragma once

#include <QtGlobal>

#include <chrono>

// Every limit the host enforces, with its unit. docs/security.md describes what each one stops.
namespace confab::limits {

using namespace std::chrono_literals;

// Accounts
inline constexpr int kMinUsernameLength = 1; // characters
inline constexpr int kMaxUsernameLength = 32; // characters
inline constexpr int kMinPasswordBytes = 8; // UTF-8 bytes
inline constexpr int kMaxPasswordBytes = 1024; // UTF-8 bytes

// Password hashing: Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane).
inline constexpr quint64 kArgon2MemoryBytes = 19ull * 1024 * 1024;
inline constexpr quint64 kArgon2Passes = 2;
inline constexpr int kMaxConcurrentHashes = 2; // hashes computed at once
inline constexpr int kMaxQueuedHashes = 64; // hash requests waiting; more get 503

// Sign-in floods: token buckets, refilled over kAuthRateWindow.
inline constexpr std::chrono::milliseconds kAuthRateWindow = 60s;
inline constexpr int kAuthAttemptsPerAddress = 30; // logins and registrations per window
inline constexpr int kLoginAttemptsPerUsername = 10; // login attempts per name per window
inline constexpr int kMaxRateLimitKeys = 10000; // addresses or names tracked at once

// Sessions
inline constexpr int kSessionIdBytes = 32; // 256 bits from the CSPRNG
inline constexpr std::chrono::seconds kSessionRefreshInterval = 1h; // sliding-expiry write period
// How often the sessions behind open WebSockets are checked again, so a session deleted
// elsewhere (another host, an administrator) or expired closes its sockets within this time.
inline constexpr std::chrono::milliseconds kSessionRecheckInterval = 500ms;

// Store
inline constexpr std::chrono::milliseconds kStoreBusyTimeout = 2000ms; // SQLite busy_timeout
// A store job still queued after this long fails as unavailable, so callers get a 503
// instead of waiting behind a locked database.
inline constexpr std::chrono::milliseconds kStoreQueueTimeout = 3000ms;

// HTTP
inline constexpr qsizetype kMaxRequestHeadBytes = 16 * 1024; // request line + headers
inline constexpr int kMaxRequestHeaderLines = 100;
inline constexpr qsizetype kMaxRequestBodyBytes = 64 * 1024; // larger bodies get 413
inline constexpr std::chrono::milliseconds kRequestHeadTimeout = 10s; // first byte to full head
inline constexpr std::chrono::milliseconds kRequestBodyTimeout = 10s; // full head to full body
inline constexpr std::chrono::milliseconds kKeepAliveIdleTimeout = 30s; // between requests
inline constexpr int kMaxConnections = 1000; // open TCP connections, HTTP and WebSocket

// Chat
inline constexpr int kMaxMessageLength = 4000; // UTF-16 code units, as JavaScript counts
inline constexpr int kWelcomeHistoryCount = 50; // messages sent in the welcome frame
inline constexpr int kDefaultHistoryPage = 50; // GET /api/messages without limit
inline constexpr int kMaxHistoryPage = 200; // largest GET /api/messages limit

// Chat floods, per user over all their connections: a burst, refilled over kChatRateWindow. A
// connection still over the limit after kMaxChatRejections rejected frames in a row is closed
// with 4429.
inline constexpr int kChatMessagesPerWindow = 20;
inline constexpr std::chrono::milliseconds kChatRateWindow = 10s;
inline constexpr int kMaxChatRejections = 20;

// WebSocket
// The largest frame or message the host reads: a maximum-length message of 4-byte UTF-8
// characters in a JSON envelope fits with room to spare.
inline constexpr quint64 kMaxIncomingFrameBytes = 64 * 1024;
inline constexpr quint64 kMaxIncomingMessageBytes = 64 * 1024;
inline constexpr std::chrono::milliseconds kPingInterval = 30s;
inline constexpr std::chrono::milliseconds kPongTimeout = 15s;
// A client that stops reading is dropped once this much is queued for it.
inline constexpr qint64 kMaxPendingOutgoingBytes = 4 * 1024 * 1024;

} // namespace confab::limits
