#pragma once

#include "ApiRoute.h"

#include <QList>

namespace lockbox {

// Matches a call to its route: 404 when no pattern matches the path, 405 (with Allow) when the
// path exists with other methods.
class ApiRouter
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::ApiRouter)

public:
    void add(ApiRoute route);
    const QList<ApiRoute>& routes() const { return m_routes; }

    // The matching route, with the call's captures filled in; or answers the call with the error.
    const ApiRoute* match(ApiCall& call) const;

private:
    QList<ApiRoute> m_routes;
};

} // namespace lockbox
