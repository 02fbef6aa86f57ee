#include "Workload.h"

namespace lockbox::workloads {

QString key(Workload workload)
{
    switch (workload) {
    case Workload::Exchange:
        return QStringLiteral("Exchange");
    case Workload::SharePoint:
        return QStringLiteral("SharePoint");
    case Workload::OneDrive:
        return QStringLiteral("OneDrive");
    case Workload::Teams:
        return QStringLiteral("Teams");
    }
    return {};
}

bool fromKey(const QString& key, Workload* workload)
{
    for (Workload candidate : all()) {
        if (workloads::key(candidate).compare(key, Qt::CaseInsensitive) == 0) {
            *workload = candidate;
            return true;
        }
    }
    return false;
}

QString displayName(Workload workload)
{
    // Product names are not translated.
    return key(workload);
}

QString referencePrefix(Workload workload)
{
    switch (workload) {
    case Workload::Exchange:
        return QStringLiteral("EXSR");
    case Workload::SharePoint:
        return QStringLiteral("SPSR");
    case Workload::OneDrive:
        return QStringLiteral("ODSR");
    case Workload::Teams:
        return QStringLiteral("TMSR");
    }
    return {};
}

QList<Workload> all()
{
    return {Workload::Exchange, Workload::SharePoint, Workload::OneDrive, Workload::Teams};
}

} // namespace lockbox::workloads
