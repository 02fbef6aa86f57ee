#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <functional>

namespace lockbox {

// Writes a large store for benchmarks (a million requests and more) in seconds: rows are written
// straight through SQLite's C API in one transaction, with states consistent with `now` (nothing
// overdue) and one RequestFiled audit record each, chained and verifiable. The indexes are built
// after the rows, which is several times faster than keeping them up to date row by row.
// SQLite only: a PostgreSQL URL is refused.
class LargeStoreGenerator
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::LargeStoreGenerator)

public:
    struct Options
    {
        qint64 requests = 1'000'000;
        QDateTime now;
        quint32 seed = 1;
    };
    // Told the number of requests written so far, then -1 while the indexes are built.
    using Progress = std::function<void(qint64 written)>;

    static Result<qint64> generate(const QString& path, const Options& options, const Progress& progress = {});
};

} // namespace lockbox
