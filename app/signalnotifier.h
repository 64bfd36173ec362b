#pragma once

#include <QObject>

class QSocketNotifier;

namespace confab::desktop {

// Turns SIGINT and SIGTERM into a Qt signal on the thread that created the notifier. The
// handler only writes the signal number to a socket pair, which is async-signal-safe, and the
// event loop reads it. Only one instance may exist at a time.
class SignalNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SignalNotifier(QObject *parent = nullptr);
    ~SignalNotifier() override;

    // Returns false, with errorString() set, when the socket pair or the handlers fail.
    bool install();
    QString errorString() const { return m_errorString; }

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
    QString m_errorString;
    bool m_installed = false;
};

} // namespace confab::desktop
