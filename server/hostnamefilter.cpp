#include "hostnamefilter.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QUrl>

namespace confab {

namespace {

QString normalizedAddress(const QHostAddress &address)
{
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return plain.toString().toLower();
}

} // namespace

HostNameFilter::HostNameFilter(const QStringList &allowedOrigins)
{
    m_names.insert(QStringLiteral("localhost"));
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        m_names.insert(normalizedAddress(address));
    }
    const QString machine = QHostInfo::localHostName().toLower();
    if (!machine.isEmpty()) {
        m_names.insert(machine);
        m_names.insert(machine + QStringLiteral(".local")); // the mDNS name on a LAN
    }
    for (const QString &origin : allowedOrigins) {
        const QString host = QUrl(origin).host().toLower();
        if (!host.isEmpty()) {
            m_names.insert(host);
        }
    }
}

QString HostNameFilter::hostPart(const QByteArray &hostHeader)
{
    const QByteArray value = hostHeader.trimmed().toLower();
    if (value.startsWith('[')) {
        const qsizetype end = value.indexOf(']');
        return end < 0 ? QString() : QString::fromLatin1(value.mid(1, end - 1));
    }
    const qsizetype colon = value.indexOf(':');
    return QString::fromLatin1(colon < 0 ? value : value.left(colon));
}

bool HostNameFilter::isAllowed(const QByteArray &hostHeader) const
{
    const QString host = hostPart(hostHeader);
    if (host.isEmpty()) {
        return false;
    }
    const QHostAddress address(host);
    if (!address.isNull()) {
        return address.isLoopback() || m_names.contains(normalizedAddress(address));
    }
    return m_names.contains(host);
}

} // namespace confab
