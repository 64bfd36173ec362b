#pragma once

#include <QDateTime>
#include <QDialog>
#include <QString>

class QLabel;
class QPushButton;

namespace confab::desktop {

// The facts about a host certificate that the prompt shows, as plain values, so that ui/
// needs no Qt Network types.
struct CertificateSummary
{
    QString hostKey; // "host:port"
    QString fingerprint; // SHA-256, colon-separated hex
    QString subject;
    QString issuer;
    QDateTime validFrom;
    QDateTime validUntil;
};

// Asks whether to trust a certificate that no trusted authority signed, the first time a host
// presents it. Show it with open(), never exec(), so the event loop keeps running:
// accepted() means "Trust this certificate", rejected() means Cancel or a closed window.
// Cancel is the default button, so pressing Enter never trusts by accident.
class CertificatePrompt : public QDialog
{
    Q_OBJECT

public:
    explicit CertificatePrompt(const CertificateSummary &summary, QWidget *parent = nullptr);

    const CertificateSummary &summary() const { return m_summary; }

private:
    QLabel *createPlainLabel(const QString &objectName, const QString &text);

    CertificateSummary m_summary;
    QPushButton *m_trustButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
};

} // namespace confab::desktop
