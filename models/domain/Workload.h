#pragma once

#include <QList>
#include <QString>

namespace lockbox {

// The service whose content a request touches. The reference prefix comes from it (EXSR359423).
enum class Workload {
    Exchange,
    SharePoint,
    OneDrive,
    Teams,
};

namespace workloads {
QString key(Workload workload);
bool fromKey(const QString& key, Workload* workload);
QString displayName(Workload workload);
// "EXSR", "SPSR", "ODSR", "TMSR": prefix of the human reference.
QString referencePrefix(Workload workload);
QList<Workload> all();
} // namespace workloads

} // namespace lockbox
