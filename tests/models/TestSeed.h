#pragma once

#include <QObject>

// The seed generators: a realistic demo store made through the real lifecycle, and a large
// benchmark store that is consistent with the clock and verifies.
class TestSeed : public QObject
{
    Q_OBJECT

private slots:
    void demoStoreHasEveryStatusAndAnIntactLog();
    void demoStoreEndsWithWorkForTheTrainee();
    void demoStoreNeverOverwritesAFile();
    void largeStoreIsConsistentAndVerifies();
    void largeStoreRefusesAPostgresDatabase();
};
