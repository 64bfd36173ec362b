#pragma once

#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace confab::desktop {

// Parses a bind address given on the command line or in the host panel: an IPv4 or IPv6
// literal, or "localhost". Returns nothing for anything else, host names included, because
// the host binds before any name lookup could run.
std::optional<QHostAddress> parseBindAddress(const QString &text);

// Returns the addresses offered in the host panel: loopback, every interface, then each
// address of this machine's up interfaces.
QStringList bindAddressChoices();

} // namespace confab::desktop
