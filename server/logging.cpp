#include "logging.h"

// Info and above are on by default; debug lines (one per request or connection) are opt-in
// with QT_LOGGING_RULES="confab.*.debug=true".
Q_LOGGING_CATEGORY(lcHost, "confab.host", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "confab.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWs, "confab.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "confab.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "confab.auth", QtInfoMsg)
