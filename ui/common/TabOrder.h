#pragma once

#include <QList>

class QWidget;

namespace lockbox {

// Tab order for whole parts of a window. QWidget::setTabOrder() moves one focusable widget; a bar
// or a panel is a container that takes no focus itself, and moving it does nothing.
class TabOrder
{
public:
    // Puts the parts one after the other in the Tab order: a part that takes the focus as it is,
    // a container as all the controls in it (shown or hidden now) in their present order. The
    // first part stays where it is; the others follow it.
    static void chain(const QList<QWidget*>& parts);

    // The controls that Tab visits in `part`, in their present order (`part` itself when it takes
    // the focus).
    static QList<QWidget*> stops(QWidget* part);
};

} // namespace lockbox
