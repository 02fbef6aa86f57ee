#pragma once

#include <QStyledItemDelegate>

namespace lockbox {

// Paints Approve and Deny buttons in the actions cell of each row the signed-in actor may decide
// on now (RequestTableModel::CanDecideRole), and reports clicks on them. Painting instead of
// index widgets keeps a table of any length cheap.
class DecisionButtonsDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event,
                     QAbstractItemModel* model,
                     const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // Where the buttons sit in a cell (also for tests that click them).
    static QRect approveRect(const QStyleOptionViewItem& option);
    static QRect denyRect(const QStyleOptionViewItem& option);

signals:
    void approveClicked(const QModelIndex& index);
    void denyClicked(const QModelIndex& index);
};

} // namespace lockbox
