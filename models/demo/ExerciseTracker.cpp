#include "ExerciseTracker.h"
#include "core/Guarded.h"

#include "audit/AuditOperation.h"
#include "settings/AppSettings.h"
#include "store/Store.h"

namespace lockbox {

namespace {
const QString approveId = QStringLiteral("approve");
const QString denyId = QStringLiteral("deny");
const QString expireId = QStringLiteral("expire");
const QString revokeId = QStringLiteral("revoke");
const QString settingId = QStringLiteral("setting");
const QString auditId = QStringLiteral("audit");

bool byTrainee(const AuditRecord& record)
{
    return roles::isCustomerRole(record.actorRole);
}
} // namespace

ExerciseTracker::ExerciseTracker(
    Store* store, AppSettings* settings, Actor reader, QDateTime demoStart, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
    , m_reader(std::move(reader))
    , m_demoStart(std::move(demoStart))
{
    const QStringList saved = m_settings->completedExercises();
    m_done = QSet<QString>(saved.cbegin(), saved.cend());
    connect(store, &Store::auditAppended, this, [this](const QString& tenantId) {
        if (tenantId == m_reader.tenantId)
            evaluate();
    });
}

QList<ExerciseTracker::Exercise> ExerciseTracker::exercises()
{
    return {{approveId, tr("Approve a request"), tr("Select a pending request, read its details, then Approve.")},
            {denyId, tr("Deny a request with a reason"), tr("Deny a pending request and say why.")},
            {expireId,
             tr("Let a request expire"),
             tr("Speed the clock up until a pending request lapses, then open it: it can no longer be approved.")},
            {revokeId,
             tr("Revoke an open access window"),
             tr("Filter Approved, select one with time left, Revoke access.")},
            {settingId,
             tr("Turn approval off, then on again"),
             tr("Settings: turn off \"Require approval\", watch the next request be approved by the system, then "
                "turn it on again.")},
            {auditId,
             tr("Find a decision in the audit log and verify it"),
             tr("Audit log: filter for a decision (e.g. operation RequestApproved), then Verify integrity.")}};
}

QSet<QString> ExerciseTracker::judge(const QList<AuditRecord>& records)
{
    QSet<QString> done;
    bool approvalTurnedOff = false;
    bool autoApprovedWhileOff = false;
    for (const AuditRecord& record : records) {
        const QString& operation = record.operation;
        if (byTrainee(record)
            && (operation == AuditOperation::RequestApproved || operation == AuditOperation::ApprovalRecorded))
            done.insert(approveId);
        if (byTrainee(record) && operation == AuditOperation::RequestDenied
            && !record.details.value(QStringLiteral("comment")).toString().trimmed().isEmpty())
            done.insert(denyId);
        if (byTrainee(record) && operation == AuditOperation::ActionRefused
            && record.details.value(QStringLiteral("code")).toString() == QLatin1String("expired"))
            done.insert(expireId);
        if (byTrainee(record) && operation == AuditOperation::AccessRevoked)
            done.insert(revokeId);
        if (operation == AuditOperation::SettingChanged
            && record.details.value(QStringLiteral("setting")).toString() == QLatin1String("requireApproval")) {
            const bool on = record.details.value(QStringLiteral("to")).toBool();
            if (!on && byTrainee(record))
                approvalTurnedOff = true;
            if (on && byTrainee(record) && approvalTurnedOff && autoApprovedWhileOff)
                done.insert(settingId);
        }
        if (operation == AuditOperation::RequestAutoApproved && approvalTurnedOff)
            autoApprovedWhileOff = true;
    }
    return done;
}

void ExerciseTracker::evaluate()
{
    if (m_evaluating) {
        m_evaluateAgain = true;
        return;
    }
    m_evaluating = true;
    readFrom(0, {});
}

void ExerciseTracker::readFrom(qint64 cursorSeq, QList<AuditRecord> soFar)
{
    AuditQuery query;
    query.from = m_demoStart;
    query.cursorSeq = cursorSeq;
    query.limit = AuditQuery::maxLimit;
    m_store->auditRecords(m_reader, query)
        .then(QCoreApplication::instance(), guarded(this, [this, soFar](const Result<Page<AuditRecord>>& page) mutable {
                  if (page) {
                      soFar += page->items;
                      if (!page->nextCursor.isEmpty()) {
                          readFrom(page->nextCursor.toLongLong(), soFar);
                          return;
                      }
                      markDone(judge(soFar));
                  }
                  m_evaluating = false;
                  if (std::exchange(m_evaluateAgain, false))
                      evaluate();
              }));
}

void ExerciseTracker::noteRequestSeen(const AccessRequest& request)
{
    if (request.status == RequestStatus::Expired && request.expires >= m_demoStart)
        markDone({expireId});
}

void ExerciseTracker::noteAuditSearched()
{
    m_auditSearched = true;
}

void ExerciseTracker::noteAuditVerified(bool intact)
{
    if (m_auditSearched && intact)
        markDone({auditId});
}

void ExerciseTracker::reset()
{
    m_done.clear();
    m_auditSearched = false;
    m_settings->setCompletedExercises({});
    emit changed();
}

void ExerciseTracker::markDone(const QSet<QString>& ids)
{
    bool any = false;
    for (const QString& id : ids) {
        if (m_done.contains(id))
            continue;
        m_done.insert(id);
        any = true;
        emit completed(id);
    }
    if (!any)
        return;
    QStringList ordered;
    for (const Exercise& exercise : exercises()) {
        if (m_done.contains(exercise.id))
            ordered << exercise.id;
    }
    m_settings->setCompletedExercises(ordered);
    emit changed();
}

} // namespace lockbox
