#pragma once

namespace lockbox {

class ApiRouter;
class SqlStore;

// The caller's tenant's audit log: pages by time, operation, actor and request; the whole log
// as JSON lines (streamed, page by page); and a check of its hash chain.
class AuditRoutes
{
public:
    static void addTo(ApiRouter& router, SqlStore& store);
};

} // namespace lockbox
