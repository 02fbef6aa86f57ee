#pragma once

#include <QObject>

// Opening stores of other schema versions: older ones are upgraded with their data, newer ones
// and foreign files are refused untouched.
class TestSchemaMigrations : public QObject
{
    Q_OBJECT

private slots:
    void newStoreIsAtTheLatestVersion();
    void oldestSchemaIsUpgradedWithItsData();
    void newerSchemaIsRefusedUntouched();
    void foreignDatabaseIsRefused();
    void fileThatIsNotADatabaseIsRefused();
    void missingFolderGivesAClearError();
};
