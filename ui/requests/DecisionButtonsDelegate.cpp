#include "DecisionButtonsDelegate.h"

#include "itemmodels/RequestTableModel.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>

namespace lockbox {

namespace {
constexpr int spacing = 4;

QString approveText()
{
    return DecisionButtonsDelegate::tr("Approve");
}
QString denyText()
{
    return DecisionButtonsDelegate::tr("Deny");
}

int buttonWidth(const QStyleOptionViewItem& option)
{
    const QFontMetrics metrics(option.font);
    return std::max(metrics.horizontalAdvance(approveText()), metrics.horizontalAdvance(denyText())) + 24;
}
} // namespace

// Approve first, then Deny, in reading order: from the right in a right-to-left layout.
QRect DecisionButtonsDelegate::approveRect(const QStyleOptionViewItem& option)
{
    const QRect cell = option.rect.adjusted(spacing, 2, -spacing, -2);
    return QStyle::visualRect(
        option.direction, option.rect, QRect(cell.left(), cell.top(), buttonWidth(option), cell.height()));
}

QRect DecisionButtonsDelegate::denyRect(const QStyleOptionViewItem& option)
{
    const QRect cell = option.rect.adjusted(spacing, 2, -spacing, -2);
    const int width = buttonWidth(option);
    return QStyle::visualRect(
        option.direction, option.rect, QRect(cell.left() + width + spacing, cell.top(), width, cell.height()));
}

void DecisionButtonsDelegate::paint(QPainter* painter,
                                    const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    if (!index.data(RequestTableModel::CanDecideRole).toBool())
        return;
    for (const auto& [rect, text] :
         {std::pair {approveRect(option), approveText()}, std::pair {denyRect(option), denyText()}}) {
        QStyleOptionButton button;
        button.rect = rect;
        button.text = text;
        button.state = QStyle::State_Enabled | QStyle::State_Raised;
        button.palette = option.palette;
        button.fontMetrics = option.fontMetrics;
        style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
    }
}

QSize DecisionButtonsDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(2 * buttonWidth(option) + 3 * spacing);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

bool DecisionButtonsDelegate::editorEvent(QEvent* event,
                                          QAbstractItemModel* model,
                                          const QStyleOptionViewItem& option,
                                          const QModelIndex& index)
{
    if (event->type() == QEvent::MouseButtonRelease && static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton
        && index.data(RequestTableModel::CanDecideRole).toBool()) {
        const QPoint position = static_cast<QMouseEvent*>(event)->position().toPoint();
        if (approveRect(option).contains(position)) {
            emit approveClicked(index);
            return true;
        }
        if (denyRect(option).contains(position)) {
            emit denyClicked(index);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace lockbox
