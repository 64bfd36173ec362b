#include "certificatetruststore.h"
#include "chatclient.h"
#include "chatconnection.h"
#include "testcertificates.h"
#include "testclients.h"
#include "testhost.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace confab::desktop;

namespace {

const QString kPassword = QStringLiteral("correct horse");

// The host logs every sign-in it handles to confab.auth (registered, failed login, session
// created) and every rejected WebSocket upgrade to confab.ws. Counting those lines shows
// whether a request got past the TLS handshake. CTest turns confab info lines off, so the
// filter turns these two categories back on.
std::atomic<int> hostSignIns {0};
std::atomic<int> hostRejectedUpgrades {0};
QtMessageHandler previousHandler = nullptr;
QLoggingCategory::CategoryFilter previousFilter = nullptr;

void enableHostLogs(QLoggingCategory *category)
{
    if (previousFilter) {
        previousFilter(category);
    }
    const QByteArray name = category->categoryName();
    if (name == "confab.auth" || name == "confab.ws") {
        category->setEnabled(QtInfoMsg, true);
    }
}

void countHostLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray category = context.category;
    if (category == "confab.auth") {
        ++hostSignIns;
    } else if (category == "confab.ws" && message.startsWith("rejected a handshake")) {
        ++hostRejectedUpgrades;
    }
    previousHandler(type, context, message);
}

} // namespace

// ChatClient and ChatConnection against a real https host on 127.0.0.1, with certificates
// that openssl makes for the run and a trust store in a temporary INI file.
class TestCertificatePinning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void firstUseAsksWithFingerprint();
    void cancelSendsNoLogin();
    void trustLogsInAndChats();
    void pinnedHostSkipsPrompt();
    void changedCertificateRejected();
    void untrustableCertificateRejected_data();
    void untrustableCertificateRejected();
    void expiredPinnedCertificateRejected();
    void webSocketChecksPin_data();
    void webSocketChecksPin();

private:
    bool startHost(const TestCertificate &certificate);
    CertificateTrustStore store() const { return CertificateTrustStore(m_storePath); }
    QString hostKey() const { return QStringLiteral("127.0.0.1:%1").arg(m_host->port()); }
    static QSslConfiguration trusting(const TestCertificate &certificate);
    // Registers username, trusts the certificate when asked, and waits for the welcome.
    static bool registerTrusting(ChatClient &client, const QUrl &url, const QString &username);

    QTemporaryDir m_dir;
    TestCertificate m_first; // SAN IP:127.0.0.1, as a host joined by IP would have
    TestCertificate m_second; // the same names with another key, for a changed certificate
    TestCertificate m_expired; // SAN IP:127.0.0.1, valid only in January 2020
    TestCertificate m_foreignName; // chat.example.org, so the name never matches 127.0.0.1
    std::unique_ptr<QTemporaryDir> m_storeDir;
    QString m_storePath;
    std::unique_ptr<TestHost> m_host;
};

void TestCertificatePinning::initTestCase()
{
    if (!TestCertificateFactory::isOpensslAvailable()) {
        QSKIP("openssl is not installed, so no test certificate can be made");
    }
    QVERIFY(m_dir.isValid());
    TestCertificateFactory factory(m_dir.path());
    m_first = factory.selfSigned("first", "/CN=Confab test host", "IP:127.0.0.1");
    QVERIFY2(m_first.isValid(), qPrintable(factory.errorString()));
    m_second = factory.selfSigned("second", "/CN=Confab test host", "IP:127.0.0.1");
    QVERIFY2(m_second.isValid(), qPrintable(factory.errorString()));
    m_expired = factory.expired("expired", "/CN=Confab expired host", "IP:127.0.0.1");
    QVERIFY2(m_expired.isValid(), qPrintable(factory.errorString()));
    m_foreignName = factory.selfSigned("foreign", "/CN=chat.example.org", "DNS:chat.example.org");
    QVERIFY2(m_foreignName.isValid(), qPrintable(factory.errorString()));
    QVERIFY(m_first.certificate != m_second.certificate);

    previousFilter = QLoggingCategory::installFilter(enableHostLogs);
    previousHandler = qInstallMessageHandler(countHostLog);
}

void TestCertificatePinning::cleanupTestCase()
{
    if (previousHandler) {
        qInstallMessageHandler(previousHandler);
    }
    if (previousFilter) {
        QLoggingCategory::installFilter(previousFilter);
    }
}

void TestCertificatePinning::init()
{
    m_storeDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_storeDir->isValid());
    m_storePath = m_storeDir->filePath("confab.ini");
    hostSignIns = 0;
    hostRejectedUpgrades = 0;
}

void TestCertificatePinning::cleanup()
{
    m_host.reset();
    m_storeDir.reset();
}

bool TestCertificatePinning::startHost(const TestCertificate &certificate)
{
    confab::HostConfig config;
    config.tlsCertificatePath = certificate.certificatePath;
    config.tlsKeyPath = certificate.keyPath;
    m_host = std::make_unique<TestHost>(config);
    return m_host->start();
}

QSslConfiguration TestCertificatePinning::trusting(const TestCertificate &certificate)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificate(certificate.certificate);
    return configuration;
}

bool TestCertificatePinning::registerTrusting(ChatClient &client, const QUrl &url,
                                              const QString &username)
{
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy welcome(&client, &ChatClient::welcome);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    client.registerAccount(url, username, kPassword);
    if (!asked.wait(10000)) {
        qWarning() << "no certificate prompt for" << username << failed;
        return false;
    }
    client.trustPendingCertificate();
    if (!welcome.wait(10000)) {
        qWarning() << "no welcome for" << username << failed;
        return false;
    }
    return client.state() == ChatClient::State::Connected;
}

void TestCertificatePinning::firstUseAsksWithFingerprint()
{
    QVERIFY(startHost(m_first));
    ChatClient client;
    client.setTrustStore(store());
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&client, &ChatClient::loggedIn);
    client.registerAccount(m_host->url(), "alice", kPassword);
    QVERIFY2(asked.wait(10000), qPrintable(failed.value(0).value(0).toString()));

    QCOMPARE(asked.count(), 1);
    const auto certificate = asked.at(0).at(0).value<QSslCertificate>();
    QCOMPARE(certificate, m_first.certificate);
    QCOMPARE(asked.at(0).at(1).toString(), hostKey());
    const QString expected = QString::fromLatin1(
        m_first.certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QCOMPARE(CertificateTrustStore::fingerprint(certificate), expected);
    QCOMPARE(client.state(), ChatClient::State::AwaitingCertificateDecision);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY(!store().pinnedFingerprint(hostKey()));
    QCOMPARE(hostSignIns.load(), 0);
}

void TestCertificatePinning::cancelSendsNoLogin()
{
    QVERIFY(startHost(m_first));
    ChatClient client;
    client.setTrustStore(store());
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&client, &ChatClient::loggedIn);
    client.registerAccount(m_host->url(), "alice", kPassword);
    QVERIFY(asked.wait(10000));

    client.rejectPendingCertificate();
    QCOMPARE(failed.count(), 1);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("you did not trust the certificate of " + hostKey()),
             qPrintable(message));
    QCOMPARE(client.state(), ChatClient::State::LoggedOut);
    QVERIFY(!store().pinnedFingerprint(hostKey()));
    QCOMPARE(loggedIn.count(), 0);
    QCOMPARE(hostSignIns.load(), 0);

    // The registration never reached the host, so the name is still free.
    HttpClient http;
    http.setSslConfiguration(trusting(m_first));
    const HttpResult registered = http.postJson(m_host->url("/api/register"),
                                                {{"username", "alice"}, {"password", kPassword}});
    QCOMPARE(registered.status, 201);

    // A rejection is not remembered: the next attempt prompts again.
    client.login(m_host->url(), "alice", kPassword);
    QVERIFY(asked.wait(10000));
    QCOMPARE(asked.count(), 2);
}

void TestCertificatePinning::trustLogsInAndChats()
{
    QVERIFY(startHost(m_first));
    ChatClient client;
    client.setTrustStore(store());
    QVERIFY(registerTrusting(client, m_host->url(), "alice"));
    QCOMPARE(client.serverUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(store().pinnedFingerprint(hostKey()),
             CertificateTrustStore::fingerprint(m_first.certificate));
    QVERIFY(hostSignIns.load() > 0);

    QSignalSpy chat(&client, &ChatClient::chatReceived);
    QVERIFY(client.sendMessage("hello over wss"));
    QVERIFY(chat.wait(10000));
    QCOMPARE(chat.at(0).at(1).toString(), QStringLiteral("alice"));
    QCOMPARE(chat.at(0).at(2).toString(), QStringLiteral("hello over wss"));
}

void TestCertificatePinning::pinnedHostSkipsPrompt()
{
    QVERIFY(startHost(m_first));
    ChatClient first;
    first.setTrustStore(store());
    QVERIFY(registerTrusting(first, m_host->url(), "alice"));

    // Another client on the same settings file, as after a restart of the program.
    ChatClient second;
    second.setTrustStore(CertificateTrustStore(m_storePath));
    QSignalSpy asked(&second, &ChatClient::certificateTrustRequested);
    QSignalSpy welcome(&second, &ChatClient::welcome);
    QSignalSpy failed(&second, &ChatClient::loginFailed);
    second.registerAccount(m_host->url(), "bob", kPassword);
    QVERIFY2(welcome.wait(10000), qPrintable(failed.value(0).value(0).toString()));
    QCOMPARE(asked.count(), 0);
    QCOMPARE(second.state(), ChatClient::State::Connected);

    QSignalSpy chat(&first, &ChatClient::chatReceived);
    QVERIFY(second.sendMessage("pinned and connected"));
    QVERIFY(chat.wait(10000));
    QCOMPARE(chat.at(0).at(2).toString(), QStringLiteral("pinned and connected"));
}

void TestCertificatePinning::changedCertificateRejected()
{
    QVERIFY(startHost(m_first));
    const quint16 port = m_host->port();
    {
        ChatClient first;
        first.setTrustStore(store());
        QVERIFY(registerTrusting(first, m_host->url(), "alice"));
    }
    const QString pinned = CertificateTrustStore::fingerprint(m_first.certificate);
    const QString presented = CertificateTrustStore::fingerprint(m_second.certificate);

    m_host->config().tlsCertificatePath = m_second.certificatePath;
    m_host->config().tlsKeyPath = m_second.keyPath;
    QVERIFY(m_host->restart());
    QCOMPARE(m_host->port(), port);
    hostSignIns = 0;

    ChatClient client;
    client.setTrustStore(store());
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    QSignalSpy loggedIn(&client, &ChatClient::loggedIn);
    client.login(m_host->url(), "alice", kPassword);
    QVERIFY(failed.wait(10000));

    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(
        message.contains("The certificate of " + hostKey() + " has changed since you trusted it"),
        qPrintable(message));
    QVERIFY2(message.contains("was " + pinned), qPrintable(message));
    QVERIFY2(message.contains("is now " + presented), qPrintable(message));
    QVERIFY2(message.contains("This may be an attack"), qPrintable(message));
    QVERIFY2(message.contains("connection was stopped"), qPrintable(message));
    QCOMPARE(asked.count(), 0);
    QCOMPARE(loggedIn.count(), 0);
    QCOMPARE(client.state(), ChatClient::State::LoggedOut);
    QCOMPARE(store().pinnedFingerprint(hostKey()), pinned);

    // No decision is pending, so there is nothing to trust with one click.
    QTest::ignoreMessage(QtWarningMsg, "no certificate is waiting for a decision");
    client.trustPendingCertificate();
    QCOMPARE(client.state(), ChatClient::State::LoggedOut);
    QCOMPARE(store().pinnedFingerprint(hostKey()), pinned);
    QCOMPARE(hostSignIns.load(), 0);

    // The host itself works, and it does log sign-ins, so the zero above is meaningful.
    HttpClient http;
    http.setSslConfiguration(trusting(m_second));
    const QByteArray cookie = http.login(m_host->url(), "alice", kPassword);
    QVERIFY(!cookie.isEmpty());
    QCOMPARE(hostSignIns.load(), 1);
    const HttpResult users = http.get(m_host->url("/api/users"), cookie);
    QCOMPARE(users.status, 200);
    QCOMPARE(users.jsonArray().size(), 0);
}

void TestCertificatePinning::untrustableCertificateRejected_data()
{
    QTest::addColumn<QString>("certificateName");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("expired") << "expired"
                             << "The certificate has expired";
    QTest::newRow("foreign host name") << "foreign"
                                       << "host name did not match";
}

void TestCertificatePinning::untrustableCertificateRejected()
{
    QFETCH(QString, certificateName);
    QFETCH(QString, errorPart);
    QVERIFY(startHost(certificateName == "expired" ? m_expired : m_foreignName));
    ChatClient client;
    client.setTrustStore(store());
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    client.registerAccount(m_host->url(), "alice", kPassword);
    QVERIFY(failed.wait(10000));

    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("The certificate of " + hostKey() + " is not valid"),
             qPrintable(message));
    QVERIFY2(message.contains(errorPart), qPrintable(message));
    QCOMPARE(asked.count(), 0);
    QCOMPARE(client.state(), ChatClient::State::LoggedOut);
    QVERIFY(!store().pinnedFingerprint(hostKey()));
    QCOMPARE(hostSignIns.load(), 0);
}

void TestCertificatePinning::expiredPinnedCertificateRejected()
{
    QVERIFY(startHost(m_expired));
    CertificateTrustStore trustStore = store();
    QVERIFY(trustStore.pin(hostKey(), m_expired.certificate));
    ChatClient client;
    client.setTrustStore(trustStore);
    QSignalSpy asked(&client, &ChatClient::certificateTrustRequested);
    QSignalSpy failed(&client, &ChatClient::loginFailed);
    client.registerAccount(m_host->url(), "alice", kPassword);
    QVERIFY(failed.wait(10000));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains("The certificate has expired"), qPrintable(message));
    QCOMPARE(asked.count(), 0);
    QCOMPARE(hostSignIns.load(), 0);
}

void TestCertificatePinning::webSocketChecksPin_data()
{
    QTest::addColumn<QString>("pin"); // "first", "second" or empty
    QTest::addColumn<int>("reason");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("pin matches") << "second" << int(ConnectionEnd::Reason::HandshakeRejected)
                                 << "401";
    QTest::newRow("pin differs") << "first" << int(ConnectionEnd::Reason::CertificateRejected)
                                 << "has changed since you trusted it";
    QTest::newRow("no pin") << "" << int(ConnectionEnd::Reason::CertificateRejected)
                            << "not signed by a trusted authority";
}

void TestCertificatePinning::webSocketChecksPin()
{
    QFETCH(QString, pin);
    QFETCH(int, reason);
    QFETCH(QString, errorPart);
    QVERIFY(startHost(m_second));

    ChatConnection connection;
    if (!pin.isEmpty()) {
        const TestCertificate &pinned = pin == "first" ? m_first : m_second;
        connection.setPinnedFingerprint(CertificateTrustStore::fingerprint(pinned.certificate));
    }
    QSignalSpy ended(&connection, &ChatConnection::ended);
    connection.open(m_host->wsUrl(), "not-a-session");
    QVERIFY(ended.wait(10000));
    const auto end = ended.at(0).at(0).value<ConnectionEnd>();
    QCOMPARE(int(end.reason), reason);
    QVERIFY2(end.errorString.contains(errorPart), qPrintable(end.errorString));
    // Only a certificate that passed the check lets the upgrade request reach the host.
    const bool reachedHost = end.reason == ConnectionEnd::Reason::HandshakeRejected;
    QTRY_COMPARE(hostRejectedUpgrades.load(), reachedHost ? 1 : 0);
}

QTEST_GUILESS_MAIN(TestCertificatePinning)
#include "tst_certificatepinning.moc"
