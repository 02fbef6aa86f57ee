#pragma once

#include <QStyledItemDelegate>

namespace lockbox {

// Draws the status column with its icon beside the text.
class StatusItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace lockbox
