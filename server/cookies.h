#pragma once

#include <QByteArray>

#include <chrono>
#include <optional>

namespace confab {

inline constexpr char kSessionCookieName[] = "confab_sid";

namespace cookies {

// Returns the value of the cookie `name` in a Cookie header, or nothing when it is absent.
// QHttpServer 6.4 joins repeated Cookie lines with ", ", so both "; " and ", " separate pairs.
// When the name appears more than once the value is ambiguous and nothing is returned, so a
// cookie planted for a sub-path or a sibling domain cannot shadow the real one.
std::optional<QByteArray> find(const QByteArray &header, const QByteArray &name);

// Builds the Set-Cookie value that stores a session id for maxAge.
QByteArray sessionCookie(const QByteArray &token, std::chrono::seconds maxAge, bool secure);

// Builds the Set-Cookie value that makes the browser drop the session cookie at once.
QByteArray expiredSessionCookie(bool secure);

} // namespace cookies
} // namespace confab
