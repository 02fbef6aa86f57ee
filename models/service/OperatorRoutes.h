#pragma once

namespace lockbox {

class ApiRouter;
class SqlStore;

// The operator's side: engineers file and withdraw, managers approve or reject internally, and
// content services ask whether an engineer may touch a tenant's content now.
class OperatorRoutes
{
public:
    static void addTo(ApiRouter& router, SqlStore& store);
};

} // namespace lockbox
