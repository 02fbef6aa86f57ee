#pragma once

#include "ApiCall.h"
#include "lifecycle/Action.h"

namespace lockbox {

class SqlStore;

// The one way a route acts on a request (approve, deny, revoke, manager approve or reject,
// withdraw): reads the body's one text field (the comment or the required reason), asks the
// store, and answers with the request after, or the store's refusal.
void performOnRequest(SqlStore& store, ApiCall call, Action action, const QString& textField, bool textRequired);

} // namespace lockbox
