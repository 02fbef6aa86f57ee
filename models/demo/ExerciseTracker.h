#pragma once

#include "audit/AuditRecord.h"
#include "domain/AccessRequest.h"
#include "domain/Actor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSet>

namespace lockbox {

class AppSettings;
class Store;

// The training demo's guided exercises and whether the trainee has done them, judged from what
// they really did: the tenant's audit log since the demo started (approvals, denials, a refused
// approval of an expired request, a revocation, the setting turned off and on), plus what the log
// cannot show (searching and verifying the audit log), which the Admin Center reports. Progress is
// kept in the preferences, so it survives closing the demo.
class ExerciseTracker : public QObject
{
    Q_OBJECT

public:
    struct Exercise
    {
        QString id;
        QString title;
        QString hint;
    };

    // `reader` is someone of the demo tenant who may read its audit log.
    ExerciseTracker(Store* store, AppSettings* settings, Actor reader, QDateTime demoStart, QObject* parent = nullptr);

    static QList<Exercise> exercises();
    bool isDone(const QString& id) const { return m_done.contains(id); }
    int doneCount() const { return int(m_done.size()); }

    // Reads the audit log again and marks what it proves.
    void evaluate();
    // Judges a list of audit records (oldest first); public so that the rules can be tested alone.
    static QSet<QString> judge(const QList<AuditRecord>& records);

    // The trainee looked at a request's details: one that expired during the demo shows them it
    // can no longer be approved.
    void noteRequestSeen(const AccessRequest& request);
    // What the Admin Center reports of the audit page.
    void noteAuditSearched();
    void noteAuditVerified(bool intact);
    // Forgets all progress.
    void reset();

signals:
    void changed();
    void completed(const QString& id);

private:
    void readFrom(qint64 cursorSeq, QList<AuditRecord> soFar);
    void markDone(const QSet<QString>& ids);

    Store* m_store;
    AppSettings* m_settings;
    Actor m_reader;
    QDateTime m_demoStart;
    QSet<QString> m_done;
    bool m_auditSearched = false;
    bool m_evaluating = false;
    bool m_evaluateAgain = false; // the log grew while it was being read
};

} // namespace lockbox
