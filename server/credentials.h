#pragma once

#include <QByteArray>
#include <QString>

namespace confab {

// A username and password taken from a register or login request body.
struct Credentials
{
    QString username;
    QByteArray password; // UTF-8
};

enum class BodyStatus { Ok, UnsupportedMediaType, Malformed, MissingField };

struct CredentialsParse
{
    BodyStatus status = BodyStatus::Malformed;
    Credentials credentials;
    QString error; // a sentence for the 4xx response when status is not Ok
};

// Decodes `{"username": ..., "password": ...}` from a JSON or
// application/x-www-form-urlencoded body, chosen by the Content-Type header.
CredentialsParse parseCredentials(const QByteArray &contentType, const QByteArray &body);

// Returns an empty string when the username is 1-32 ASCII letters, digits, '_', '.' or '-',
// otherwise the rule it breaks. Only ASCII is allowed so that no two names look alike.
QString validateUsername(const QString &username);

// Returns an empty string when the password is 8-1024 bytes of UTF-8, otherwise the rule.
QString validatePassword(const QByteArray &password);

// Returns the form used for the case-insensitive uniqueness check.
QString usernameKey(const QString &username);

} // namespace confab
