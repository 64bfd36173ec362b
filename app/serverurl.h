#pragma once

#include <QString>
#include <QUrl>

namespace confab::desktop {

// A host address typed by a user, checked and reduced to scheme, host and port.
struct ServerUrl
{
    enum class Status { Valid, Empty, Invalid, UnsupportedScheme, MissingHost };

    Status status = Status::Empty;
    QUrl url; // set when Valid: http or https, without path, query or credentials
    QString errorString;

    bool isValid() const { return status == Status::Valid; }
};

// Parses input such as "192.168.1.20:8765" or "https://chat.example.org". A missing scheme
// means http, and ws and wss map to http and https.
ServerUrl parseServerUrl(const QString &input);

// Returns the endpoint URL for an API path such as "/api/login" on the host at base.
QUrl apiUrl(const QUrl &base, const QString &path);
// Returns the ws:// or wss:// URL of the host's /ws endpoint.
QUrl webSocketUrl(const QUrl &base);

} // namespace confab::desktop
