#pragma once

#include <QObject>

// lockboxctl through a Lockbox service (--url): the service runs in-process on a temporary store
// and lockboxctl on a thread of its own, as a separate program would. The whole path of a request
// (filed, approved by the manager, then by an admin with a one-time code, access checked, the
// window ending), sign-in with a password, a code or a saved token, and how failures reach the
// user: the service's own codes and messages, step-up and sign-in failures (exit code 6), an
// unreachable service (exit code 4). Also the RemoteStore beneath: acting only as its session's
// person, the event stream, and a pinned self-signed certificate.
class TestCtlRemote : public QObject
{
    Q_OBJECT

private slots:
    void requestGoesFromFilingToTheEndOfItsWindowThroughTheService();
    void decisionWithoutACodeExitsSixAskingForOne();
    void decisionWithTheTokenAndACodeStepsUpFirst();
    void enrolledAccountWithoutACodeExitsSix();
    void wrongPasswordExitsSix();
    void unreachableServiceExitsFourNamingIt();
    void loginPrintsATokenThatLaterCommandsUse();
    void loginJsonCarriesTheSession();
    void logoutEndsTheToken();
    void tokenOfSomeoneElseIsRefused();
    void serviceRefusalsKeepTheirCodeAndMessage();
    void everydayCommandsWorkThroughTheService();
    void auditExportThroughTheServiceVerifiesOffline();
    void provisioningThroughTheServiceIsRefused();

    void remoteStoreActsOnlyAsItsSessionsPerson();
    void remoteStoreFollowsTheEventStream();
    void remoteStoreResumesTheEventStreamWhereItLeftOff();
    void remoteStoreTrustsOnlyThePinnedCertificate();
    void remoteStoreGivesUpAfterItsTimeout();
    void remoteStoreCarriesSignedDecisions();
    void keyCreatedAndSignedThroughTheServiceApprovesOverPlainHttp();
};
