#pragma once

#include <QByteArrayView>
#include <QString>

// Property checks for the host's pure parsers, shared by the libFuzzer targets and by the
// tst_parsers regression suite so that both judge an input the same way. Each function runs one
// parser on `input` and checks what the host's callers rely on. It returns an empty string when
// every property holds, otherwise a sentence naming the broken one.
namespace confab::fuzz {

// `input` is a whole Cookie header value. Checks cookies::find for the session cookie and
// sessiontoken::isWellFormed on what it returns.
QString checkCookieHeader(QByteArrayView input);

// `input` is a Content-Type value, a line feed, then a request body. Without a line feed the
// whole input is the Content-Type and the body is empty. Checks parseCredentials and the
// username and password rules on its output.
QString checkCredentialsBody(QByteArrayView input);

// `input` is a WebSocket text frame, decoded from UTF-8 with replacement characters the way
// QString::fromUtf8 does it. Checks decodeClientFrame and the frames the host sends back.
QString checkClientFrame(QByteArrayView input);

// `input` is the start of what a client sent on a connection. Checks parseRequestHead,
// requestBodyLength and the RequestHead accessors.
QString checkRequestHead(QByteArrayView input);

} // namespace confab::fuzz
