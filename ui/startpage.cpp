#include "startpage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::desktop {

StartPage::StartPage(QWidget *parent) : QWidget(parent)
{
    auto title = new QLabel(tr("Confab"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto hint
        = new QLabel(tr("Host a chat on this machine, or join one someone else hosts."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);

    auto hostButton = new QPushButton(tr("Host a chat"), this);
    hostButton->setObjectName(QStringLiteral("hostButton"));
    auto joinButton = new QPushButton(tr("Join a chat"), this);
    joinButton->setObjectName(QStringLiteral("joinButton"));

    auto layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addSpacing(12);
    layout->addWidget(hostButton);
    layout->addWidget(joinButton);
    layout->addStretch();

    connect(hostButton, &QPushButton::clicked, this, &StartPage::hostRequested);
    connect(joinButton, &QPushButton::clicked, this, &StartPage::joinRequested);
}

} // namespace confab::desktop
