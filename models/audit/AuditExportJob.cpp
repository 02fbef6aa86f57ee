#include "AuditExportJob.h"

#include "AuditPageSource.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>

namespace lockbox {

AuditExportJob::AuditExportJob(Store* store, Actor actor, AuditQuery filter, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_actor(std::move(actor))
    , m_filter(std::move(filter))
    , m_cancelled(std::make_shared<std::atomic_bool>(false))
{ }

AuditExportJob::~AuditExportJob()
{
    cancel();
}

void AuditExportJob::start(const QString& path, AuditExporter::Format format)
{
    QPointer<AuditExportJob> self(this);
    QThreadPool::globalInstance()->start(
        [self, store = m_store, actor = m_actor, filter = m_filter, cancelled = m_cancelled, path, format]() {
            // Reports go through the application object, on its thread, where `self` may be read.
            auto report = [self](auto&& signal, auto value) {
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [self, signal, value] {
                        if (self)
                            emit(self.data()->*signal)(value);
                    },
                    Qt::QueuedConnection);
            };
            QSaveFile file(path);
            Result<qint64> result;
            if (!file.open(QIODevice::WriteOnly)) {
                result = Error(Error::Code::StorageFailure,
                               QCoreApplication::translate("lockbox::AuditExportJob", "Cannot write %1: %2")
                                   .arg(path, file.errorString()));
            } else {
                result = AuditExporter::write(
                    file, format, AuditPageSource::from(*store, actor, filter), [&](qint64 written) {
                        report(&AuditExportJob::progress, written);
                        return !cancelled->load();
                    });
                if (result && !file.commit())
                    result = Error(Error::Code::StorageFailure,
                                   QCoreApplication::translate("lockbox::AuditExportJob", "Cannot save %1: %2")
                                       .arg(path, file.errorString()));
                if (!result)
                    file.cancelWriting();
            }
            report(&AuditExportJob::finished, result);
        });
}

} // namespace lockbox
