#pragma once

#include <QObject>

// lockboxd's API over real HTTP on loopback: the routes against the OpenAPI document, bad
// input, every route against every role and a foreign tenant, MFA and step-up, the end-to-end
// path, the event stream, the audit export, and how it listens (loopback, TLS).
class TestApiServer : public QObject
{
    Q_OBJECT

private slots:
    void routesMatchTheOpenApiDocument();
    void badInputIsRefusedAndNothingIsWritten_data();
    void badInputIsRefusedAndNothingIsWritten();
    void unknownRoutesAndMethodsAnswerInJson();
    void oversizedBodiesAreRefusedWith413();
    void everyRouteChecksRoleAndTenant();
    void signInAsksForTheCodeAndDecisionsForAFreshOne();
    void aStepUpThroughAnotherServiceCountsAtOnce();
    void engineerToApprovalToClosedWindowEndToEnd();
    void eventStreamTellsEveryClientWithinASecond();
    void auditExportStreamsTheChainAsJsonLines();
    void plainHttpAwayFromLoopbackIsRefused();
    void tlsServesWithTheGivenCertificate();
};
