#pragma once

namespace lockbox {

class ApiRouter;
class SqlStore;

// The request list and details, the customer's decisions (approve, deny, revoke: each needs a
// fresh one-time code) and the Home counts. Both sides list through the same route; the store
// decides what each role sees.
class RequestRoutes
{
public:
    static void addTo(ApiRouter& router, SqlStore& store);
};

} // namespace lockbox
