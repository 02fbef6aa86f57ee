#include "NotificationBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace lockbox {

NotificationBanner::NotificationBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setWordWrap(true);
    // Messages carry what people typed (a request's reason): shown as typed, never as markup.
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setAccessibleName(tr("Close message"));
    m_close->setToolTip(tr("Close message"));
    m_close->setAccessibleDescription(tr("Hides this message"));
    m_close->setObjectName(QStringLiteral("bannerClose"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        emit actionTriggered();
    });
    setAccessibleName(tr("Message"));
    hide();
}

void NotificationBanner::showMessage(Kind kind, const QString& text, const QString& actionText)
{
    m_kind = kind;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString prefix = tr("Note");
    switch (kind) {
    case Kind::Information:
        break;
    case Kind::Success:
        icon = QStyle::SP_DialogApplyButton;
        prefix = tr("Done");
        break;
    case Kind::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        prefix = tr("Warning");
        break;
    case Kind::Error:
        icon = QStyle::SP_MessageBoxCritical;
        prefix = tr("Not done");
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_icon->setAccessibleName(prefix);
    m_text->setAccessibleDescription(prefix);
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setAccessibleDescription(text);
    m_action->setVisible(!actionText.isEmpty());
    setAccessibleDescription(QStringLiteral("%1: %2").arg(prefix, text));
    show();
}

QString NotificationBanner::text() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace lockbox
