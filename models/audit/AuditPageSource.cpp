#include "AuditPageSource.h"

#include "store/Store.h"

#include <memory>

namespace lockbox {

AuditExporter::PageSource AuditPageSource::from(Store& store, const Actor& actor, AuditQuery filter)
{
    filter.newestFirst = false;
    filter.limit = AuditQuery::maxLimit;
    // The last page says so (no cursor): no extra round trip to learn that nothing follows.
    auto more = std::make_shared<bool>(true);
    return [&store, actor, filter, more](qint64 afterSeq) mutable -> Result<QList<AuditRecord>> {
        if (!*more)
            return QList<AuditRecord>();
        filter.cursorSeq = afterSeq;
        Result<Page<AuditRecord>> page = store.auditRecords(actor, filter).result();
        if (!page)
            return page.error();
        *more = !page->nextCursor.isEmpty();
        return page->items;
    };
}

} // namespace lockbox
