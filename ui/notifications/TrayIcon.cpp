#include "TrayIcon.h"

#include "notifications/PendingWatch.h"

#include <QApplication>
#include <QFont>
#include <QPainter>
#include <QPainterPath>

namespace lockbox {

TrayIcon::TrayIcon(PendingWatch* watch, QObject* parent)
    : QObject(parent)
    , m_base(QIcon(QStringLiteral(":/icons/org.lockbox.AdminCenter.svg")))
{
    m_menu.setObjectName(QStringLiteral("trayMenu"));
    QAction* show = m_menu.addAction(tr("&Open Lockbox Admin Center"));
    connect(show, &QAction::triggered, this, &TrayIcon::showWindow);
    m_openLast = m_menu.addAction(tr("Open the last &notification's request"));
    m_openLast->setEnabled(false);
    connect(m_openLast, &QAction::triggered, this, &TrayIcon::openLast);
    m_menu.addSeparator();
    connect(m_menu.addAction(tr("&Quit")), &QAction::triggered, this, &TrayIcon::quitRequested);
    m_tray.setContextMenu(&m_menu);

    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openLast);
    connect(&m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit showWindow();
    });
    connect(watch, &PendingWatch::pendingCountChanged, this, &TrayIcon::setCount);
    connect(watch, &PendingWatch::notice, this, &TrayIcon::notify);
    setCount(qMax(0, watch->pendingCount()));
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray.show();
}

QString TrayIcon::toolTip() const
{
    return m_tray.toolTip();
}

QIcon TrayIcon::icon() const
{
    return m_tray.icon();
}

QIcon TrayIcon::badgeIcon(const QIcon& base, int count)
{
    QIcon result;
    for (const int side : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(side, side);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        base.paint(&painter, pixmap.rect());
        if (count > 0) {
            const QString label = count > 99 ? QStringLiteral("99+") : QString::number(count);
            QFont font = QApplication::font();
            font.setBold(true);
            font.setPixelSize(qMax(7, side * 9 / 16));
            painter.setFont(font);
            const int width
                = qMin(side, qMax(side * 9 / 16, painter.fontMetrics().horizontalAdvance(label) + side / 6));
            const int height = side * 9 / 16;
            const QRectF badge(side - width, side - height, width, height);
            QPainterPath path;
            path.addRoundedRect(badge, height / 2.0, height / 2.0);
            // A white rim keeps the badge apart from the icon on any panel colour.
            painter.fillPath(path, QColor(0xc5, 0x0f, 0x1f));
            painter.setPen(QPen(Qt::white, qMax(1.0, side / 32.0)));
            painter.drawPath(path);
            painter.drawText(badge, Qt::AlignCenter, label);
        }
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

void TrayIcon::setCount(int count)
{
    m_count = count;
    m_tray.setIcon(badgeIcon(m_base, count));
    if (count == 0)
        m_tray.setToolTip(tr("Lockbox Admin Center: no request awaits approval"));
    else if (count == 1)
        m_tray.setToolTip(tr("Lockbox Admin Center: 1 pending request"));
    else
        m_tray.setToolTip(tr("Lockbox Admin Center: %n pending requests", nullptr, count));
}

void TrayIcon::notify(const PendingNotice& notice)
{
    m_last = notice;
    if (m_tray.isVisible() && QSystemTrayIcon::supportsMessages()) {
        const auto icon = notice.kind != PendingNotice::Kind::AwaitingApproval ? QSystemTrayIcon::Warning
                                                                               : QSystemTrayIcon::Information;
        m_tray.showMessage(notice.title, notice.text, icon);
    } else {
        emit unshownNotice(notice);
    }
    m_openLast->setEnabled(!notice.requestIds.isEmpty());
}

void TrayIcon::openLast()
{
    if (!m_last.requestIds.isEmpty())
        emit openRequest(m_last.requestIds.first());
}

} // namespace lockbox
