#pragma once

#include <QObject>

// The tray icon's count and the desktop notifications of the Admin Center: which requests are
// announced, when the expiry warning comes, and that a click opens the request.
class TestNotifications : public QObject
{
    Q_OBJECT

private slots:
    void requestsPendingAtSignInAreCountedNotAnnounced();
    void aRequestReachingTheCustomerIsAnnouncedOnce();
    void expiryWarningComesOnceWithinTheLastHour();
    void noWarningForARequestIAlreadyApproved();
    void readersHearNothing();
    void clickingANoticeOpensTheRequest();
    void trayIconShowsTheCount();
    void backupApproversHearOfAnEscalation();
};
