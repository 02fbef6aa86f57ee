#include "DecisionStatement.h"

#include "CanonicalEncoding.h"

namespace lockbox {

using canonical::appendField;

DecisionStatement
DecisionStatement::of(const AccessRequest& request, Action decision, const QString& approver, const QDateTime& at)
{
    DecisionStatement statement;
    statement.requestId = request.id;
    statement.tenantId = request.tenantId;
    statement.requester = request.requester;
    statement.workload = request.workload;
    statement.scope = request.scope;
    statement.durationMinutes = request.durationMinutes;
    statement.approvalsRequired = request.approvalsRequired;
    statement.decision = decision;
    statement.approver = approver;
    statement.at = at;
    return statement;
}

bool DecisionStatement::isSigned(Action action)
{
    return action == Action::Approve || action == Action::Deny || action == Action::Revoke;
}

QByteArray DecisionStatement::encoded() const
{
    QByteArray out = "lockbox-decision/" + QByteArray::number(version) + '\n';
    appendField(out, "request", requestId);
    appendField(out, "tenant", tenantId);
    // Principals compare without case everywhere in Lockbox: sign the form the store keeps.
    appendField(out, "requester", requester.trimmed().toLower());
    appendField(out, "workload", workloads::key(workload));
    appendField(out, "scope", scope);
    appendField(out, "duration-minutes", QString::number(durationMinutes));
    appendField(out, "approvals-required", QString::number(approvalsRequired));
    appendField(out, "decision", actions::key(decision));
    appendField(out, "approver", approver.trimmed().toLower());
    appendField(out, "at", at.toUTC().toString(Qt::ISODateWithMs));
    return out;
}

} // namespace lockbox
