#include "staticsite.h"

#include "httpapi.h"
#include "httpreply.h"
#include "logging.h"

#include <QDirIterator>
#include <QFile>
#include <QHttpServerRequest>
#include <QUrl>

namespace confab {

namespace {

constexpr char kResourceRoot[] = ":/web";

QByteArray mimeTypeFor(const QString &fileName)
{
    static const QHash<QString, QByteArray> types{
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("ico"), "image/x-icon"},
    };
    return types.value(fileName.section(QLatin1Char('.'), -1), "application/octet-stream");
}

const QByteArray kNotFoundPage =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>"
    "</head><body><h1>Not found</h1><p>There is no page at this address. "
    "<a href=\"/\">Open the chat</a>.</p></body></html>";

} // namespace

const QByteArray StaticSite::kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self' ws: wss:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

StaticSite::StaticSite()
{
    QDirIterator it(QString::fromLatin1(kResourceRoot), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcHttp) << "cannot read resource" << path;
            continue;
        }
        const QByteArray urlPath = path.mid(int(qstrlen(kResourceRoot))).toUtf8();
        m_files.insert(urlPath, {mimeTypeFor(path), file.readAll()});
    }
    if (m_files.contains("/index.html")) {
        m_files.insert("/", m_files.value("/index.html"));
    } else {
        qCWarning(lcHttp) << "the browser page is missing from the resources";
    }
}

const StaticSite::File *StaticSite::find(const QByteArray &encodedPath) const
{
    const auto it = m_files.constFind(encodedPath);
    return it == m_files.constEnd() ? nullptr : &it.value();
}

void StaticSite::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder) const
{
    HttpReply reply(std::move(responder));
    const QByteArray path = request.url().path(QUrl::FullyEncoded).toUtf8();
    const bool isGet = request.method() == QHttpServerRequest::Method::Get;
    const bool isHead = request.method() == QHttpServerRequest::Method::Head;

    const QByteArray allowed = HttpApi::allowedMethod(path);
    if (!allowed.isEmpty()) {
        reply.sendError(405, QStringLiteral("use %1 for %2")
                                 .arg(QString::fromLatin1(allowed), QString::fromUtf8(path)),
                        {{"Allow", allowed}});
        return;
    }
    if (path == "/ws") {
        reply.sendError(426, QStringLiteral("/ws accepts only WebSocket upgrades"),
                        {{"Upgrade", "websocket"}});
        return;
    }
    if (path.startsWith("/api/")) {
        reply.sendError(404, QStringLiteral("no such API endpoint"));
        return;
    }
    const File *file = (isGet || isHead) ? find(path) : nullptr;
    const HeaderPairs pageHeaders{{"Content-Security-Policy", kContentSecurityPolicy},
                                  {"X-Frame-Options", "DENY"}};
    if (!file) {
        reply.send(404, "text/html; charset=utf-8", isHead ? QByteArray() : kNotFoundPage,
                   pageHeaders);
        return;
    }
    // NOTE: a HEAD response carries Content-Length 0 rather than the file's size, because
    // QHttpServerResponse 6.4 derives the length from the body it is given.
    reply.send(200, file->mimeType, isHead ? QByteArray() : file->body, pageHeaders);
}

} // namespace confab
