#include "userlistmodel.h"

#include <QSet>

#include <algorithm>

namespace confab::desktop {

namespace {

bool lessByName(const QString &left, const QString &right)
{
    const int order = QString::compare(left, right, Qt::CaseInsensitive);
    if (order != 0) {
        return order < 0;
    }
    return left < right;
}

} // namespace

UserListModel::UserListModel(QObject *parent) : QAbstractListModel(parent) { }

int UserListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return int(m_users.size());
}

QVariant UserListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const UserPresence &user = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (user.connections > 1) {
            return tr("%1 (%2)").arg(user.username).arg(user.connections);
        }
        return user.username;
    case Qt::ToolTipRole:
        return tr("%1: %n connection(s)", nullptr, user.connections).arg(user.username);
    case UsernameRole:
        return user.username;
    case ConnectionsRole:
        return user.connections;
    default:
        return {};
    }
}

QHash<int, QByteArray> UserListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(UsernameRole, "username");
    names.insert(ConnectionsRole, "connections");
    return names;
}

void UserListModel::setUsers(const QList<UserPresence> &users)
{
    QList<UserPresence> sorted;
    QSet<QString> seen;
    for (const UserPresence &user : users) {
        if (user.username.isEmpty() || seen.contains(user.username)) {
            continue;
        }
        seen.insert(user.username);
        sorted.append(user);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const UserPresence &left, const UserPresence &right) {
                         return lessByName(left.username, right.username);
                     });

    beginResetModel();
    m_users = sorted;
    endResetModel();
    emit countChanged(rowCount());
}

void UserListModel::addUser(const QString &username, int connections)
{
    if (username.isEmpty()) {
        return;
    }
    const int existing = indexOf(username);
    if (existing >= 0) {
        m_users[existing].connections = connections;
        const QModelIndex changed = index(existing);
        emit dataChanged(changed, changed);
        return;
    }
    const int row = insertionRow(username);
    beginInsertRows({}, row, row);
    m_users.insert(row, UserPresence {username, connections});
    endInsertRows();
    emit countChanged(rowCount());
}

void UserListModel::removeUser(const QString &username)
{
    const int row = indexOf(username);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_users.removeAt(row);
    endRemoveRows();
    emit countChanged(rowCount());
}

void UserListModel::clear()
{
    setUsers({});
}

bool UserListModel::contains(const QString &username) const
{
    return indexOf(username) >= 0;
}

int UserListModel::indexOf(const QString &username) const
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).username == username) {
            return row;
        }
    }
    return -1;
}

int UserListModel::insertionRow(const QString &username) const
{
    const auto position = std::lower_bound(m_users.cbegin(), m_users.cend(), username,
                                           [](const UserPresence &user, const QString &name) {
                                               return lessByName(user.username, name);
                                           });
    return int(position - m_users.cbegin());
}

} // namespace confab::desktop
