#include "processmemory.h"

#include <QByteArray>
#include <QFile>

namespace processmemory {

std::optional<qint64> statusBytes(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray prefix = QByteArray(field) + ':';
    // The kernel gives these sizes in kB, for example "VmRSS:     12345 kB".
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            const QList<QByteArray> parts = line.mid(prefix.size()).simplified().split(' ');
            bool ok = false;
            const qint64 kib = parts.value(0).toLongLong(&ok);
            return ok ? std::optional<qint64>(kib * 1024) : std::nullopt;
        }
    }
    return std::nullopt;
}

bool resetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace processmemory
