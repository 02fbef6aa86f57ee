#pragma once

#include "AuditExporter.h"
#include "domain/Actor.h"
#include "store/AuditQuery.h"

namespace lockbox {

class Store;

// Feeds AuditExporter from a store: the records `filter` selects, oldest first, a page at a time,
// as `actor` may read them. Blocks on the store's answers, so call it off the GUI thread.
class AuditPageSource
{
public:
    static AuditExporter::PageSource from(Store& store, const Actor& actor, AuditQuery filter);
};

} // namespace lockbox
