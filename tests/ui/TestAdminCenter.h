#pragma once

#include <QObject>

// The Admin Center driven like a person does, with clicks and keys on the real window over a
// temporary store.
class TestAdminCenter : public QObject
{
    Q_OBJECT

private slots:
    void showsPendingRequestsOfTheTenant();
    void approveFromTheRowButton();
    void approveWithTheKeyboard();
    void denyNeedsAReason();
    void approvingAnExpiredRequestShowsWhy();
    void detailsShowHistoryAndTimeLeft();
    void revokeClosesAnOpenWindow();
    void readerSeesNoDecisionButtons();
    void settingToggleAsGlobalAdmin();
    void settingIsReadOnlyForAReader();
    void approvalsRequiredIsSetOnTheSettingsPage();
    void twoAdminsApproveInTurn();
    void detailsTellAHandEditedApprovalFromASignedOne();
    void homeCardsOpenTheFilteredList();
    void decidedTodayAndOpenWindowCardsMatchTheirLists();
    void searchFiltersTheTable();
    void auditExportAndVerify();
    void auditVerifyNamesABrokenRecord();
    void rolesPageAddsAnApprover();
    void aRoleChangedElsewhereTakesEffectAtOnce();
    void windowRemembersItsPage();
    void everyVisibleControlHasAnAccessibleName();
    void askTheEngineerAndReadTheAnswer();
    void escalationIsSetOnTheSettingsPageAndShown();
};
