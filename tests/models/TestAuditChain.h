#pragma once

#include <QObject>

// The hash-chained audit log: every change recorded, and any edit, deletion or reordering on disk
// named at its first broken record; exports in stable JSON lines and CSV that verify offline.
class TestAuditChain : public QObject
{
    Q_OBJECT

private slots:
    void activityLeavesAnIntactChain();
    void editedRecordIsNamed();
    void deletedRecordIsNamed();
    void reorderedRecordsAreNamed();
    void relinkedEditIsNamedAtTheNextRecord();
    void tamperingWithTheSqlite3CommandLineIsCaught();
    void jsonLinesExportHasStableFieldsAndVerifiesOffline();
    void csvExportQuotesFields();
    void exportCanBeCancelled();
    void readersSeeOnlyTheirTenantsRecords();
};
