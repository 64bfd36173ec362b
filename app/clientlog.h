#pragma once

#include <QLoggingCategory>

namespace confab::desktop {

// The desktop client and its controllers: requests, socket state, hosting. Info and above by
// default. Passwords and session cookies are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcClient)

} // namespace confab::desktop
