#pragma once

#include <QObject>

// What only a database server does: several processes opening (and upgrading) one database at
// once, and writing to it in turns; the server going away and coming back; several statements
// sent in one round trip, and decisions written in groups. Runs against the PostgreSQL server of
// scripts/with-postgres.sh only; the SQLite store has no such cases.
class TestServerDatabase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void processesOpeningANewServerDatabaseTogetherUpgradeItOnce();
    void lostServerConnectionIsUnavailableUntilTheServerIsBack();
    void processesTakingTurnsKeepOneAuditChain();
    void aLaterStatementFailingInOneRoundTripIsReported();
    void decisionsAreWrittenInGroupsAndALoserDoesNotSinkTheOthers();
    void aGroupWhoseConnectionWentOnTheWayIsNotRetried();
};
