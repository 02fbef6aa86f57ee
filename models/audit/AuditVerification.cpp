#include "AuditVerification.h"

#include <QCoreApplication>

namespace lockbox {

QString AuditVerification::summary() const
{
    if (intact)
        return QCoreApplication::translate("lockbox::AuditVerification", "Audit log intact. Records checked: %1.")
            .arg(recordCount);
    return QCoreApplication::translate("lockbox::AuditVerification", "Audit log broken at record %1: %2")
        .arg(firstBrokenSeq)
        .arg(problem);
}

} // namespace lockbox
