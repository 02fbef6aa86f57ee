#pragma once

namespace lockbox {

class ApiRouter;
class SqlStore;

// A tenant's lockbox policy and its role assignments. Changes need a fresh one-time code.
class TenantRoutes
{
public:
    static void addTo(ApiRouter& router, SqlStore& store);
};

} // namespace lockbox
