#pragma once

#include <QObject>

// lockboxctl's commands run in-process on temporary stores: each command's happy path, the exit
// codes of refusals, missing things and broken audit chains, and the JSON output's field names.
class TestCtl : public QObject
{
    Q_OBJECT

private slots:
    // Help and the command line
    void helpListsEveryCommandAndTheExitCodes();
    void commandHelpShowsItsOptions();
    void missingAsExitsOneNamingLockboxUser();
    void missingStoreExitsOneNamingLockboxStore();
    void missingTenantExitsOneNamingLockboxTenant();
    void environmentSuppliesStoreUserAndTenant();
    void commandLineOverridesTheEnvironment();
    void globalOptionsWorkAfterTheCommand();
    void malformedCommandLinesExitOne_data();
    void malformedCommandLinesExitOne();
    void missingStoreFileExitsFourAndCreatesNothing();
    void fileThatIsNotAStoreExitsFour();
    void personWithoutARoleIsRefusedNamingTheTenant();
    void jsonErrorIsPrintedOnStdout();

    // Requests
    void listShowsTheTenantsRequestsInATable();
    void listFiltersByStatusAndSearch();
    void listJsonIsValidWithStableFieldNames();
    void listPagesWithACursorOnStderr();
    void listNeverCutsALongReason();
    void listForOperatorStaffNamesEachRequestsTenant();
    void showPrintsEveryFieldDecisionsAndHistory();
    void showJsonHasDecisionsAndHistory();
    void showUnknownReferenceExitsThree();
    void showAnotherTenantsRequestExitsThree();
    void approveOpensTheAccessWindow();
    void approveByAReaderExitsTwoWithTheStoresMessage();
    void approveAfterExpiryExitsTwo();
    void approveUnknownReferenceExitsThree();
    void denyRecordsTheReason();
    void revokeClosesTheWindow();

    // Settings and roles
    void settingsGetShowsThePolicy();
    void settingsSetChangesThePolicy();
    void settingsSetOutOfRangeIsRefusedByTheStore();
    void rolesListShowsEveryone();
    void rolesAddAndRemoveChangeTheTenantsRoles();
    void rolesAddByAnApproverExitsTwo();

    // Audit
    void auditExportThenVerifyFilePasses();
    void auditExportCsvHasAHeaderAndOneRowPerRecord();
    void auditExportFiltersByRequestReference();
    void auditExportToStdoutIsTheExportItself();
    void editedExportFailsVerifyFileNamingTheRecord();
    void reorderedExportFailsVerifyFile();
    void verifyFileOfAMissingFileExitsFive();
    void refusedExportLeavesNoOutputFile();
    void exportToAnUnwritablePathExitsFour();
    void auditVerifyPassesOnAnIntactStore();
    void tamperedStoreFailsAuditVerifyNamingTheFirstBrokenSeq();

    // Operator
    void engineerFilesAndManagerApprovesIntoPending();
    void managerRejectRecordsTheReason();
    void engineerWithdrawsTheirRequest();
    void engineerCannotApprove();
    void accessCheckAnswersWithTheExitCode();

    // Provisioning
    void tenantAddCreatesAStoreWithItsAdmin();
    void tenantAddRefusesAnExistingTenant();
    void staffAddLetsTheEngineerFile();
    void seedDemoCreatesAStoreAndNamesWhoToSignInAs();
    void seedDemoRefusesAnExistingFile();
    void seedLargeReportsProgressAndElapsedTime();
    void largeExportReportsProgressOnStderr();
    void askAndAnswerAQuestion();
    void settingsSetNamesBackupApprovers();
    void keyCreateRegistersAPrivateKeyFile();
    void approveWithAKeyFileSignsTheDecision();
    void verifyFileChecksEverySignedDecision();
    void keySignPrintsASignatureTheStoreAccepts();
    void handEditedApprovalWithTheSqlite3CommandLineGrantsNothing();
};
