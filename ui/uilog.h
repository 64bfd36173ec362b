#pragma once

#include <QLoggingCategory>

namespace confab::desktop {

// Widget and view-model events: page changes, rejected input. Info and above by default.
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace confab::desktop
