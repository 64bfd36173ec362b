#pragma once

#include <QtGlobal>

#include <optional>

// Memory figures of the test process, which also runs the host, from /proc/self (Linux).
namespace processmemory {

// Returns a field of /proc/self/status in bytes, for example "VmRSS" (resident now) or
// "VmHWM" (peak resident); nullopt when the field cannot be read.
std::optional<qint64> statusBytes(const char *field);

// Resets the peak (VmHWM) to the current resident size by writing 5 to /proc/self/clear_refs
// (Linux 4.0 and later). Returns false when the kernel refused.
bool resetPeak();

} // namespace processmemory
