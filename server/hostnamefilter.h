#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QSet>
#include <QStringList>

namespace confab {

// The names a request may use in its Host header: loopback, this machine's addresses and host
// name, and the hosts of the allowed origins. A page on another site that has its own DNS name
// point at this machine (DNS rebinding) sends that name, is rejected, and so cannot use the API
// or pass the WebSocket origin check as a same-origin page. The port is not compared, so that
// a host behind port forwarding still works; the WebSocket origin check compares it.
class HostNameFilter
{
public:
    explicit HostNameFilter(const QStringList &allowedOrigins);

    bool isAllowed(const QByteArray &hostHeader) const;

    // Returns the host of a Host header value without the port and IPv6 brackets, lower case.
    static QString hostPart(const QByteArray &hostHeader);

private:
    QSet<QString> m_names;
};

} // namespace confab
