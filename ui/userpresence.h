#pragma once

#include <QMetaType>
#include <QString>

namespace confab::desktop {

// A user with at least one live connection to the host.
struct UserPresence
{
    QString username;
    int connections = 1;
};

} // namespace confab::desktop

Q_DECLARE_METATYPE(confab::desktop::UserPresence)
