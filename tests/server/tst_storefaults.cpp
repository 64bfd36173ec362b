#include "hostlimits.h"
#include "rawconnection.h"
#include "rawwebsocket.h"
#include "testclients.h"
#include "testhost.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <memory>

using namespace confab;

namespace {

const QString kPassword = QStringLiteral("correct horse");
constexpr qint64 kBusyTimeoutMs = std::chrono::milliseconds(limits::kStoreBusyTimeout).count();
constexpr qint64 kQueueTimeoutMs = std::chrono::milliseconds(limits::kStoreQueueTimeout).count();
// Slack on top of the busy timeout for the password hash and the HTTP round trip, which take
// tens of milliseconds here.
constexpr qint64 kMarginMs = 1000;

std::function<bool(const QJsonObject &)> isChat(const QString &text)
{
    return [text](const QJsonObject &frame) {
        return frame.value("type") == QLatin1String("chat") && frame.value("message") == text;
    };
}

bool isError(const QJsonObject &frame)
{
    return frame.value("type") == QLatin1String("error");
}

QStringList messageTexts(const QJsonArray &messages)
{
    QStringList texts;
    for (const QJsonValue &message : messages) {
        texts.append(message.toObject().value("message").toString());
    }
    return texts;
}

// A second connection to the host's SQLite file, on a thread of its own as QSQLITE requires,
// that keeps a write transaction open, as another program writing to the file would.
//
// The host keeps the file in WAL mode, where a writer blocks only other writers, and where
// every open connection holds a SHARED lock on the file. So PRAGMA locking_mode=EXCLUSIVE
// cannot take its lock while the host runs (SQLite 3.40 returns "database is locked"), and no
// lock of this kind stops the host's reads.
class DatabaseLocker
{
public:
    explicit DatabaseLocker(QString path)
        : m_path(std::move(path))
    {
        m_worker.moveToThread(&m_thread);
        m_thread.start();
    }

    ~DatabaseLocker()
    {
        release();
        m_thread.quit();
        m_thread.wait();
    }

    // Begins an exclusive transaction and writes inside it; returns an error, or empty.
    QString lock()
    {
        QString error;
        run([this, &error] {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
            db.setDatabaseName(m_path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (!db.open()) {
                error = db.lastError().text();
                return;
            }
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("BEGIN EXCLUSIVE"))
                || !query.exec(QStringLiteral("UPDATE users SET created_at = created_at"))) {
                error = query.lastError().text();
            }
        });
        return error;
    }

    // Rolls the transaction back and closes the connection.
    void release()
    {
        run([] {
            if (!QSqlDatabase::contains(kName)) {
                return;
            }
            {
                QSqlDatabase db = QSqlDatabase::database(kName, false);
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
                db.close();
            }
            QSqlDatabase::removeDatabase(kName);
        });
    }

private:
    static constexpr QLatin1String kName{"tst_storefaults-locker"};

    void run(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(&m_worker, work, Qt::BlockingQueuedConnection);
    }

    QString m_path;
    QThread m_thread;
    QObject m_worker;
};

// Reads the host's SQLite file directly, to see exactly what the host stored.
class DirectReader
{
public:
    explicit DirectReader(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"));
        m_open = db.open();
    }

    ~DirectReader()
    {
        QSqlDatabase::database(kName, false).close();
        QSqlDatabase::removeDatabase(kName);
    }

    bool isOpen() const { return m_open; }
    // The first column of every row `sql` returns, as strings.
    QStringList column(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(kName, false));
        QStringList values;
        if (!query.exec(sql)) {
            values.append(QStringLiteral("query failed: ") + query.lastError().text());
            return values;
        }
        while (query.next()) {
            values.append(query.value(0).toString());
        }
        return values;
    }
    QStringList schema() const
    {
        return column(QStringLiteral("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1"));
    }

private:
    static constexpr QLatin1String kName{"tst_storefaults-reader"};
    bool m_open = false;
};

// Records the warnings that any thread prints while it exists, and passes every message on to
// the handler installed before it, so QTest still receives them. QTest must not be given a
// failure from another thread, which is why failOnWarning() does not fit here.
class WarningRecorder
{
public:
    WarningRecorder()
    {
        s_active = this;
        m_previous = qInstallMessageHandler(&WarningRecorder::handle);
    }

    ~WarningRecorder()
    {
        qInstallMessageHandler(m_previous);
        s_active = nullptr;
    }

    // Returns the first recorded warning that contains `text`, or an empty string.
    QString find(const QString &text) const
    {
        const QMutexLocker locker(&m_mutex);
        for (const QString &warning : m_warnings) {
            if (warning.contains(text)) {
                return warning;
            }
        }
        return {};
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        WarningRecorder *recorder = s_active;
        if (type == QtWarningMsg) {
            const QMutexLocker locker(&recorder->m_mutex);
            recorder->m_warnings.append(message);
        }
        recorder->m_previous(type, context, message);
    }

    static inline WarningRecorder *s_active = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_warnings;
};

// Clears or sets CAP_DAC_OVERRIDE in the calling thread's effective capabilities. Without it
// even root is held to file modes, so a 0444 file really is read-only. Linux keeps
// capabilities per thread, and threads started afterwards (the host's store thread) inherit
// them. Returns false when the kernel refused.
bool setDacOverride(bool enabled)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (syscall(SYS_capget, &header, data) != 0) {
        return false;
    }
    const quint32 bit = 1u << CAP_DAC_OVERRIDE;
    if (enabled && !(data[0].permitted & bit)) {
        return false;
    }
    data[0].effective = enabled ? (data[0].effective | bit) : (data[0].effective & ~bit);
    return syscall(SYS_capset, &header, data) == 0;
}

// Makes a database file, and optionally its folder, read-only for this thread and the threads
// it starts, and undoes that when destroyed.
class ReadOnlyFiles
{
public:
    ReadOnlyFiles(QString folder, QString file, bool folderToo)
        : m_folder(std::move(folder))
        , m_file(std::move(file))
        , m_folderToo(folderToo)
    {
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        if (m_folderToo) {
            QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                                | QFile::ExeGroup | QFile::ReadOther
                                                | QFile::ExeOther);
        }
        m_droppedOverride = ::geteuid() == 0 && setDacOverride(false);
    }

    ~ReadOnlyFiles()
    {
        if (m_droppedOverride) {
            setDacOverride(true);
        }
        QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
    }

    // Returns whether this thread really cannot write the file now.
    bool isEffective() const
    {
        QFile probe(m_file);
        return !probe.open(QIODevice::ReadWrite);
    }

private:
    QString m_folder;
    QString m_file;
    bool m_folderToo;
    bool m_droppedOverride = false;
};

} // namespace

// Store faults and hostile input against a real host on a real SQLite file: a write lock held
// by another connection, a read-only database, and SQL metacharacters in every field.
class tst_StoreFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void writesRejectedWhileLocked_data();
    void writesRejectedWhileLocked();
    void readsServedWhileLocked();
    void handshakeBehindStuckStore();
    void chatWhileLocked();
    void readOnlyDatabase_data();
    void readOnlyDatabase();

    void sqlInMessage_data();
    void sqlInMessage();
    void sqlInCredentials_data();
    void sqlInCredentials();
    void sqlInQuery_data();
    void sqlInQuery();

private:
    QUrl api(const QString &path) const { return m_host->url(QStringLiteral("/api/") + path); }
    // Sends messages as alice and waits for each to be broadcast back.
    bool storeMessages(const QStringList &texts);
    QStringList storedTexts();
    QByteArray handshakeStatus(const QByteArray &cookie);

    std::unique_ptr<TestHost> m_host;
    HttpClient m_http;
    QByteArray m_aliceCookie;
    QByteArray m_bobCookie;
};

void tst_StoreFaults::init()
{
    m_host = std::make_unique<TestHost>();
    QVERIFY(m_host->start());
    m_aliceCookie = m_http.registerUser(m_host->url(), "alice", kPassword);
    QVERIFY(!m_aliceCookie.isEmpty());
    m_bobCookie = m_http.registerUser(m_host->url(), "bob", kPassword);
    QVERIFY(!m_bobCookie.isEmpty());
}

void tst_StoreFaults::cleanup()
{
    m_host.reset();
}

bool tst_StoreFaults::storeMessages(const QStringList &texts)
{
    WsClient alice;
    if (!alice.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie)) {
        return false;
    }
    for (const QString &text : texts) {
        alice.sendChat(text);
        if (!alice.waitFor(isChat(text))) {
            return false;
        }
    }
    return true;
}

QStringList tst_StoreFaults::storedTexts()
{
    QUrl url = api("messages");
    url.setQuery(QStringLiteral("limit=%1").arg(limits::kMaxHistoryPage));
    return messageTexts(m_http.get(url, m_bobCookie).jsonArray());
}

QByteArray tst_StoreFaults::handshakeStatus(const QByteArray &cookie)
{
    RawConnection raw;
    if (!raw.connectTo(m_host->port())) {
        return {};
    }
    raw.write(webSocketUpgradeRequest(m_host->port(), {"Cookie: " + cookie}));
    const bool answered = QTest::qWaitFor(
        [&raw] { return raw.received().contains("\r\n") || !raw.isConnected(); }, 15000);
    return answered ? raw.statusLine() : QByteArray("no answer");
}

void tst_StoreFaults::writesRejectedWhileLocked_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("username");
    QTest::addColumn<int>("recoveredStatus");
    QTest::newRow("login") << "login" << "alice" << 200;
    QTest::newRow("register") << "register" << "carol" << 201;
}

void tst_StoreFaults::writesRejectedWhileLocked()
{
    QFETCH(QString, path);
    QFETCH(QString, username);
    QFETCH(int, recoveredStatus);

    const QStringList before{"stored before the fault 1", "stored before the fault 2"};
    QVERIFY(storeMessages(before));
    DatabaseLocker locker(m_host->databasePath());
    const QString lockError = locker.lock();
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    const QJsonObject credentials{{"username", username}, {"password", kPassword}};
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^create(Session|User) failed: "
                                                          "\"database is locked"));
    QElapsedTimer timer;
    timer.start();
    const HttpResult locked = m_http.postJson(api(path), credentials);
    const qint64 elapsedMs = timer.elapsed();
    QCOMPARE(locked.status, 503);
    QVERIFY2(elapsedMs <= kBusyTimeoutMs + kMarginMs,
             qPrintable(QStringLiteral("answered after %1 ms").arg(elapsedMs)));
    QVERIFY(locked.sessionCookie().isEmpty());
    QVERIFY(!locked.header("Retry-After").isEmpty());

    locker.release();
    const HttpResult recovered = m_http.postJson(api(path), credentials);
    QCOMPARE(recovered.status, recoveredStatus);
    QCOMPARE(m_http.get(api("me"), recovered.sessionCookie()).status, 200);
    QCOMPARE(storedTexts(), before);
}

void tst_StoreFaults::readsServedWhileLocked()
{
    const QStringList before{"stored before the fault"};
    QVERIFY(storeMessages(before));
    DatabaseLocker locker(m_host->databasePath());
    const QString lockError = locker.lock();
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    // Session lookups and history are reads, which WAL serves during another writer's
    // transaction, so a signed-in user keeps reading and connecting.
    QCOMPARE(m_http.get(api("me"), m_bobCookie).status, 200);
    QCOMPARE(storedTexts(), before);
    WsClient bob;
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));
    const QJsonArray history = bob.framesOfType("welcome").first().value("history").toArray();
    QCOMPARE(messageTexts(history), before);
}

void tst_StoreFaults::handshakeBehindStuckStore()
{
    WsClient alice;
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    DatabaseLocker locker(m_host->databasePath());
    const QString lockError = locker.lock();
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    // Each of these waits out the busy timeout on the store thread, so a session lookup queued
    // behind them passes kStoreQueueTimeout and must fail as unavailable.
    const int stuckWrites = int(kQueueTimeoutMs / kBusyTimeoutMs) + 1;
    for (int i = 0; i < stuckWrites; ++i) {
        alice.sendChat(QStringLiteral("stuck %1").arg(i));
    }
    QTRY_COMPARE(alice.socket().bytesToWrite(), 0); // the chat frames have left the client
    QElapsedTimer timer;
    timer.start();
    const QByteArray status = handshakeStatus(m_bobCookie);
    const qint64 elapsedMs = timer.elapsed();
    // Never 101, and not 401 either: the session exists, but the store cannot confirm it now.
    QCOMPARE(status, QByteArray("HTTP/1.1 503 Service Unavailable"));
    QVERIFY2(elapsedMs <= kQueueTimeoutMs + 2 * kBusyTimeoutMs + kMarginMs,
             qPrintable(QStringLiteral("answered after %1 ms").arg(elapsedMs)));

    locker.release();
    QTRY_COMPARE_WITH_TIMEOUT(alice.framesOfType("error").size(), stuckWrites, 15000);
    WsClient bob;
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));
    QVERIFY(alice.isConnected());
}

void tst_StoreFaults::chatWhileLocked()
{
    const QStringList before{"before 1", "before 2", "before 3"};
    QVERIFY(storeMessages(before));
    WsClient alice;
    WsClient bob;
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));
    DatabaseLocker locker(m_host->databasePath());
    const QString lockError = locker.lock();
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("^appendMessage failed: \"database is locked"));
    QTest::ignoreMessage(QtWarningMsg, "message from \"alice\" not stored");
    alice.sendChat("during the fault");
    QVERIFY(alice.waitFor(isError, kQueueTimeoutMs + 2 * kBusyTimeoutMs + kMarginMs));
    QVERIFY(alice.framesOfType("error").first().value("error").toString().contains("store"));
    // Session rechecks have failed meanwhile, and an unavailable store must end no session.
    QVERIFY(alice.isConnected());
    QVERIFY(bob.isConnected());

    locker.release();
    alice.sendChat("after the fault");
    QVERIFY(bob.waitFor(isChat("after the fault")));
    QVERIFY(!bob.waitFor(isChat("during the fault"), 0));
    QCOMPARE(storedTexts(), before + QStringList{"after the fault"});
}

void tst_StoreFaults::readOnlyDatabase_data()
{
    QTest::addColumn<bool>("folderReadOnly");
    QTest::newRow("folder and file read-only") << true;
    QTest::newRow("file read-only") << false;
}

void tst_StoreFaults::readOnlyDatabase()
{
    QFETCH(bool, folderReadOnly);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath("store");
    QVERIFY(QDir().mkpath(folder));
    HostConfig config;
    config.databasePath = folder + "/confab.sqlite";
    {
        TestHost writer(config);
        QVERIFY(writer.start());
        QVERIFY(!m_http.registerUser(writer.url(), "alice", kPassword).isEmpty());
    }
    QVERIFY(!QFile::exists(config.databasePath + "-wal"));

    const ReadOnlyFiles readOnly(folder, config.databasePath, folderReadOnly);
    if (!readOnly.isEffective()) {
        QSKIP("cannot make the database read-only for this process (root without the "
              "capability to drop CAP_DAC_OVERRIDE?)");
    }
    const WarningRecorder warnings;
    TestHost host(config);
    if (!host.start()) {
        // Refusing to start is acceptable, as long as the error names the file at fault.
        QVERIFY2(host.server()->errorString().contains(config.databasePath),
                 qPrintable(host.server()->errorString()));
        // Qt prints this when a connection is removed while a QSqlDatabase handle to it lives.
        const QString leaked = warnings.find(QStringLiteral("is still in use"));
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
        return;
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^createSession failed: \"attempt to "
                                                          "write a readonly database"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^createUser failed: \"attempt to "
                                                          "write a readonly database"));
    const HttpResult login =
        m_http.postJson(host.url("/api/login"), {{"username", "alice"}, {"password", kPassword}});
    QCOMPARE(login.status, 503);
    const HttpResult registered =
        m_http.postJson(host.url("/api/register"), {{"username", "bob"}, {"password", kPassword}});
    QCOMPARE(registered.status, 503);
    QCOMPARE(m_http.get(host.url("/api/me")).status, 401);
}

void tst_StoreFaults::sqlInMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("quote and drop") << "'); DROP TABLE messages; --";
    QTest::newRow("double quotes") << R"(" OR ""=")";
    QTest::newRow("statement batch") << "x'; DELETE FROM sessions; SELECT '";
    QTest::newRow("union") << "' UNION SELECT password_hash FROM users --";
    QTest::newRow("comments") << "a -- b /* c */ d #";
    QTest::newRow("placeholders") << "? ?1 :name @p $1";
    QTest::newRow("wildcards") << R"(%_\% [a-z]*)";
    QTest::newRow("backslashes") << R"(\'; \"; \\; \0)";
    QTest::newRow("NUL inside") << QStringLiteral("before") + QChar(0) + QStringLiteral("after");
    QTest::newRow("look-alike quotes")
        << QStringLiteral("\u02BC OR \u02BC1\u02BC=\u02BC1 \uFF07; DROP TABLE users; --");
}

void tst_StoreFaults::sqlInMessage()
{
    QFETCH(QString, text);

    DirectReader reader(m_host->databasePath());
    QVERIFY(reader.isOpen());
    const QStringList schema = reader.schema();
    WsClient alice;
    WsClient bob;
    QVERIFY(alice.openAndWaitForWelcome(m_host->wsUrl(), m_aliceCookie));
    QVERIFY(bob.openAndWaitForWelcome(m_host->wsUrl(), m_bobCookie));

    alice.sendChat(text);
    QVERIFY(bob.waitFor(isChat(text)));
    QCOMPARE(alice.framesOfType("error").size(), 0);
    QCOMPARE(storedTexts(), QStringList{text});
    QCOMPARE(reader.column(QStringLiteral("SELECT body FROM messages")), QStringList{text});
    QCOMPARE(reader.schema(), schema);
    QCOMPARE(m_http.get(api("me"), m_bobCookie).status, 200);
}

void tst_StoreFaults::sqlInCredentials_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("registerStatus");
    // A login that differs from the registered one and must fail.
    QTest::addColumn<QString>("otherUsername");
    QTest::addColumn<QString>("otherPassword");

    QTest::newRow("comment in name") << "a--b" << "password' OR '1'='1" << 201 << "a" << "x' OR 'x'='x";
    // An underscore is a LIKE wildcard: a lookup with LIKE would let "x" sign in as "_".
    QTest::newRow("underscore name") << "_" << R"(" OR 1=1 --)" << 201 << "x" << R"(" OR 1=1 --)";
    QTest::newRow("dots") << ".." << "'; DROP TABLE users; --" << 201 << "..." << "'; DROP TABLE users; --";
    QTest::newRow("NUL in password") << "nul" << QStringLiteral("pass") + QChar(0) + "word1"
                                     << 201 << "nul" << QStringLiteral("pass") + QChar(0) + "word2";
    QTest::newRow("quote in name") << "a'b" << kPassword << 400 << "a'b" << kPassword;
    QTest::newRow("or in name") << "' OR '1'='1" << kPassword << 400 << "alice' --" << kPassword;
}

void tst_StoreFaults::sqlInCredentials()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(int, registerStatus);
    QFETCH(QString, otherUsername);
    QFETCH(QString, otherPassword);

    DirectReader reader(m_host->databasePath());
    QVERIFY(reader.isOpen());
    const QStringList schema = reader.schema();
    const QJsonObject credentials{{"username", username}, {"password", password}};

    QCOMPARE(m_http.postJson(api("register"), credentials).status, registerStatus);
    const HttpResult login = m_http.postJson(api("login"), credentials);
    QCOMPARE(login.status, registerStatus == 201 ? 200 : 401);
    const HttpResult other = m_http.postJson(
        api("login"), {{"username", otherUsername}, {"password", otherPassword}});
    QCOMPARE(other.status, 401);

    const QStringList expectedNames = registerStatus == 201
        ? QStringList{"alice", "bob", username}
        : QStringList{"alice", "bob"};
    QCOMPARE(reader.column(QStringLiteral("SELECT username FROM users ORDER BY id")),
             expectedNames);
    QCOMPARE(reader.schema(), schema);
    QVERIFY(!m_http.login(m_host->url(), "alice", kPassword).isEmpty());
}

void tst_StoreFaults::sqlInQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::newRow("or") << "limit=1 OR 1=1" << 400;
    QTest::newRow("statement") << "limit=5;DROP TABLE messages" << 400;
    QTest::newRow("union") << "before=2 UNION SELECT password_hash FROM users" << 400;
    QTest::newRow("quoted") << "limit='5'" << 400;
    QTest::newRow("comment") << "limit=5--" << 400;
    QTest::newRow("hex") << "limit=0x10" << 400;
    QTest::newRow("NUL") << "limit=5%00" << 400;
    QTest::newRow("largest before") << "limit=5&before=9223372036854775807" << 200;
    QTest::newRow("unknown parameter") << "limit=5&x=';DROP TABLE messages;--" << 200;
}

void tst_StoreFaults::sqlInQuery()
{
    QFETCH(QString, query);
    QFETCH(int, status);

    QVERIFY(storeMessages({"canary"}));
    DirectReader reader(m_host->databasePath());
    QVERIFY(reader.isOpen());
    const QStringList schema = reader.schema();

    QUrl url = api("messages");
    url.setQuery(query);
    QCOMPARE(m_http.get(url, m_bobCookie).status, status);
    QCOMPARE(reader.schema(), schema);
    QCOMPARE(storedTexts(), QStringList{"canary"});
    QCOMPARE(m_http.get(api("me"), m_bobCookie).status, 200);
}

QTEST_GUILESS_MAIN(tst_StoreFaults)
#include "tst_storefaults.moc"
