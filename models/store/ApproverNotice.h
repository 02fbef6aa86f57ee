#pragma once

#include "domain/AccessRequest.h"

#include <QDateTime>
#include <QStringList>

namespace lockbox {

// A notice to a tenant's approvers that the store has taken on (its audit record is written): what
// lockboxd's MailNotifier e-mails.
struct ApproverNotice
{
    enum class Kind {
        AwaitingApproval, // the manager approved it internally: it is the customer's turn
        ExpiringSoon, // still undecided within the hour before it expires
        Escalated, // still undecided at the tenant's lead time: to the backup approvers
    };

    Kind kind = Kind::AwaitingApproval;
    AccessRequest request;
    // The tenant's Global administrators and Lockbox access approvers (their sign-in names are
    // their e-mail addresses), less those who have approved it already; for an escalation, only
    // the backup approvers among them.
    QStringList recipients;
    QDateTime at; // the store's time when it was taken on
};

} // namespace lockbox
