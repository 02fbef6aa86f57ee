#pragma once

#include <QObject>

// lockboxd's e-mail to approvers, against a local SMTP sink on loopback (python3-aiosmtpd): who
// gets which mail about what, once, whatever the number of lockboxd processes; a well-formed
// message; retries; a mail server that hangs holds up nothing; the SMTP settings and their
// password file are checked before lockboxd starts.
class TestMailNotifier : public QObject
{
    Q_OBJECT

private slots:
    void messageIsWellFormedRfc5322();
    void approversAreMailedOnceWhenARequestAwaitsThem();
    void requestsThatDoNotAwaitTheCustomerAreNotMailed();
    void approversAreWarnedOnceWithinTheHourBeforeExpiry();
    void backupApproversAreMailedOnceWhenARequestIsEscalated();
    void aRefusedMailIsTriedAgain();
    void signsInWithTheUserAndThePasswordFile();
    void aHangingMailServerHoldsUpNothing();
    void unsafeOrIncompleteSettingsAreRefused_data();
    void unsafeOrIncompleteSettingsAreRefused();
    void lockboxdMailsTheApproversThroughTheSink();
};
