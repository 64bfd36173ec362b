#include "labelcheck.h"
#include "loginform.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::desktop;

class TestLoginForm : public QObject
{
    Q_OBJECT

private slots:
    void buttonsNeedEveryField();
    void loginButtonEmitsFields();
    void registerButtonEmitsFields();
    void returnInPasswordLogsIn();
    void busyDisablesButtons();
    void errorShowsLiterally();
    void passwordIsMasked();
    void serverUrlReadOnly();

private:
    static void fill(LoginForm &form, const QString &url, const QString &user,
                     const QString &password);
};

void TestLoginForm::fill(LoginForm &form, const QString &url, const QString &user,
                         const QString &password)
{
    auto urlEdit = form.findChild<QLineEdit *>("serverUrlEdit");
    auto userEdit = form.findChild<QLineEdit *>("usernameEdit");
    auto passwordEdit = form.findChild<QLineEdit *>("passwordEdit");
    QVERIFY(urlEdit && userEdit && passwordEdit);
    urlEdit->clear();
    userEdit->clear();
    passwordEdit->clear();
    QTest::keyClicks(urlEdit, url);
    QTest::keyClicks(userEdit, user);
    QTest::keyClicks(passwordEdit, password);
}

void TestLoginForm::buttonsNeedEveryField()
{
    LoginForm form;
    auto login = form.findChild<QPushButton *>("loginButton");
    auto registerButton = form.findChild<QPushButton *>("registerButton");
    QVERIFY(login && registerButton);
    QVERIFY(!login->isEnabled());
    fill(form, "http://127.0.0.1:8765", "alice", "");
    QVERIFY(!login->isEnabled());
    QVERIFY(!registerButton->isEnabled());
    fill(form, "http://127.0.0.1:8765", "", "correct horse");
    QVERIFY(!login->isEnabled());
    fill(form, "", "alice", "correct horse");
    QVERIFY(!login->isEnabled());
    fill(form, "http://127.0.0.1:8765", "alice", "correct horse");
    QVERIFY(login->isEnabled());
    QVERIFY(registerButton->isEnabled());
}

void TestLoginForm::loginButtonEmitsFields()
{
    LoginForm form;
    QSignalSpy login(&form, &LoginForm::loginRequested);
    QSignalSpy registering(&form, &LoginForm::registerRequested);
    fill(form, " http://127.0.0.1:8765 ", "alice", "correct horse");
    QTest::mouseClick(form.findChild<QPushButton *>("loginButton"), Qt::LeftButton);
    QCOMPARE(login.count(), 1);
    QCOMPARE(registering.count(), 0);
    QCOMPARE(login.at(0).at(0).toString(), QStringLiteral("http://127.0.0.1:8765"));
    QCOMPARE(login.at(0).at(1).toString(), QStringLiteral("alice"));
    QCOMPARE(login.at(0).at(2).toString(), QStringLiteral("correct horse"));
}

void TestLoginForm::registerButtonEmitsFields()
{
    LoginForm form;
    QSignalSpy login(&form, &LoginForm::loginRequested);
    QSignalSpy registering(&form, &LoginForm::registerRequested);
    fill(form, "http://127.0.0.1:8765", "bob", "battery staple");
    QTest::mouseClick(form.findChild<QPushButton *>("registerButton"), Qt::LeftButton);
    QCOMPARE(registering.count(), 1);
    QCOMPARE(login.count(), 0);
    QCOMPARE(registering.at(0).at(1).toString(), QStringLiteral("bob"));
    QCOMPARE(registering.at(0).at(2).toString(), QStringLiteral("battery staple"));
}

void TestLoginForm::returnInPasswordLogsIn()
{
    LoginForm form;
    QSignalSpy login(&form, &LoginForm::loginRequested);
    fill(form, "http://127.0.0.1:8765", "alice", "correct horse");
    QTest::keyClick(form.findChild<QLineEdit *>("passwordEdit"), Qt::Key_Return);
    QCOMPARE(login.count(), 1);
}

void TestLoginForm::busyDisablesButtons()
{
    LoginForm form;
    QSignalSpy login(&form, &LoginForm::loginRequested);
    fill(form, "http://127.0.0.1:8765", "alice", "correct horse");
    form.setBusy(true);
    auto loginButton = form.findChild<QPushButton *>("loginButton");
    QVERIFY(!loginButton->isEnabled());
    QTest::keyClick(form.findChild<QLineEdit *>("passwordEdit"), Qt::Key_Return);
    QCOMPARE(login.count(), 0);
    form.setBusy(false);
    QVERIFY(loginButton->isEnabled());
}

void TestLoginForm::errorShowsLiterally()
{
    LoginForm form;
    const QString error = QStringLiteral("username <b>x</b> breaks a rule <img src=x>");
    form.showError(error);
    auto status = form.findChild<QLabel *>("statusLabel");
    QVERIFY(status);
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QCOMPARE(status->text(), error);
    QCOMPARE(labelsRenderingRichText(form), QStringList());
}

void TestLoginForm::passwordIsMasked()
{
    LoginForm form;
    auto passwordEdit = form.findChild<QLineEdit *>("passwordEdit");
    QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
    fill(form, "http://127.0.0.1:8765", "alice", "correct horse");
    form.clearPassword();
    QVERIFY(passwordEdit->text().isEmpty());
}

void TestLoginForm::serverUrlReadOnly()
{
    LoginForm form;
    form.setServerUrl("http://127.0.0.1:8765");
    form.setServerUrlEditable(false);
    auto urlEdit = form.findChild<QLineEdit *>("serverUrlEdit");
    QTest::keyClicks(urlEdit, "x");
    QCOMPARE(form.serverUrl(), QStringLiteral("http://127.0.0.1:8765"));
}

QTEST_MAIN(TestLoginForm)
#include "tst_loginform.moc"
