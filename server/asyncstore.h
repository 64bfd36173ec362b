#pragma once

#include "store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace confab {

// Runs a Store on a thread of its own, so that no SQL call blocks the socket thread. Jobs run
// one at a time in the order they were queued, which keeps chat ids in broadcast order.
// Each result comes back as a queued call on the receiver's thread. The receiver must outlive
// the AsyncStore; a caller guards its own per-request objects with a QPointer.
class AsyncStore : public QObject
{
    Q_OBJECT

public:
    explicit AsyncStore(std::unique_ptr<Store> store, QObject *parent = nullptr);
    ~AsyncStore() override;

    // Opens the store on its thread and waits for the result (used once, at start-up).
    bool open(QString *errorString);
    // Runs the jobs already queued, closes the store and stops the thread.
    void shutdown();

    template<typename T>
    void run(QObject *receiver, std::function<StoreResult<T>(Store &)> job,
             std::function<void(const StoreResult<T> &)> done)
    {
        if (m_stopped) {
            return; // shut down: the receiver will not hear back
        }
        QElapsedTimer queued;
        queued.start();
        Store *store = m_store.get();
        QMetaObject::invokeMethod(
            m_worker,
            [store, queued, receiver, job = std::move(job), done = std::move(done)] {
                // A job that waited too long returns Unavailable rather than adding to a
                // queue that is already stuck behind a locked database.
                const StoreResult<T> result = std::chrono::milliseconds(queued.elapsed()) > queueTimeout()
                    ? StoreResult<T>{StoreStatus::Unavailable, T{}}
                    : job(*store);
                QMetaObject::invokeMethod(
                    receiver, [done, result] { done(result); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

private:
    static std::chrono::milliseconds queueTimeout();

    std::unique_ptr<Store> m_store;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
    bool m_stopped = false; // read and written on the owner's thread only
};

} // namespace confab
