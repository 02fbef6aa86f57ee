#pragma once

#include <QObject>

// The item models behind the pages: they pass QAbstractItemModelTester, page lazily, and follow
// the store's change notifications row by row.
class TestItemModels : public QObject
{
    Q_OBJECT

private slots:
    void requestModelPassesTheTester();
    void requestModelPagesLazily();
    void requestModelUpdatesOneRowOnADecision();
    void requestModelSortsThroughTheStore();
    void auditModelPassesTheTesterAndFilters();
    void roleModelPassesTheTester();
    void timeFormatReadsNaturally_data();
    void timeFormatReadsNaturally();
};
