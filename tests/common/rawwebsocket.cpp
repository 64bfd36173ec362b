#include "rawwebsocket.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

namespace {

// The GUID that RFC 6455 section 1.3 appends to the key to derive Sec-WebSocket-Accept.
constexpr QByteArrayView kAcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = char(QRandomGenerator::global()->bounded(256));
    }
    return bytes;
}

} // namespace

int WsFrame::closeCode() const
{
    if (payload.size() < 2) {
        return 1005;
    }
    return qFromBigEndian<quint16>(payload.constData());
}

QByteArray encodeClientFrame(WsOpcode opcode, QByteArrayView payload, bool fin)
{
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    frame.append(char((fin ? 0x80 : 0x00) | quint8(opcode)));
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xffff) {
        frame.append(char(0x80 | 126));
        char length[2];
        qToBigEndian<quint16>(quint16(size), length);
        frame.append(length, 2);
    } else {
        frame.append(char(0x80 | 127));
        char length[8];
        qToBigEndian<quint64>(size, length);
        frame.append(length, 8);
    }
    const QByteArray mask = randomBytes(4);
    frame.append(mask);
    const qsizetype start = frame.size();
    frame.append(payload.data(), payload.size());
    for (qsizetype i = 0; i < payload.size(); ++i) {
        frame[start + i] = char(frame[start + i] ^ mask[i % 4]);
    }
    return frame;
}

RawWebSocket::RawWebSocket()
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
        if (m_reading) {
            readAvailable();
        }
    });
}

bool RawWebSocket::open(quint16 port, const QByteArray &cookie, int timeoutMs)
{
    m_key = randomBytes(16).toBase64();
    QByteArray request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          "Sec-WebSocket-Key: "
        + m_key + "\r\n";
    if (!cookie.isEmpty()) {
        request += "Cookie: " + cookie + "\r\n";
    }
    request += "\r\n";
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    const bool settled = QTest::qWaitFor(
        [this] {
            return m_socket.state() == QAbstractSocket::ConnectedState
                || m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    if (!settled || !isConnected()) {
        return false;
    }
    writeRaw(request);
    return QTest::qWaitFor(
               [this] { return m_upgraded || m_handshakeFailed || !isConnected(); }, timeoutMs)
        && m_upgraded;
}

void RawWebSocket::sendFrame(WsOpcode opcode, QByteArrayView payload, bool fin)
{
    writeRaw(encodeClientFrame(opcode, payload, fin));
}

void RawWebSocket::sendChat(const QString &message)
{
    const QJsonObject frame{{QStringLiteral("type"), QStringLiteral("chat")},
                            {QStringLiteral("message"), message}};
    sendFrame(WsOpcode::Text, QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void RawWebSocket::writeRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

void RawWebSocket::stopReading(int receiveBufferBytes)
{
    m_reading = false;
    // QAbstractSocket stops reading from the kernel once its own buffer contains this much.
    m_socket.setReadBufferSize(1);
    // Linux doubles the value and disables receive buffer autotuning for the socket.
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBufferBytes);
}

void RawWebSocket::resumeReading()
{
    m_reading = true;
    m_socket.setReadBufferSize(0);
    // A large window again, so that what the host's kernel still has queued drains quickly.
    m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
    readAvailable();
}

int RawWebSocket::frameCount(WsOpcode opcode) const
{
    return int(std::count_if(m_frames.begin(), m_frames.end(),
                             [opcode](const WsFrame &frame) { return frame.opcode == opcode; }));
}

QList<QJsonObject> RawWebSocket::messages() const
{
    QList<QJsonObject> result;
    if (!m_keepPayloads) {
        return result;
    }
    QByteArray partial;
    for (const WsFrame &frame : m_frames) {
        if (frame.opcode == WsOpcode::Text) {
            partial = frame.payload;
        } else if (frame.opcode == WsOpcode::Continuation) {
            partial += frame.payload;
        } else {
            continue;
        }
        if (frame.fin) {
            result.append(QJsonDocument::fromJson(partial).object());
            partial.clear();
        }
    }
    return result;
}

std::optional<int> RawWebSocket::closeCode() const
{
    for (const WsFrame &frame : m_frames) {
        if (frame.opcode == WsOpcode::Close) {
            return frame.closeCode();
        }
    }
    return std::nullopt;
}

bool RawWebSocket::waitForMessage(const std::function<bool(const QJsonObject &)> &predicate,
                                  int timeoutMs) const
{
    return QTest::qWaitFor(
        [&] {
            const QList<QJsonObject> received = messages();
            return std::any_of(received.begin(), received.end(), predicate);
        },
        timeoutMs);
}

bool RawWebSocket::waitForDisconnect(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void RawWebSocket::readAvailable()
{
    const QByteArray bytes = m_socket.readAll();
    m_bytesReceived += bytes.size();
    m_buffer += bytes;
    if (!m_upgraded && !m_handshakeFailed) {
        parseHandshake();
    }
    if (m_upgraded) {
        parseFrames();
    }
}

void RawWebSocket::parseHandshake()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return;
    }
    m_handshakeResponse = m_buffer.left(end + 4);
    m_buffer.remove(0, end + 4);
    const QByteArray expectedAccept =
        QCryptographicHash::hash(m_key + kAcceptGuid.toByteArray(), QCryptographicHash::Sha1)
            .toBase64();
    const bool switched = m_handshakeResponse.startsWith("HTTP/1.1 101 ");
    const bool accepted = m_handshakeResponse.toLower().contains(
        "\r\nsec-websocket-accept: " + expectedAccept.toLower() + "\r\n");
    m_upgraded = switched && accepted;
    m_handshakeFailed = !m_upgraded;
}

void RawWebSocket::parseFrames()
{
    qsizetype pos = 0; // start of the first frame not parsed yet
    const auto byteAt = [this, &pos](qsizetype i) { return quint8(m_buffer[pos + i]); };
    for (;;) {
        const qsizetype available = m_buffer.size() - pos;
        if (available < 2) {
            break;
        }
        qsizetype offset = 2;
        quint64 size = byteAt(1) & 0x7f;
        if (size == 126) {
            if (available < 4) {
                break;
            }
            size = qFromBigEndian<quint16>(m_buffer.constData() + pos + 2);
            offset = 4;
        } else if (size == 127) {
            if (available < 10) {
                break;
            }
            size = qFromBigEndian<quint64>(m_buffer.constData() + pos + 2);
            offset = 10;
        }
        const bool masked = byteAt(1) & 0x80; // hosts must not mask, but a test should see it
        const qsizetype maskOffset = offset;
        if (masked) {
            offset += 4;
        }
        if (available < offset || quint64(available - offset) < size) {
            break;
        }
        WsFrame frame;
        frame.fin = byteAt(0) & 0x80;
        frame.opcode = WsOpcode(byteAt(0) & 0x0f);
        frame.payloadSize = qsizetype(size);
        // Close frames are kept whole, so that their code is known even when payloads are not.
        if (m_keepPayloads || frame.opcode == WsOpcode::Close) {
            frame.payload = m_buffer.mid(pos + offset, qsizetype(size));
            if (masked) {
                for (qsizetype i = 0; i < frame.payload.size(); ++i) {
                    frame.payload[i] = char(frame.payload[i] ^ byteAt(maskOffset + i % 4));
                }
            }
        }
        m_frames.append(frame);
        pos += offset + qsizetype(size);
    }
    m_buffer.remove(0, pos);
}
