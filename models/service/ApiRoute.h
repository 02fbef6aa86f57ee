#pragma once

#include "ApiCall.h"
#include "lifecycle/Action.h"

#include <QRegularExpression>
#include <functional>
#include <optional>

namespace lockbox {

// One route of the service: method, path pattern with {placeholders}, who may call it and the
// handler. The router's list of these is the service's real surface, which a test compares with
// the OpenAPI document.
struct ApiRoute
{
    enum class Access {
        Public, // no token (health, sign-in, the API description)
        Session, // a valid bearer token
        StepUp, // a valid token and a one-time code entered within the last minutes
    };

    QString method; // "GET", "POST", ...
    QString pattern; // "/api/v1/requests/{id}/approve"
    Access access = Access::Session;
    // For StepUp routes: the action, so that someone who may not do it at all hears 403 (from
    // the store, audited) rather than being asked for a code first.
    std::optional<Action> action;
    std::function<void(ApiCall)> handler;
    QRegularExpression regex; // built from the pattern by the router
};

} // namespace lockbox
