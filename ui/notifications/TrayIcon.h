#pragma once

#include "notifications/PendingNotice.h"

#include <QIcon>
#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>

namespace lockbox {

class PendingWatch;

// The Admin Center in the system tray: its icon with the number of pending requests drawn on it
// (and said in the tooltip), a menu to show the window or quit, and the watch's notices as
// desktop notifications; clicking one opens the request. Where the desktop has no tray, nothing
// shows and each notice is handed on through unshownNotice() for the window to show instead.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(PendingWatch* watch, QObject* parent = nullptr);

    int count() const { return m_count; }
    QString toolTip() const;
    QIcon icon() const;
    // The notice shown last (a click on the desktop notification opens its first request).
    const PendingNotice& lastNotice() const { return m_last; }
    QSystemTrayIcon* systemTrayIcon() { return &m_tray; }

    // Draws the application icon with `count` on a badge ("99+" above 99, nothing for 0).
    static QIcon badgeIcon(const QIcon& base, int count);

public slots:
    void notify(const lockbox::PendingNotice& notice);

signals:
    void openRequest(const QString& requestId);
    void showWindow();
    void quitRequested();
    // A notice that no desktop notification could carry.
    void unshownNotice(const lockbox::PendingNotice& notice);

private:
    void setCount(int count);
    void openLast();

    QSystemTrayIcon m_tray;
    QMenu m_menu;
    QAction* m_openLast = nullptr;
    QIcon m_base;
    int m_count = 0;
    PendingNotice m_last;
};

} // namespace lockbox
