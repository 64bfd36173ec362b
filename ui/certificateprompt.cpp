#include "certificateprompt.h"

#include "uilog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::desktop {

namespace {

QString dateText(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return CertificatePrompt::tr("not stated");
    }
    return QLocale().toString(dateTime.toLocalTime(), QLocale::LongFormat);
}

} // namespace

CertificatePrompt::CertificatePrompt(const CertificateSummary &summary, QWidget *parent)
    : QDialog(parent)
    , m_summary(summary)
    , m_trustButton(new QPushButton(tr("Trust this certificate"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("certificatePrompt"));
    setWindowTitle(tr("Unknown certificate"));
    setWindowModality(Qt::WindowModal);

    // Every text below comes from the host's certificate or the address the user typed, so
    // each label shows it literally, never as markup.
    QLabel *explanation = createPlainLabel(
        QStringLiteral("explanationLabel"),
        tr("Confab cannot verify the certificate of %1, because no trusted authority signed "
           "it. Ask the host's owner for the certificate's SHA-256 fingerprint and compare it "
           "with the one below before you trust it. Confab then remembers this certificate for "
           "%1 and warns you if it ever changes.")
            .arg(summary.hostKey));
    explanation->setWordWrap(true);
    QLabel *fingerprint = createPlainLabel(QStringLiteral("fingerprintLabel"), summary.fingerprint);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto fields = new QFormLayout;
    fields->addRow(tr("Host:"), createPlainLabel(QStringLiteral("hostLabel"), summary.hostKey));
    fields->addRow(tr("SHA-256 fingerprint:"), fingerprint);
    fields->addRow(tr("Subject:"),
                   createPlainLabel(QStringLiteral("subjectLabel"), summary.subject));
    fields->addRow(tr("Issuer:"), createPlainLabel(QStringLiteral("issuerLabel"), summary.issuer));
    fields->addRow(tr("Valid from:"),
                   createPlainLabel(QStringLiteral("validFromLabel"), dateText(summary.validFrom)));
    fields->addRow(
        tr("Valid until:"),
        createPlainLabel(QStringLiteral("validUntilLabel"), dateText(summary.validUntil)));

    m_trustButton->setObjectName(QStringLiteral("trustButton"));
    m_trustButton->setAutoDefault(false);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setDefault(true);
    auto buttons = new QDialogButtonBox(this);
    buttons->addButton(m_trustButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(fields);
    layout->addWidget(buttons);
    m_cancelButton->setFocus();
    qCDebug(lcUi) << "asking about the certificate" << summary.fingerprint << "of"
                  << summary.hostKey;
}

QLabel *CertificatePrompt::createPlainLabel(const QString &objectName, const QString &text)
{
    auto label = new QLabel(text, this);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace confab::desktop
