#pragma once

#include "requesthead.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace confab {

class HostNameFilter;

// Watches one HTTP/1.1 connection and enforces the request limits QHttpServer 6.4 lacks: head
// size and line count, body size, Transfer-Encoding, and the head, body and keep-alive idle
// timeouts that stop slow clients from holding connections open.
//
// It reads the stream with peek() before QHttpServer does. Its slot on readyRead is connected
// before QHttpServer's, and a second slot connected after QHttpServer's records what is left
// unread, so every byte is scanned once. QHttpServer 6.4 reads everything available on each
// readyRead.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    // `hostNames` must outlive the guard (the FrontDoor owns it).
    ConnectionGuard(QTcpSocket *socket, const HostNameFilter *hostNames);

    // Connects the slot that runs after QHttpServer has read (call once it has the socket).
    void attachAfterHttpServer();
    // Stops watching, for a connection that has become a WebSocket.
    void stop();

signals:
    // The first request head is complete and within the limits.
    void firstHeadReady(const confab::RequestHead &head);

private:
    enum class State { AwaitingHead, ReadingBody, Idle, Stopped };

    void scanNewBytes();
    // Each scanner consumes what belongs to the current part and returns the rest.
    QByteArrayView scanHead(QByteArrayView bytes);
    QByteArrayView scanBody(QByteArrayView bytes);
    void completeHead(const RequestHead &head);
    bool checkBodyLength(const RequestHead &head);
    bool checkHost(const RequestHead &head);
    void reject(int status, const QString &error);
    void enter(State state);
    void timedOut();

    QTcpSocket *m_socket;
    const HostNameFilter *m_hostNames;
    QTimer m_deadline;
    State m_state = State::Idle;
    QByteArray m_head; // bytes of the head seen so far
    qint64 m_bodyRemaining = 0;
    qint64 m_scanned = 0; // bytes at the front of the read buffer already scanned
    bool m_firstRequest = true;
};

} // namespace confab
