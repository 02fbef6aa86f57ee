#include "FocusRing.h"

#include <QEvent>
#include <QFocusFrame>
#include <QWidget>

namespace lockbox {

void FocusRing::add(QWidget* widget)
{
    new FocusRing(widget);
}

FocusRing::FocusRing(QWidget* widget)
    : QObject(widget)
    , m_widget(widget)
{
    widget->installEventFilter(this);
}

FocusRing::~FocusRing()
{
    // The frame sits in the widget's parent, which may outlive the widget.
    delete m_frame;
}

bool FocusRing::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_widget && event->type() == QEvent::FocusIn) {
        if (!m_frame)
            m_frame = new QFocusFrame(m_widget);
        m_frame->setWidget(m_widget);
    } else if (watched == m_widget && (event->type() == QEvent::FocusOut || event->type() == QEvent::Hide)) {
        if (m_frame)
            m_frame->setWidget(nullptr);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace lockbox
