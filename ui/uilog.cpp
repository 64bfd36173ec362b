#include "uilog.h"

namespace confab::desktop {

Q_LOGGING_CATEGORY(lcUi, "confab.ui", QtInfoMsg)

} // namespace confab::desktop
