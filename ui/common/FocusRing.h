#pragma once

#include <QObject>
#include <QPointer>

class QFocusFrame;
class QWidget;

namespace lockbox {

// A ring around a widget while it has the keyboard focus, drawn by the style in the palette's text
// colour (QFocusFrame), for the widgets on which the style shows no focus of its own: text views
// and scroll areas. Keyboard users then always see where they are.
class FocusRing : public QObject
{
    Q_OBJECT

public:
    // The ring lives as long as `widget`.
    static void add(QWidget* widget);
    ~FocusRing() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit FocusRing(QWidget* widget);

    QWidget* m_widget;
    QPointer<QFocusFrame> m_frame;
};

} // namespace lockbox
