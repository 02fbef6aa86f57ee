#pragma once

#include <QObject>

// The SQLite store through the Store interface: round trips, lists, roles enforced where the data
// lives, the store's clock, and racing decisions on two connections.
class TestSqlStore : public QObject
{
    Q_OBJECT

private slots:
    void filedRequestRoundTripsEveryField();
    void referencesAreUniqueAndCarryTheWorkloadPrefix();
    void listFiltersByStatusAndSearch();
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
};
