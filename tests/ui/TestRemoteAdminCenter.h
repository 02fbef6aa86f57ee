#pragma once

#include <QObject>

// The Admin Center on a real lockboxd started by the test: sign-in with a one-time code, a
// decision that asks for a fresh code (step-up), another client's decision arriving live, the
// service stopping (banner, refused decision) and coming back (caught up by itself); a
// self-signed certificate shown with its fingerprint and trusted only on the admin's word.
class TestRemoteAdminCenter : public QObject
{
    Q_OBJECT

private slots:
    void signInDecideLiveAndSurviveTheServiceGoingAway();
    void selfSignedCertificateIsPinnedOnlyWhenTrusted();
};
