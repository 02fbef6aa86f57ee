#include "DecisionStatement.h"

namespace lockbox {

namespace {

void field(QByteArray& out, const char* name, const QString& value)
{
    const QByteArray bytes = value.toUtf8();
    out += name;
    out += ':';
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += '\n';
}

} // namespace

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
    field(out, "request", requestId);
    field(out, "tenant", tenantId);
    // Principals compare without case everywhere in Lockbox: sign the form the store keeps.
    field(out, "requester", requester.trimmed().toLower());
    field(out, "workload", workloads::key(workload));
    field(out, "scope", scope);
    field(out, "duration-minutes", QString::number(durationMinutes));
    field(out, "approvals-required", QString::number(approvalsRequired));
    field(out, "decision", actions::key(decision));
    field(out, "approver", approver.trimmed().toLower());
    field(out, "at", at.toUTC().toString(Qt::ISODateWithMs));
    return out;
}

} // namespace lockbox
