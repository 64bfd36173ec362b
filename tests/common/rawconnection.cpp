#include "rawconnection.h"

#include <QHostAddress>
#include <QTest>

RawConnection::RawConnection()
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket,
                     [this] { m_received += m_socket.readAll(); });
}

bool RawConnection::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return QTest::qWaitFor(
               [this] {
                   return m_socket.state() == QAbstractSocket::ConnectedState
                       || m_socket.state() == QAbstractSocket::UnconnectedState;
               },
               timeoutMs)
        && isConnected();
}

void RawConnection::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawConnection::waitForClose(int timeoutMs)
{
    const bool closed = QTest::qWaitFor(
        [this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    // Bytes that arrived together with the FIN may still be buffered.
    m_received += m_socket.readAll();
    return closed;
}

void RawConnection::abort()
{
    m_socket.abort();
}

QByteArray RawConnection::statusLine() const
{
    const qsizetype end = m_received.indexOf("\r\n");
    return end < 0 ? m_received : m_received.left(end);
}

QByteArray webSocketUpgradeRequest(quint16 port, const QList<QByteArray> &extraHeaders)
{
    // The key is the sample nonce from RFC 6455 section 1.3.
    QByteArray request = "GET /ws HTTP/1.1\r\n"
                         "Host: 127.0.0.1:"
        + QByteArray::number(port)
        + "\r\n"
          "Upgrade: websocket\r\n"
          "Connection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n";
    for (const QByteArray &line : extraHeaders) {
        request += line + "\r\n";
    }
    return request + "\r\n";
}
