#pragma once

#include "parserchecks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace confab::fuzz {

// Runs one property check on a libFuzzer input and aborts when a property is broken, so that
// libFuzzer saves the input as a crash reproducer.
inline int runCheck(QString (*check)(QByteArrayView), const uint8_t *data, size_t size)
{
    const QString broken = check(QByteArrayView(data, qsizetype(size)));
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "property broken: %s\n", broken.toLocal8Bit().constData());
        std::abort();
    }
    return 0;
}

} // namespace confab::fuzz
