#pragma once

#include <QString>

class QNetworkReply;

namespace confab::desktop {

// WebSocket close code the host sends when the session ended (logout, expiry, removal).
constexpr int kCloseSessionEnded = 4401;

// Returns the sentence to show when a login, register or logout reply failed: the HTTP status
// mapped to advice, the host's own `error` text for 400, or the network error.
QString replyErrorText(QNetworkReply *reply, const QByteArray &body);

// Returns the sentence to show when the host closed the WebSocket with code, or an empty
// string for a close that needs no explanation.
QString closeCodeText(int code, const QString &reason);

} // namespace confab::desktop
