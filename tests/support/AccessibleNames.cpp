#include "AccessibleNames.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QWidget>

QStringList unnamedControls(QWidget* root)
{
    QStringList unnamed;
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
            continue;
        // A spin box's editor is part of the spin box, which carries the name.
        QWidget* control = qobject_cast<QAbstractSpinBox*>(widget->parentWidget()) ? widget->parentWidget() : widget;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(control);
        if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << QStringLiteral("%1 \"%2\"")
                           .arg(QString::fromLatin1(control->metaObject()->className()), control->objectName());
    }
    unnamed.removeDuplicates();
    return unnamed;
}
