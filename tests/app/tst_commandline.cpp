#include "commandline.h"

#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowByDefault();
    void hostDefaults();
    void hostOptions();
    void joinUrl();
    void forgetCertificateHostKey_data();
    void forgetCertificateHostKey();
    void helpListsEveryOption();
    void invalidArguments_data();
    void invalidArguments();

private:
    static CommandLine parse(const QStringList &arguments);
    QTemporaryDir m_dir;
    QString m_certificate;
    QString m_key;
};

CommandLine TestCommandLine::parse(const QStringList &arguments)
{
    return parseCommandLine(QStringList {QStringLiteral("confab")} + arguments);
}

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certificate = m_dir.filePath("cert.pem");
    m_key = m_dir.filePath("key.pem");
    for (const QString &path : {m_certificate, m_key}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("placeholder, only checked for readability here\n");
    }
}

void TestCommandLine::windowByDefault()
{
    const CommandLine result = parse({});
    QCOMPARE(result.status, CommandLine::Status::Ok);
    QCOMPARE(result.command, CommandLine::Command::Window);
}

void TestCommandLine::hostDefaults()
{
    const CommandLine result = parse({"host"});
    QCOMPARE(result.status, CommandLine::Status::Ok);
    QCOMPARE(result.command, CommandLine::Command::Host);
    QVERIFY(!result.headless);
    QCOMPARE(result.hostConfig.port, quint16(8765));
    QCOMPARE(result.hostConfig.bindAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(result.hostConfig.databasePath.isEmpty());
    QVERIFY(result.hostConfig.allowedOrigins.isEmpty());
}

void TestCommandLine::hostOptions()
{
    const CommandLine result = parse(
        {"host", "--port", "0", "--bind", "0.0.0.0", "--db", "/tmp/x.sqlite", "--allow-origin",
         "https://chat.example.org/", "--allow-origin", "http://127.0.0.1:3000", "--tls-cert",
         m_certificate, "--tls-key", m_key, "--headless"});
    QVERIFY2(result.status == CommandLine::Status::Ok, qPrintable(result.errorString));
    QCOMPARE(result.hostConfig.port, quint16(0));
    QCOMPARE(result.hostConfig.bindAddress, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(result.hostConfig.databasePath, QStringLiteral("/tmp/x.sqlite"));
    QCOMPARE(result.hostConfig.allowedOrigins,
             QStringList({"https://chat.example.org", "http://127.0.0.1:3000"}));
    QCOMPARE(result.hostConfig.tlsCertificatePath, m_certificate);
    QCOMPARE(result.hostConfig.tlsKeyPath, m_key);
    QVERIFY(result.headless);

    const CommandLine localhost = parse({"host", "--bind", "localhost"});
    QCOMPARE(localhost.hostConfig.bindAddress, QHostAddress(QHostAddress::LocalHost));
    const CommandLine ipv6 = parse({"host", "--bind", "::"});
    QCOMPARE(ipv6.hostConfig.bindAddress, QHostAddress(QHostAddress::AnyIPv6));
}

void TestCommandLine::joinUrl()
{
    const CommandLine result = parse({"join", "192.168.1.20:8765"});
    QCOMPARE(result.status, CommandLine::Status::Ok);
    QCOMPARE(result.command, CommandLine::Command::Join);
    QCOMPARE(result.joinUrl.toString(), QStringLiteral("http://192.168.1.20:8765"));
}

void TestCommandLine::forgetCertificateHostKey_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("hostKey");
    QTest::newRow("ip and port") << "192.168.1.20:8765" << "192.168.1.20:8765";
    QTest::newRow("https default port") << "https://chat.example.org" << "chat.example.org:443";
    QTest::newRow("name without scheme") << "Chat.Example.org" << "chat.example.org:443";
    QTest::newRow("wss ipv6") << "wss://[::1]:9000" << "[::1]:9000";
}

void TestCommandLine::forgetCertificateHostKey()
{
    QFETCH(QString, address);
    QFETCH(QString, hostKey);
    const CommandLine result = parse({"forget-certificate", address});
    QCOMPARE(result.status, CommandLine::Status::Ok);
    QCOMPARE(result.command, CommandLine::Command::ForgetCertificate);
    QCOMPARE(result.certificateHostKey, hostKey);
}

void TestCommandLine::helpListsEveryOption()
{
    const CommandLine result = parse({"--help"});
    QCOMPARE(result.status, CommandLine::Status::Help);
    for (const char *option : {"--port", "--bind", "--db", "--allow-origin", "--tls-cert",
                               "--tls-key", "--headless", "Default: 8765", "Default: 127.0.0.1"}) {
        QVERIFY2(result.helpText.contains(QLatin1String(option)), option);
    }
}

void TestCommandLine::invalidArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("port too large") << QStringList {"host", "--port", "65536"} << "Invalid port";
    QTest::newRow("port negative") << QStringList {"host", "--port", "-1"} << "Invalid port";
    QTest::newRow("port not a number") << QStringList {"host", "--port", "http"} << "Invalid port";
    QTest::newRow("bind host name")
        << QStringList {"host", "--bind", "example.org"} << "Invalid bind address";
    QTest::newRow("bind empty") << QStringList {"host", "--bind", ""} << "Invalid bind address";
    QTest::newRow("origin with path")
        << QStringList {"host", "--allow-origin", "https://a.org/x"} << "Invalid origin";
    QTest::newRow("origin ftp") << QStringList {"host", "--allow-origin", "ftp://a.org"}
                                << "Invalid origin";
    QTest::newRow("cert without key")
        << QStringList {"host", "--tls-cert", "/dev/null"} << "--tls-cert and --tls-key";
    QTest::newRow("missing cert file") << QStringList {"host", "--tls-cert", "/nonexistent/c.pem",
                                                       "--tls-key", "/nonexistent/k.pem"}
                                       << "Cannot read";
    QTest::newRow("port without host") << QStringList {"--port", "1"} << "only valid with";
    QTest::newRow("headless with join")
        << QStringList {"join", "http://127.0.0.1:1", "--headless"} << "only valid with";
    QTest::newRow("join without url") << QStringList {"join"} << "takes one host address";
    QTest::newRow("join two urls") << QStringList {"join", "a", "b"} << "takes one host address";
    QTest::newRow("join ftp") << QStringList {"join", "ftp://a"} << "Unsupported scheme";
    QTest::newRow("unknown command") << QStringList {"serve"} << "Unknown command";
    QTest::newRow("unknown option") << QStringList {"host", "--frobnicate"} << "frobnicate";
    QTest::newRow("forget without host")
        << QStringList {"forget-certificate"} << "takes one host and port";
    QTest::newRow("forget http host")
        << QStringList {"forget-certificate", "http://127.0.0.1:8765"} << "only for https";
    QTest::newRow("forget with port option")
        << QStringList {"forget-certificate", "127.0.0.1:1", "--port", "1"} << "only valid with";
    QTest::newRow("host extra argument") << QStringList {"host", "now"} << "Unexpected argument";
}

void TestCommandLine::invalidArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, errorPart);
    const CommandLine result = parse(arguments);
    QCOMPARE(result.status, CommandLine::Status::Error);
    QVERIFY2(result.errorString.contains(errorPart), qPrintable(result.errorString));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
