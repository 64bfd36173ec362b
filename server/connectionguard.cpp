#include "connectionguard.h"

#include "hostlimits.h"
#include "hostnamefilter.h"
#include "logging.h"
#include "rawresponse.h"

#include <QTcpSocket>

namespace confab {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HostNameFilter *hostNames)
    : QObject(socket)
    , m_socket(socket)
    , m_hostNames(hostNames)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ConnectionGuard::timedOut);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::scanNewBytes);
    // The first request must arrive in full within the head timeout of the connection opening.
    enter(State::AwaitingHead);
}

void ConnectionGuard::attachAfterHttpServer()
{
    connect(m_socket, &QTcpSocket::readyRead, this,
            [this] { m_scanned = m_socket->bytesAvailable(); });
}

void ConnectionGuard::stop()
{
    enter(State::Stopped);
}

void ConnectionGuard::scanNewBytes()
{
    if (m_state == State::Stopped) {
        return;
    }
    const QByteArray buffered = m_socket->peek(m_socket->bytesAvailable());
    QByteArrayView fresh = QByteArrayView(buffered).sliced(qMin(m_scanned, buffered.size()));
    m_scanned = buffered.size();
    while (!fresh.isEmpty() && m_state != State::Stopped) {
        if (m_state == State::ReadingBody) {
            fresh = scanBody(fresh);
        } else {
            fresh = scanHead(fresh);
        }
    }
}

QByteArrayView ConnectionGuard::scanHead(QByteArrayView bytes)
{
    if (m_state == State::Idle) {
        enter(State::AwaitingHead);
    }
    // RFC 9112 section 2.2: a server should ignore empty lines before a request line.
    if (m_head.isEmpty()) {
        while (!bytes.isEmpty() && (bytes.front() == '\r' || bytes.front() == '\n')) {
            bytes = bytes.sliced(1);
        }
    }
    const qsizetype before = m_head.size();
    const qsizetype room = limits::kMaxRequestHeadBytes + 1 - before;
    m_head.append(bytes.first(qMin(bytes.size(), qMax<qsizetype>(room, 0))));
    const HeadParse parse = parseRequestHead(m_head);
    switch (parse.status) {
    case HeadStatus::Incomplete:
        return {};
    case HeadStatus::TooLarge:
        reject(431, QStringLiteral("request headers are larger than %1 bytes")
                        .arg(limits::kMaxRequestHeadBytes));
        return {};
    case HeadStatus::TooManyHeaders:
        reject(431, QStringLiteral("request has more than %1 header lines")
                        .arg(limits::kMaxRequestHeaderLines));
        return {};
    case HeadStatus::Malformed:
        reject(400, QStringLiteral("malformed HTTP request"));
        return {};
    case HeadStatus::Complete:
        break;
    }
    const QByteArrayView rest = bytes.sliced(parse.head.size - before);
    m_head.clear();
    completeHead(parse.head);
    return rest;
}

QByteArrayView ConnectionGuard::scanBody(QByteArrayView bytes)
{
    const qsizetype bodyBytes = qsizetype(qMin<qint64>(m_bodyRemaining, bytes.size()));
    m_bodyRemaining -= bodyBytes;
    if (m_bodyRemaining == 0) {
        enter(State::Idle);
    }
    return bytes.sliced(bodyBytes);
}

void ConnectionGuard::completeHead(const RequestHead &head)
{
    const bool first = m_firstRequest;
    m_firstRequest = false;
    if (!checkHost(head)) {
        return;
    }
    if (head.isWebSocketUpgrade()) {
        if (!first || head.path() != "/ws") {
            reject(400, QStringLiteral("a WebSocket upgrade is accepted only at /ws, as the "
                                       "first request of a connection"));
            return;
        }
        enter(State::Stopped);
        emit firstHeadReady(head);
        return;
    }
    if (!checkBodyLength(head)) {
        return;
    }
    enter(m_bodyRemaining > 0 ? State::ReadingBody : State::Idle);
    if (first) {
        emit firstHeadReady(head);
    }
}

bool ConnectionGuard::checkHost(const RequestHead &head)
{
    // RFC 9112 section 3.2: exactly one Host header, or 400.
    if (head.headerCount("host") != 1) {
        reject(400, QStringLiteral("a request needs exactly one Host header"));
        return false;
    }
    if (!m_hostNames->isAllowed(head.header("host"))) {
        reject(421, QStringLiteral("this host does not serve the name %1; add its origin with "
                                   "--allow-origin")
                        .arg(QString::fromLatin1(head.header("host").left(255))));
        return false;
    }
    return true;
}

bool ConnectionGuard::checkBodyLength(const RequestHead &head)
{
    const BodyLength length = requestBodyLength(head);
    switch (length.status) {
    case BodyLengthStatus::Chunked:
        reject(411, QStringLiteral("Transfer-Encoding is not supported; send Content-Length"));
        return false;
    case BodyLengthStatus::Invalid:
        reject(400, QStringLiteral("invalid Content-Length"));
        return false;
    case BodyLengthStatus::Ok:
        break;
    }
    if (length.bytes > limits::kMaxRequestBodyBytes) {
        reject(413, QStringLiteral("request body is larger than %1 bytes")
                        .arg(limits::kMaxRequestBodyBytes));
        return false;
    }
    m_bodyRemaining = length.bytes;
    return true;
}

// NOTE: when requests arrive pipelined in one read and a later one is rejected, the earlier
// ones are dropped unanswered: QHttpServer has not read them yet, and it reads everything at
// once. Browsers and Qt clients do not pipeline.
void ConnectionGuard::reject(int status, const QString &error)
{
    qCInfo(lcHttp).nospace() << "rejected a request from " << m_socket->peerAddress().toString()
                             << ':' << m_socket->peerPort() << " with " << status << ": "
                             << error;
    enter(State::Stopped);
    writeErrorAndClose(m_socket, status, error);
}

void ConnectionGuard::enter(State state)
{
    m_state = state;
    switch (state) {
    case State::AwaitingHead:
        m_deadline.start(limits::kRequestHeadTimeout);
        break;
    case State::ReadingBody:
        m_deadline.start(limits::kRequestBodyTimeout);
        break;
    case State::Idle:
        m_deadline.start(limits::kKeepAliveIdleTimeout);
        break;
    case State::Stopped:
        m_deadline.stop();
        break;
    }
}

void ConnectionGuard::timedOut()
{
    if (m_state == State::Idle || (m_state == State::AwaitingHead && m_head.isEmpty())) {
        qCDebug(lcHttp) << "closing an idle connection from" << m_socket->peerAddress().toString();
        enter(State::Stopped);
        m_socket->disconnectFromHost();
        return;
    }
    reject(408, QStringLiteral("request timed out"));
}

} // namespace confab
