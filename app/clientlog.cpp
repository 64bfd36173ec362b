#include "clientlog.h"

namespace confab::desktop {

Q_LOGGING_CATEGORY(lcClient, "confab.client", QtInfoMsg)

} // namespace confab::desktop
