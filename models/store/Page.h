#pragma once

#include <QList>
#include <QString>

namespace lockbox {

// One page of a list and the cursor to the next (empty when this is the last page).
template <typename T>
struct Page
{
    QList<T> items;
    QString nextCursor;
};

} // namespace lockbox
