#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QTcpSocket>

#include <functional>
#include <optional>

// WebSocket opcodes (RFC 6455 section 5.2).
enum class WsOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// One frame as it came off the wire.
struct WsFrame
{
    WsOpcode opcode = WsOpcode::Text;
    bool fin = true;
    QByteArray payload; // empty after setKeepPayloads(false), except in close frames
    qsizetype payloadSize = 0;

    // The status code of a close frame, or 1005 when its payload has none (RFC 6455 7.1.5).
    int closeCode() const;
};

// Encodes one client-to-host frame. The payload is masked with a random key, as RFC 6455
// section 5.3 requires of every client frame.
QByteArray encodeClientFrame(WsOpcode opcode, QByteArrayView payload, bool fin = true);

// A WebSocket client written on a bare QTcpSocket. The handshake is a real one, authenticated
// by the session cookie, but after it the test decides every byte: the client never sends a
// pong on its own, it can stop reading, and it can send frames QWebSocket never would. The
// waits run the event loop, so a host on the test's own thread keeps serving.
class RawWebSocket
{
public:
    RawWebSocket();

    // Connects to 127.0.0.1 on `port`, sends an upgrade for /ws that carries `cookie` (for
    // example "confab_sid=...") and waits for the response. Returns true on 101 with the
    // Sec-WebSocket-Accept value that RFC 6455 section 4.2.2 derives from the key.
    bool open(quint16 port, const QByteArray &cookie, int timeoutMs = 5000);
    // The status line and headers of the host's response to the upgrade.
    QByteArray handshakeResponse() const { return m_handshakeResponse; }

    void sendFrame(WsOpcode opcode, QByteArrayView payload, bool fin = true);
    // Sends a chat frame as the protocol defines it, in one unfragmented text frame.
    void sendChat(const QString &message);
    // Writes bytes as they are, for frames encoded ahead of time.
    void writeRaw(const QByteArray &bytes);
    qint64 bytesToWrite() const { return m_socket.bytesToWrite(); }

    // Stops taking data from the kernel and shrinks the kernel receive buffer to about
    // `receiveBufferBytes`, so that what the host sends queues up on the host's side.
    void stopReading(int receiveBufferBytes);
    // Reads again, with a receive buffer of 4 MiB.
    void resumeReading();
    // With false, keeps only the opcode and size of frames other than close frames, for
    // clients that receive a flood; messages() is then empty.
    void setKeepPayloads(bool keep) { m_keepPayloads = keep; }

    QList<WsFrame> frames() const { return m_frames; }
    int frameCount(WsOpcode opcode) const;
    // The text frames received so far, parsed as JSON objects.
    QList<QJsonObject> messages() const;
    // The code of the first close frame received, if any.
    std::optional<int> closeCode() const;
    qint64 bytesReceived() const { return m_bytesReceived; }

    // Waits for a text frame, parsed as JSON, that matches `predicate`.
    bool waitForMessage(const std::function<bool(const QJsonObject &)> &predicate,
                        int timeoutMs = 5000) const;
    // Waits until the TCP connection is closed.
    bool waitForDisconnect(int timeoutMs = 5000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void abort() { m_socket.abort(); }
    QTcpSocket &socket() { return m_socket; }

private:
    void readAvailable();
    void parseHandshake();
    void parseFrames();

    QTcpSocket m_socket;
    QByteArray m_key;
    QByteArray m_buffer;
    QByteArray m_handshakeResponse;
    bool m_upgraded = false;
    bool m_handshakeFailed = false;
    bool m_reading = true;
    bool m_keepPayloads = true;
    qint64 m_bytesReceived = 0;
    QList<WsFrame> m_frames;
};
