#pragma once

#include "audit/AuditEvent.h"
#include "domain/AccessRequest.h"
#include "domain/Decision.h"

#include <QList>
#include <optional>

namespace lockbox {

// What one permitted action does to a request: its new state, the decision to record (if any)
// and the audit events, all of which the store writes in one transaction.
struct RequestTransition
{
    AccessRequest request; // the state after the action; version not yet incremented
    std::optional<Decision> decision;
    QList<AuditEvent> events;
};

} // namespace lockbox
