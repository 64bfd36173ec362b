#pragma once

#include <QByteArray>

namespace confab {

// Session ids: 256 random bits, sent to the client as base64url, stored only as a SHA-256.
namespace sessiontoken {

// Returns a new id from libsodium's CSPRNG, base64url without padding (43 characters).
QByteArray generate();

// Returns the SHA-256 of an id, the only form the store keeps. A copy of the database is
// therefore no list of valid cookies.
QByteArray hash(const QByteArray &token);

// Returns whether a cookie value has the shape of an id this host issues. Anything else is
// rejected before it reaches the store.
bool isWellFormed(const QByteArray &token);

} // namespace sessiontoken
} // namespace confab
