#pragma once

#include <QObject>

// The built lockboxctl binary, run as a user or a script runs it: through a process, with its
// own environment, on the system clock, talking through stdout, stderr and the exit code.
class TestCtlBinary : public QObject
{
    Q_OBJECT

private slots:
    void helpExitsZeroAndListsTheExitCodes();
    void versionPrintsTheProjectVersion();
    void missingAsExitsOneNamingLockboxUser();
    void seededDemoStoreAnswersListAsJson();
    void exportToStdoutMatchesExportToAFile();
};
