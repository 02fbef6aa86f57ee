#pragma once

#include <QObject>

// The SQL store through the Store interface: round trips, lists, roles enforced where the data
// lives, the store's clock, and racing decisions on two connections. Runs on SQLite, and again on
// PostgreSQL with LOCKBOX_TEST_BACKEND=postgres (ctest entry TestSqlStore_postgres).
class TestSqlStore : public QObject
{
    Q_OBJECT

private slots:
    void filedRequestRoundTripsEveryField();
    void referencesAreUniqueAndCarryTheWorkloadPrefix();
    void listFiltersByStatusAndSearch();
    void searchIgnoresCase();
    void listSortsAndPagesWithACursor_data();
    void listSortsAndPagesWithACursor();
    void badCursorIsRefused();
    void readerCannotApproveAndTheRefusalIsAudited();
    void claimedRoleIsIgnored();
    void anotherTenantsRequestIsInvisible();
    void approveAfterExpiryIsRefusedAndTheRequestExpires();
    void windowEndsOnTheStoreClock();
    void settingOffApprovesAutomatically();
    void staleSettingsChangeIsRefused();
    void twoApproversAreNeededWhenThePolicySaysSo();
    void twoConnectionsRacingExactlyOneWins();
    void summaryCountsWhatHomeShows();
    void rolesAreManagedByGlobalAdminsOnly();
    void requestsChangedIsEmittedAfterADecision();
    void questionThreadIsKeptAndAudited();
    void escalationFollowsTheStoreClockOnce();
    void twoApproversCompletingTheLastSlotExactlyOneCompletes();
    void approversRegisterTheirSigningKeys();
    void aKeyAddedOutsideTheEndorsingStoreGrantsNothing();
    void aSignedDecisionIsVerifiedAndKept();
};
