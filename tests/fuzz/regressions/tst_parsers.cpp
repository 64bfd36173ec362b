#include "parserchecks.h"

#include "chatframe.h"
#include "cookies.h"
#include "credentials.h"
#include "hostlimits.h"
#include "requesthead.h"
#include "sessiontoken.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace confab;

Q_DECLARE_METATYPE(confab::HeadStatus)

namespace {

constexpr char kToken[] = "Hk3_yR9v-QwE2mZp7LsXc4NbV8aT1uJoD6fG0hKiWeY";
constexpr qsizetype kMegabyte = 1024 * 1024;

const QStringList kTargets = {QStringLiteral("cookies"), QStringLiteral("credentials"),
                              QStringLiteral("chatframe"), QStringLiteral("requesthead")};

QString runCheck(const QString &target, QByteArrayView input)
{
    if (target == QLatin1String("cookies")) {
        return fuzz::checkCookieHeader(input);
    }
    if (target == QLatin1String("credentials")) {
        return fuzz::checkCredentialsBody(input);
    }
    if (target == QLatin1String("chatframe")) {
        return fuzz::checkClientFrame(input);
    }
    if (target == QLatin1String("requesthead")) {
        return fuzz::checkRequestHead(input);
    }
    return QStringLiteral("unknown target %1").arg(target);
}

// A byte array of a whole string literal, NUL bytes included.
template<size_t size> QByteArray bytes(const char (&literal)[size])
{
    return QByteArray(literal, qsizetype(size - 1));
}

QByteArray repeated(QByteArrayView text, qsizetype count)
{
    return text.toByteArray().repeated(count);
}

QByteArray nested(QByteArrayView open, QByteArrayView close, qsizetype depth)
{
    return repeated(open, depth) + repeated(close, depth);
}

QByteArray headerLines(qsizetype count)
{
    QByteArray lines;
    for (qsizetype i = 0; i < count; ++i) {
        lines += "X-Line-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    }
    return lines;
}

// A GET request whose head is exactly `size` bytes, padded with one header.
QByteArray headOfSize(qsizetype size)
{
    const QByteArray start = "GET / HTTP/1.1\r\nX-Padding: ";
    const QByteArray end = "\r\n\r\n";
    return start + QByteArray(size - start.size() - end.size(), 'p') + end;
}

} // namespace

class tst_Parsers : public QObject
{
    Q_OBJECT

private slots:
    void savedInput_data();
    void savedInput();
    void generatedInput_data();
    void generatedInput();
    void requestHeadStatus_data();
    void requestHeadStatus();
    void megabyteCookieHeader();
    void deeplyNestedJson_data();
    void deeplyNestedJson();
};

// Every seed under tests/fuzz/corpus and every saved finding under tests/fuzz/regressions.
void tst_Parsers::savedInput_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QDir fuzzDir(QStringLiteral(CONFAB_FUZZ_DIR));
    for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
        for (const QString &target : kTargets) {
            const QDir dir(fuzzDir.filePath(kind + u'/' + target));
            const QStringList names = dir.entryList(QDir::Files, QDir::Name);
            QVERIFY2(!names.isEmpty(), qPrintable(dir.path() + QStringLiteral(" has no inputs")));
            for (const QString &name : names) {
                const QString row = kind + u'/' + target + u'/' + name;
                QTest::newRow(qPrintable(row)) << target << dir.filePath(name);
            }
        }
    }
}

void tst_Parsers::savedInput()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QByteArray input = file.readAll();
    const QString broken = runCheck(target, input);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

// Inputs too large or too odd to commit as files, checked for the same properties.
void tst_Parsers::generatedInput_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("input");
    const QByteArray session = QByteArray(kSessionCookieName) + '=' + kToken;

    QTest::newRow("cookies: 1 MiB of pairs")
        << "cookies" << repeated("a=b; ", kMegabyte / 5) + session;
    QTest::newRow("cookies: 1 MiB value") << "cookies" << session + QByteArray(kMegabyte, 'A');
    QTest::newRow("cookies: 1 MiB of separators") << "cookies" << repeated(";,", kMegabyte / 2);
    QTest::newRow("cookies: NUL bytes") << "cookies" << bytes("confab_sid=\0abc\0; \0=\0");
    QTest::newRow("cookies: invalid UTF-8")
        << "cookies" << QByteArray("\xc3\x28=1; confab_sid=\xff\xfe");
    QTest::newRow("cookies: quotes only") << "cookies" << QByteArray("confab_sid=\"; x=\"\"");

    QTest::newRow("credentials: 10000 form fields")
        << "credentials"
        << "application/x-www-form-urlencoded\n" + repeated("username=a&", 10000) + "password=x";
    QTest::newRow("credentials: NUL bytes")
        << "credentials"
        << bytes("application/json\n{\"username\":\"a\\u0000\",\"password\":\"\0\0\0\0\0\0\0\0\"}");
    QTest::newRow("credentials: invalid UTF-8 in JSON")
        << "credentials"
        << QByteArray(
               "application/json\n{\"username\":\"\xff\",\"password\":\"\xc3\x28xxxxxxxx\"}");
    QTest::newRow("credentials: invalid UTF-8 in form")
        << "credentials"
        << QByteArray("application/x-www-form-urlencoded\nusername=%FF&password=%C3%28xxxxxxxx");
    QTest::newRow("credentials: 1 MiB password")
        << "credentials"
        << "application/json\n{\"username\":\"alice\",\"password\":\"" + QByteArray(kMegabyte, 'p')
            + "\"}";
    QTest::newRow("credentials: lone surrogate password")
        << "credentials"
        << QByteArray(
               "application/json\n{\"username\":\"alice\",\"password\":\"\\ud800correct horse\"}");

    QTest::newRow("chatframe: NUL bytes")
        << "chatframe" << bytes("{\"type\":\"chat\",\"message\":\"\0\"}\0");
    QTest::newRow("chatframe: invalid UTF-8")
        << "chatframe" << QByteArray("{\"type\":\"chat\",\"message\":\"\xff\xfe\xc3\x28\"}");
    QTest::newRow("chatframe: 4001 code units") << "chatframe"
                                                << "{\"type\":\"chat\",\"message\":\""
            + QByteArray(limits::kMaxMessageLength + 1, 'a') + "\"}";
    QTest::newRow("chatframe: 2000 surrogate pairs")
        << "chatframe"
        << "{\"type\":\"chat\",\"message\":\"" + repeated("\xf0\x9f\x98\x80", 2000) + "\"}";
    QTest::newRow("chatframe: 1 MiB message")
        << "chatframe"
        << "{\"type\":\"chat\",\"message\":\"" + QByteArray(kMegabyte, 'a') + "\"}";

    QTest::newRow("requesthead: 10000 header lines")
        << "requesthead"
        << "GET / HTTP/1.1\r\n" + headerLines(10000) + "\r\n";
    QTest::newRow("requesthead: 1 MiB without a blank line")
        << "requesthead"
        << "GET / HTTP/1.1\r\nCookie: " + QByteArray(kMegabyte, 'c');
    QTest::newRow("requesthead: 1 MiB of CRLF") << "requesthead" << repeated("\r\n", kMegabyte / 2);
    QTest::newRow("requesthead: NUL in a value")
        << "requesthead" << bytes("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n");
    QTest::newRow("requesthead: NUL in the target")
        << "requesthead" << bytes("GET /\0 HTTP/1.1\r\n\r\n");
    QTest::newRow("requesthead: invalid UTF-8 in a value")
        << "requesthead" << QByteArray("GET / HTTP/1.1\r\nUser-Agent: \xff\xfe\xc3\x28\r\n\r\n");
}

void tst_Parsers::generatedInput()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, input);
    const QString broken = runCheck(target, input);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

void tst_Parsers::requestHeadStatus_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HeadStatus>("expected");

    QTest::newRow("head at the byte limit")
        << headOfSize(limits::kMaxRequestHeadBytes) << HeadStatus::Complete;
    QTest::newRow("head one byte over the limit")
        << headOfSize(limits::kMaxRequestHeadBytes + 1) << HeadStatus::TooLarge;
    QTest::newRow("incomplete head at the byte limit")
        << headOfSize(limits::kMaxRequestHeadBytes).chopped(1) << HeadStatus::Incomplete;
    QTest::newRow("header lines at the limit")
        << "GET / HTTP/1.1\r\n" + headerLines(limits::kMaxRequestHeaderLines) + "\r\n"
        << HeadStatus::Complete;
    QTest::newRow("one header line over the limit")
        << "GET / HTTP/1.1\r\n" + headerLines(limits::kMaxRequestHeaderLines + 1) + "\r\n"
        << HeadStatus::TooManyHeaders;
    // 10,000 header lines cannot fit in the byte limit, which is checked first.
    QTest::newRow("10000 header lines") << "GET / HTTP/1.1\r\n" + headerLines(10000) + "\r\n"
                                        << HeadStatus::TooLarge;
    QTest::newRow("10000 header lines, no blank line yet")
        << "GET / HTTP/1.1\r\n" + headerLines(10000) << HeadStatus::TooLarge;
    QTest::newRow("tab in the target")
        << QByteArray("GET /ws\tHTTP/1.1 HTTP/1.1\r\n\r\n") << HeadStatus::Malformed;
    QTest::newRow("NUL in a value")
        << bytes("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n") << HeadStatus::Malformed;
    QTest::newRow("bare LF line ends")
        << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << HeadStatus::Incomplete;
}

void tst_Parsers::requestHeadStatus()
{
    QFETCH(QByteArray, input);
    QFETCH(HeadStatus, expected);
    QCOMPARE(parseRequestHead(input).status, expected);
}

// The session cookie after a megabyte of other cookies is still found, and a second copy
// appended after it makes the value ambiguous.
void tst_Parsers::megabyteCookieHeader()
{
    const QByteArray session = QByteArray(kSessionCookieName) + '=' + kToken;
    const QByteArray header = repeated("theme=dark; ", kMegabyte / 12) + session;
    QVERIFY(header.size() > kMegabyte - 12);
    const std::optional<QByteArray> value = cookies::find(header, kSessionCookieName);
    QVERIFY(value.has_value());
    QCOMPARE(*value, QByteArray(kToken));
    QVERIFY(sessiontoken::isWellFormed(*value));
    QVERIFY(!cookies::find(header + ", " + session, kSessionCookieName).has_value());
}

void tst_Parsers::deeplyNestedJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("100000 arrays") << nested("[", "]", 100000);
    QTest::newRow("100000 objects") << nested("{\"a\":", "}", 100000);
    QTest::newRow("100000 unclosed arrays") << repeated("[", 100000);
    QTest::newRow("arrays inside the message")
        << "{\"type\":\"chat\",\"message\":" + nested("[", "]", 100000) + "}";
}

// QJsonDocument rejects these documents without overflowing the stack, so both decoders
// return a rejection.
void tst_Parsers::deeplyNestedJson()
{
    QFETCH(QByteArray, json);
    QCOMPARE(parseCredentials("application/json", json).status, BodyStatus::Malformed);
    QCOMPARE(decodeClientFrame(QString::fromUtf8(json)).status, FrameStatus::NotJson);
    QVERIFY2(fuzz::checkCredentialsBody("application/json\n" + json).isEmpty(), "credentials");
    QVERIFY2(fuzz::checkClientFrame(json).isEmpty(), "chatframe");
}

QTEST_GUILESS_MAIN(tst_Parsers)

#include "tst_parsers.moc"
