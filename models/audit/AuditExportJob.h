#pragma once

#include "AuditExporter.h"
#include "core/Result.h"
#include "domain/Actor.h"
#include "store/AuditQuery.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace lockbox {

class Store;

// Exports the audit log to a file on a thread of its own, page by page, reporting progress and
// honouring cancel. The file appears whole or not at all (QSaveFile).
class AuditExportJob : public QObject
{
    Q_OBJECT

public:
    AuditExportJob(Store* store, Actor actor, AuditQuery filter, QObject* parent = nullptr);
    // Cancels a running export: it stops after the page it is writing and leaves no file.
    ~AuditExportJob() override;

    void start(const QString& path, AuditExporter::Format format);
    void cancel() { m_cancelled->store(true); }

signals:
    void progress(qint64 written);
    // The number of records written, or why nothing was.
    void finished(const lockbox::Result<qint64>& result);

private:
    Store* m_store;
    Actor m_actor;
    AuditQuery m_filter;
    std::shared_ptr<std::atomic_bool> m_cancelled;
};

} // namespace lockbox
