#pragma once

#include "audit/AuditEvent.h"
#include "domain/AccessRequest.h"
#include "domain/Decision.h"

#include <QList>

namespace lockbox {

// What one permitted action does to a request: its new state, the decisions to record (the
// actor's, and the system's when it approves on the tenant's behalf) and the audit events, all of
// which the store writes in one transaction.
struct RequestTransition
{
    AccessRequest request; // the state after the action; version not yet incremented
    QList<Decision> decisions;
    QList<AuditEvent> events;
};

} // namespace lockbox
