#include "AccessibleNames.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QTest>
#include <QTextDocument>
#include <QWidget>

namespace {

QString describe(const QWidget* widget)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
}

// A spin box's editor is part of the spin box, which carries the name.
QWidget* control(QWidget* widget)
{
    return qobject_cast<QAbstractSpinBox*>(widget->parentWidget()) ? widget->parentWidget() : widget;
}

QString plainText(const QLabel* label)
{
    QString text = label->text();
    if (label->textFormat() == Qt::RichText || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text))) {
        QTextDocument document;
        document.setHtml(text);
        text = document.toPlainText();
    }
    return text.remove(QLatin1Char('&')).simplified();
}

} // namespace

QStringList unnamedControls(QWidget* root)
{
    QStringList unnamed;
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus)
            continue;
        // An empty label has nothing to tell yet; once it has, its text is its name.
        if (auto* label = qobject_cast<QLabel*>(widget); label && plainText(label).isEmpty())
            continue;
        QWidget* named = control(widget);
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(named);
        if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << describe(named);
    }
    unnamed.removeDuplicates();
    return unnamed;
}

QStringList accessibilityGaps(QWidget* root)
{
    QStringList gaps;
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        // Popups (a combo box's list) are windows of their own, checked when they open.
        if (!widget->isVisible() || widget->window() != root->window())
            continue;
        auto* label = qobject_cast<QLabel*>(widget);
        // An empty label has nothing to tell yet.
        if (label && plainText(label).isEmpty())
            continue;
        if (widget->focusPolicy() == Qt::NoFocus && !(label && !label->objectName().isEmpty()))
            continue;
        QWidget* checked = control(widget);
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(checked);
        if (!accessible) {
            gaps << describe(checked) + QStringLiteral(": not accessible");
            continue;
        }
        const QString name = accessible->text(QAccessible::Name).simplified();
        if (name.isEmpty())
            gaps << describe(checked) + QStringLiteral(": no name");
        if (accessible->text(QAccessible::Description).trimmed().isEmpty())
            gaps << describe(checked) + QStringLiteral(": no description");
        if (label && !name.isEmpty() && !plainText(label).isEmpty()
            && !(name + QLatin1Char(' ') + accessible->text(QAccessible::Value)).contains(plainText(label)))
            gaps << describe(checked) + QStringLiteral(": the name \"%1\" hides the text").arg(name);
    }
    gaps.removeDuplicates();
    return gaps;
}

QStringList tabSequence(QWidget* start, int limit)
{
    QStringList sequence;
    QList<QWidget*> seen;
    QWidget* focused = start;
    for (int i = 0; i < limit && focused && !seen.contains(focused); ++i) {
        seen << focused;
        sequence << (focused->objectName().isEmpty() ? QString::fromLatin1(focused->metaObject()->className())
                                                     : focused->objectName());
        QTest::keyClick(focused, Qt::Key_Tab);
        focused = QApplication::focusWidget();
    }
    return sequence;
}
