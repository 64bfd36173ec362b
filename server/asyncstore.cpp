#include "asyncstore.h"

#include "hostlimits.h"
#include "logging.h"

namespace confab {

AsyncStore::AsyncStore(std::unique_ptr<Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("confab-store"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

AsyncStore::~AsyncStore()
{
    shutdown();
}

bool AsyncStore::open(QString *errorString)
{
    bool opened = false;
    Store *store = m_store.get();
    QMetaObject::invokeMethod(
        m_worker, [store, errorString, &opened] { opened = store->open(errorString); },
        Qt::BlockingQueuedConnection);
    return opened;
}

void AsyncStore::shutdown()
{
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    Store *store = m_store.get();
    // Blocking, so that the connection is closed on the thread that opened it, after the jobs
    // already queued.
    QMetaObject::invokeMethod(m_worker, [store] { store->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    qCInfo(lcStore) << "store thread stopped";
}

std::chrono::milliseconds AsyncStore::queueTimeout()
{
    return limits::kStoreQueueTimeout;
}

} // namespace confab
