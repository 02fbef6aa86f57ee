#pragma once

#include <QObject>

// The lifecycle's rules and their edges, without a store (SPEC "Lifecycle", "People and roles").
class TestLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void fileValidatesDuration_data();
    void fileValidatesDuration();
    void fileSetsTwelveHourExpiry();
    void rolesAgainstActions_data();
    void rolesAgainstActions();
    void approveOneSecondBeforeExpiryOpensWindow();
    void approveAtExpiryIsRefusedWithTime();
    void denyAtExpiryIsRefused();
    void secondDecisionNamesTheFirst();
    void decisionOnAnotherTenantsRequestIsNotFound();
    void denyNeedsAReason();
    void managerApproveWithApprovalRequiredWaitsForCustomer();
    void managerApproveWithApprovalOffApprovesAutomatically();
    void managerRejectNeedsAReason();
    void twoApprovalsNeededCountsDistinctApprovers();
    void sameApproverCannotCountTwice();
    void oneDenyDeniesDespiteAnApproval();
    void revokeOnlyInsideTheWindow();
    void onlyTheRequesterWithdraws();
    void dueExpiresUndecidedRequests();
    void dueEndsTheWindowAtItsEnd();
    void accessCheckAnswersUntilOrDenied();
    void settingsChangeIsGlobalAdminOnly();
    void approvalsRequiredMustBeOneToThree();
    void lastGlobalAdminCannotBeRemoved();
    void questionShowsInformationRequestedUntilAnswered();
    void questionOnAnExpiredOrDecidedRequestIsRefused();
    void escalationComesOnceExactlyAtTheLeadTime();
    void backupApproversMustHoldAnApprovingRole();
    void aLateRequestEscalatesAtOnceAndOnlyWhenApprovalIsRequired();
    void aBackupWhoLostTheRoleDoesNotBlockOtherChanges();
};
