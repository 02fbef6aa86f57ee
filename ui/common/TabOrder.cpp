#include "TabOrder.h"

#include <QWidget>
#include <algorithm>

namespace lockbox {

QList<QWidget*> TabOrder::stops(QWidget* part)
{
    if (part->focusPolicy() & Qt::TabFocus)
        return {part};
    QList<QWidget*> found;
    for (QWidget* widget = part->nextInFocusChain(); widget != part; widget = widget->nextInFocusChain()) {
        if (!part->isAncestorOf(widget) || !(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy())
            continue;
        // The inner parts of a control (a spin box's editor) move with it.
        if (std::any_of(found.cbegin(), found.cend(), [widget](QWidget* stop) { return stop->isAncestorOf(widget); }))
            continue;
        found << widget;
    }
    return found;
}

void TabOrder::chain(const QList<QWidget*>& parts)
{
    QList<QWidget*> all;
    for (QWidget* part : parts)
        all << stops(part);
    for (qsizetype i = 1; i < all.size(); ++i)
        QWidget::setTabOrder(all.at(i - 1), all.at(i));
}

} // namespace lockbox
