#include "StatusItemDelegate.h"

#include "common/StatusIcons.h"
#include "itemmodels/RequestTableModel.h"

#include <QApplication>

namespace lockbox {

void StatusItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant status = index.data(RequestTableModel::StatusRole);
    if (!status.isValid())
        return;
    const QStyle* style = option->widget ? option->widget->style() : QApplication::style();
    option->icon = StatusIcons::icon(RequestStatus(status.toInt()), style);
    option->features |= QStyleOptionViewItem::HasDecoration;
}

} // namespace lockbox
