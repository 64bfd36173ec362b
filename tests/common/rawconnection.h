#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>

// A raw TCP connection to a host on 127.0.0.1, for requests that QWebSocket and
// QNetworkAccessManager never send, such as a handshake cut off halfway. The waits run the
// event loop instead of blocking, so a host on the test's own thread keeps serving.
class RawConnection
{
public:
    RawConnection();

    // Connects to 127.0.0.1 on `port` and returns whether the connection was established.
    bool connectTo(quint16 port, int timeoutMs = 5000);
    void write(const QByteArray &bytes);
    // Waits until the peer closes the connection. Returns false on a timeout.
    bool waitForClose(int timeoutMs = 5000);
    // Closes the socket at once and discards unsent data, as a client that crashed would.
    void abort();

    // Everything the peer has sent so far.
    QByteArray received() const { return m_received; }
    // The first line received, without its CRLF, for example "HTTP/1.1 401 Unauthorized".
    QByteArray statusLine() const;
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

// Returns a complete WebSocket upgrade request for /ws on 127.0.0.1:`port`. Each entry of
// `extraHeaders` is one "Name: value" line added after the standard ones.
QByteArray webSocketUpgradeRequest(quint16 port, const QList<QByteArray> &extraHeaders = {});
