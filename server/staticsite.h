#pragma once

#include <QByteArray>
#include <QHash>

class QHttpServerRequest;
class QHttpServerResponder;

namespace confab {

// The browser page, compiled in from resources/web, and the responses to every request no API
// route matched: the page's files, 405 for a known path with another method, 404 otherwise.
class StaticSite
{
public:
    StaticSite();

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;

    // The Content-Security-Policy on every page: only the host's own scripts and styles, no
    // inline script, and sockets only back to the host.
    static const QByteArray kContentSecurityPolicy;

private:
    struct File
    {
        QByteArray mimeType;
        QByteArray body;
    };

    // Returns the file for a request path, or nullptr. Only exact names of compiled-in files
    // match, so no path (dot segments, encoded dots, backslashes) can leave the resource root.
    const File *find(const QByteArray &encodedPath) const;

    QHash<QByteArray, File> m_files; // by request path, for example "/app.js"
};

} // namespace confab
