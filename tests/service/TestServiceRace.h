#pragma once

#include <QObject>

// The race rule across processes: 16 clients decide the same 500 pending requests through two
// lockboxd processes on one PostgreSQL database. Exactly one decision wins each request, and
// every loser is told who won. Needs the test PostgreSQL server (scripts/with-postgres.sh).
class TestServiceRace : public QObject
{
    Q_OBJECT

private slots:
    void sixteenClientsTwoServicesOneDatabase();
};
