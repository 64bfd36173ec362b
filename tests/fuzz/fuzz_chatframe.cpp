#include "fuzzentry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return confab::fuzz::runCheck(confab::fuzz::checkClientFrame, data, size);
}
