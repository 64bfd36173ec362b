#include "bindaddress.h"

#include <QNetworkInterface>

namespace confab::desktop {

std::optional<QHostAddress> parseBindAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return QHostAddress(QHostAddress::LocalHost);
    }
    QHostAddress address;
    if (trimmed.isEmpty() || !address.setAddress(trimmed)) {
        return std::nullopt;
    }
    return address;
}

QStringList bindAddressChoices()
{
    QStringList choices {QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"),
                         QStringLiteral("::1"), QStringLiteral("::")};
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        if (!interface.flags().testFlag(QNetworkInterface::IsUp)
            || interface.flags().testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.isLinkLocal()) {
                continue; // usable only with a scope id such as %eth0, so no use as a share address
            }
            const QString text = address.toString();
            if (!choices.contains(text)) {
                choices.append(text);
            }
        }
    }
    return choices;
}

} // namespace confab::desktop
