#pragma once

#include <QString>

namespace lockbox {

// The outcome of checking an audit chain: intact, or the first record where it breaks.
struct AuditVerification
{
    bool intact = true;
    qint64 recordCount = 0;
    qint64 firstBrokenSeq = 0; // 0 when intact
    QString problem; // what is wrong at firstBrokenSeq, in plain words
    QString lastHash; // the last record's hash: keep it elsewhere to detect a cut-off tail

    QString summary() const;
};

} // namespace lockbox
