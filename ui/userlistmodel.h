#pragma once

#include "userpresence.h"

#include <QAbstractListModel>
#include <QList>

namespace confab::desktop {

// The users online on the host, sorted by name ignoring case, as the host's user list is.
class UserListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { UsernameRole = Qt::UserRole + 1, ConnectionsRole };

    explicit UserListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the whole list. Of duplicate names, the first entry stays.
    void setUsers(const QList<UserPresence> &users);
    // Inserts the user at its sorted place, or updates the connection count of a listed user.
    void addUser(const QString &username, int connections = 1);
    void removeUser(const QString &username);
    void clear();

    bool contains(const QString &username) const;
    QList<UserPresence> users() const { return m_users; }

signals:
    void countChanged(int count);

private:
    int indexOf(const QString &username) const;
    int insertionRow(const QString &username) const;

    QList<UserPresence> m_users;
};

} // namespace confab::desktop
