#pragma once

#include <QWidget>

namespace confab::desktop {

// The first page: choose to host a chat on this machine or to join one.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

signals:
    void hostRequested();
    void joinRequested();
};

} // namespace confab::desktop
