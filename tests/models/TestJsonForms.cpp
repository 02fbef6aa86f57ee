#include "TestJsonForms.h"

#include "audit/AuditRecord.h"
#include "support/ResultAsserts.h"
#include "json/JsonWriter.h"
#include "json/RequestJson.h"
#include "json/ServiceJson.h"
#include "json/TenantJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace lockbox;

namespace {

const QDateTime at(QDate(2026, 11, 24), QTime(8, 0, 0, 250), Qt::UTC);

AccessRequest approvedRequest()
{
    AccessRequest request;
    request.id = QStringLiteral("0b8f6a53-1f0e-4b0c-9c55-3c2f8a1d6e42");
    request.reference = QStringLiteral("SPSR359423");
    request.serviceRequest = QStringLiteral("SR2611240001");
    request.tenantId = QStringLiteral("contoso.onmicrosoft.com");
    request.workload = Workload::SharePoint;
    request.requester = QStringLiteral("rkumar@ops.example");
    request.reason = QStringLiteral("Site \"Finance\" fails to load: ünïcödé & <markup>");
    request.scope = QStringLiteral("Site /sites/finance");
    request.durationMinutes = 90;
    request.created = at;
    request.expires = at.addSecs(12 * 3600);
    request.status = RequestStatus::Approved;
    request.approvalsRequired = 2;
    request.approvalsCount = 2;
    request.manager = QStringLiteral("mgarcia@ops.example");
    request.managerDecidedAt = at.addSecs(60);
    request.decidedBy = QStringLiteral("lidia@contoso.com");
    request.decidedAt = at.addSecs(300);
    request.decisionComment = QStringLiteral("ticket checked");
    request.accessFrom = at.addSecs(300);
    request.accessUntil = at.addSecs(300 + 90 * 60);
    request.version = 5;
    request.decisions = {
        Decision {Decision::Kind::ManagerApprove, request.manager, Role::SupportManager, at.addSecs(60), {}},
        Decision {Decision::Kind::Approve,
                  QStringLiteral("megan@contoso.com"),
                  Role::GlobalAdministrator,
                  at.addSecs(200),
                  QStringLiteral("ok")},
        Decision {Decision::Kind::Approve,
                  request.decidedBy,
                  Role::LockboxApprover,
                  at.addSecs(300),
                  request.decisionComment},
    };
    return request;
}

// The JSON document's text, for comparisons that print what differs.
QString text(const QJsonValue& json)
{
    return QString::fromUtf8(json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
}

QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString& key)
{
    object.remove(key);
    return object;
}

// Reads `json` as the form named `form`; the error when it does not read.
Status readAs(const QString& form, const QJsonValue& json)
{
    auto outcome = [](const auto& result) {
        return result ? Status::success() : Status(result.error());
    };
    if (form == QLatin1String("request"))
        return outcome(RequestJson::fromJson<AccessRequest>(json));
    if (form == QLatin1String("requests"))
        return outcome(RequestJson::fromJson<QList<AccessRequest>>(json));
    if (form == QLatin1String("settings"))
        return outcome(TenantJson::fromJson<TenantSettings>(json));
    if (form == QLatin1String("assignments"))
        return outcome(TenantJson::fromJson<QList<RoleAssignment>>(json));
    if (form == QLatin1String("check"))
        return outcome(TenantJson::fromJson<AccessCheck>(json));
    if (form == QLatin1String("session"))
        return outcome(ServiceJson::fromJson<AuthSession>(json));
    if (form == QLatin1String("summary"))
        return outcome(ServiceJson::fromJson<RequestSummary>(json));
    if (form == QLatin1String("verification"))
        return outcome(ServiceJson::fromJson<AuditVerification>(json));
    return Error(Error::Code::Internal, QStringLiteral("no form %1").arg(form));
}

TenantSettings settings()
{
    return {QStringLiteral("contoso.onmicrosoft.com"),
            QStringLiteral("Contoso"),
            false,
            2,
            {QStringLiteral("lidia@contoso.com"), QStringLiteral("diego@contoso.com")},
            90,
            QStringLiteral("megan@contoso.com"),
            at};
}

RoleAssignment assignment()
{
    return {QStringLiteral("contoso.onmicrosoft.com"),
            QStringLiteral("lidia@contoso.com"),
            QStringLiteral("Lidia Holloway"),
            Role::LockboxApprover,
            QStringLiteral("megan@contoso.com"),
            at};
}

AuthSession session()
{
    AuthSession session;
    session.token = QStringLiteral("lbx_abc");
    session.actor
        = {QStringLiteral("megan@contoso.com"), QStringLiteral("contoso.onmicrosoft.com"), Role::GlobalAdministrator};
    session.createdAt = at;
    session.expiresAt = at.addSecs(3600);
    session.stepUpAt = at.addSecs(10);
    session.mfaEnrolled = true;
    return session;
}

} // namespace

void TestJsonForms::requestRoundTripsWithItsDecisions()
{
    const AccessRequest request = approvedRequest();
    const QJsonObject json = RequestJson::toJson(request);
    Result<AccessRequest> read = RequestJson::fromJson<AccessRequest>(json);
    LOCKBOX_VERIFY_OK(read);
    QCOMPARE(text(RequestJson::toJson(*read)), text(json));
    QCOMPARE(read->decisions.size(), 3);
    QCOMPARE(read->decisions.at(2).actorRole, Role::LockboxApprover);
    QCOMPARE(read->accessUntil, request.accessUntil);
    QCOMPARE(read->accessUntil.timeSpec(), Qt::UTC);
    QCOMPARE(read->reason, request.reason);
}

void TestJsonForms::requestOfAListHasNoDecisions()
{
    AccessRequest pending = approvedRequest();
    pending.status = RequestStatus::Pending;
    pending.decidedBy.clear();
    pending.decidedAt = {};
    pending.decisionComment.clear();
    pending.accessFrom = {};
    pending.accessUntil = {};
    const QJsonObject json = RequestJson::toJson(pending, RequestJson::Decisions::Omit);
    QVERIFY(json.value(QStringLiteral("accessFrom")).isNull());
    Result<AccessRequest> read = RequestJson::fromJson<AccessRequest>(json);
    LOCKBOX_VERIFY_OK(read);
    QVERIFY(read->decisions.isEmpty());
    QVERIFY(!read->accessFrom.isValid());
    QVERIFY(read->decidedBy.isEmpty());
    QCOMPARE(text(RequestJson::toJson(*read, RequestJson::Decisions::Omit)), text(json));
}

void TestJsonForms::requestListRoundTrips()
{
    AccessRequest second = approvedRequest();
    second.reference = QStringLiteral("EXSR359424");
    second.workload = Workload::Exchange;
    const QJsonArray json = RequestJson::toJson(QList<AccessRequest> {approvedRequest(), second});
    Result<QList<AccessRequest>> read = RequestJson::fromJson<QList<AccessRequest>>(json);
    LOCKBOX_VERIFY_OK(read);
    QCOMPARE(read->size(), 2);
    QCOMPARE(text(RequestJson::toJson(*read)), text(json));
}

void TestJsonForms::tenantFormsRoundTrip()
{
    const QJsonObject settingsJson = TenantJson::toJson(settings());
    Result<TenantSettings> readSettings = TenantJson::fromJson<TenantSettings>(settingsJson);
    LOCKBOX_VERIFY_OK(readSettings);
    QCOMPARE(text(TenantJson::toJson(*readSettings)), text(settingsJson));
    QCOMPARE(readSettings->requireApproval, false);

    TenantSettings fresh = settings();
    fresh.changedBy.clear();
    fresh.changedAt = {};
    Result<TenantSettings> readFresh = TenantJson::fromJson<TenantSettings>(TenantJson::toJson(fresh));
    LOCKBOX_VERIFY_OK(readFresh);
    QVERIFY(!readFresh->changedAt.isValid());

    RoleAssignment system = assignment();
    system.principal = QStringLiteral("megan@contoso.com");
    system.role = Role::GlobalAdministrator;
    system.assignedBy.clear();
    system.assignedAt = {};
    const QJsonArray assignmentsJson = TenantJson::toJson(QList<RoleAssignment> {assignment(), system});
    Result<QList<RoleAssignment>> readAssignments = TenantJson::fromJson<QList<RoleAssignment>>(assignmentsJson);
    LOCKBOX_VERIFY_OK(readAssignments);
    QCOMPARE(text(TenantJson::toJson(*readAssignments)), text(assignmentsJson));
}

void TestJsonForms::accessCheckRoundTripsAllowedAndDenied()
{
    const AccessCheck allowed {true, at, QStringLiteral("0b8f6a53-1f0e-4b0c-9c55-3c2f8a1d6e42"), {}};
    const AccessCheck denied {false, {}, {}, QStringLiteral("rkumar@ops.example holds no approved request.")};
    for (const AccessCheck& check : {allowed, denied}) {
        const QJsonObject json = TenantJson::toJson(check);
        Result<AccessCheck> read = TenantJson::fromJson<AccessCheck>(json);
        LOCKBOX_VERIFY_OK(read);
        QCOMPARE(text(TenantJson::toJson(*read)), text(json));
        QCOMPARE(read->allowed, check.allowed);
    }
}

void TestJsonForms::sessionRoundTripsWithTokenAndStepUp()
{
    const QJsonObject json = ServiceJson::toJson(session(), true);
    Result<AuthSession> read = ServiceJson::fromJson<AuthSession>(json);
    LOCKBOX_VERIFY_OK(read);
    QCOMPARE(text(ServiceJson::toJson(*read, true)), text(json));
    QCOMPARE(read->token, QStringLiteral("lbx_abc"));
    QCOMPARE(read->stepUpAt, session().stepUpAt);
    QVERIFY(read->isSteppedUp(at.addSecs(60)));

    AuthSession plain = session();
    plain.stepUpAt = {};
    Result<AuthSession> readPlain = ServiceJson::fromJson<AuthSession>(ServiceJson::toJson(plain));
    LOCKBOX_VERIFY_OK(readPlain);
    QVERIFY(readPlain->token.isEmpty());
    QVERIFY(!readPlain->stepUpAt.isValid());
}

void TestJsonForms::serviceCountsAndVerificationRoundTrip()
{
    const RequestSummary summary {3, 1, 7, 2};
    const QJsonObject summaryJson = ServiceJson::toJson(summary);
    Result<RequestSummary> readSummary = ServiceJson::fromJson<RequestSummary>(summaryJson);
    LOCKBOX_VERIFY_OK(readSummary);
    QCOMPARE(text(ServiceJson::toJson(*readSummary)), text(summaryJson));

    const AuditVerification broken {
        false, 120, 57, QStringLiteral("record 57 does not match its hash"), QStringLiteral("ab12")};
    const QJsonObject verificationJson = ServiceJson::toJson(broken);
    Result<AuditVerification> readVerification = ServiceJson::fromJson<AuditVerification>(verificationJson);
    LOCKBOX_VERIFY_OK(readVerification);
    QCOMPARE(text(ServiceJson::toJson(*readVerification)), text(verificationJson));
    QCOMPARE(readVerification->firstBrokenSeq, 57);

    const MfaEnrolment enrolment {QStringLiteral("JBSWY3DPEHPK3PXP"), QStringLiteral("otpauth://totp/Lockbox:megan")};
    Result<MfaEnrolment> readEnrolment = ServiceJson::fromJson<MfaEnrolment>(ServiceJson::toJson(enrolment));
    LOCKBOX_VERIFY_OK(readEnrolment);
    QCOMPARE(readEnrolment->secret, enrolment.secret);
    QCOMPARE(readEnrolment->uri, enrolment.uri);
}

void TestJsonForms::timesAreWrittenAsQtWritesThem()
{
    QList<qint64> moments {0,
                           -1,
                           -86'400'000,
                           951'782'400'000, // 2000-02-29
                           1'795'564'799'999, // 2026-11-24T23:59:59.999
                           -2'208'988'800'000, // 1900-01-01
                           253'402'300'799'999}; // 9999-12-31T23:59:59.999
    QRandomGenerator random(20261124);
    for (int i = 0; i < 2000; ++i)
        moments << random.bounded(-2'208'988'800'000LL, 7'258'118'400'000LL); // 1900 to 2200
    for (qint64 ms : std::as_const(moments)) {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(AuditRecord::formatTime(time), time.toString(Qt::ISODateWithMs));
        // Another zone's clock time, the same moment.
        const QDateTime local = time.toOffsetFromUtc(5 * 3600 + 1800);
        QCOMPARE(AuditRecord::formatTime(local), time.toString(Qt::ISODateWithMs));
    }
}

void TestJsonForms::jsonWriterEscapesWhatQtReadsBack()
{
    QString awkward = QStringLiteral("quote \" backslash \\ slash / tab \t newline \n cr \r ");
    for (char16_t c = 0; c < 0x20; ++c)
        awkward += QChar(c);
    awkward += QStringLiteral(" \u00e9t\u00e9 \u0645\u0648\u0627\u0641\u0642\u0629 \U0001F510 \u2028 \u007f end");
    JsonWriter out;
    out.beginObject();
    out.key(QLatin1StringView("text"));
    out.value(awkward);
    out.key(QLatin1StringView("empty"));
    out.textOrNull(QString());
    out.key(QLatin1StringView("list"));
    out.beginArray();
    out.value(qint64(-9'007'199'254'740'991));
    out.value(true);
    out.beginObject();
    out.endObject();
    out.beginArray();
    out.endArray();
    out.null();
    out.endArray();
    out.endObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(out.bytes(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + u' ' + QString::fromUtf8(out.bytes())));
    const QJsonObject expected {
        {QStringLiteral("text"), awkward},
        {QStringLiteral("empty"), QJsonValue::Null},
        {QStringLiteral("list"),
         QJsonArray {double(-9'007'199'254'740'991), true, QJsonObject {}, QJsonArray {}, QJsonValue::Null}}};
    QCOMPARE(document.object(), expected);
}

void TestJsonForms::unexpectedJsonIsAnErrorNamingTheField_data()
{
    QTest::addColumn<QString>("form");
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("named");

    const QJsonObject request = RequestJson::toJson(approvedRequest());
    QJsonArray decisions = request.value(QStringLiteral("decisions")).toArray();
    decisions.replace(1, with(decisions.at(1).toObject(), QStringLiteral("kind"), QStringLiteral("Veto")));
    const QJsonObject settingsJson = TenantJson::toJson(settings());
    const QJsonObject sessionJson = ServiceJson::toJson(session(), true);

    QTest::newRow("number as text") << QStringLiteral(
        "request") << QJsonValue(with(request, QStringLiteral("durationMinutes"), QStringLiteral("90")))
                                    << QStringLiteral("\"durationMinutes\" should be a whole number, not text");
    QTest::newRow("fraction") << QStringLiteral("request") << QJsonValue(with(request, QStringLiteral("version"), 5.5))
                              << QStringLiteral("\"version\"");
    QTest::newRow("text as number") << QStringLiteral("request")
                                    << QJsonValue(with(request, QStringLiteral("reason"), 42))
                                    << QStringLiteral("\"reason\" should be text, not a number");
    QTest::newRow("null where text is required")
        << QStringLiteral("request") << QJsonValue(with(request, QStringLiteral("id"), QJsonValue::Null))
        << QStringLiteral("\"id\" should be text, not null");
    QTest::newRow("unknown status") << QStringLiteral("request")
                                    << QJsonValue(with(request, QStringLiteral("status"), QStringLiteral("Lapsed")))
                                    << QStringLiteral("unknown status \"Lapsed\"");
    QTest::newRow("unknown workload") << QStringLiteral("request")
                                      << QJsonValue(with(request, QStringLiteral("workload"), QStringLiteral("Fax")))
                                      << QStringLiteral("\"workload\"");
    QTest::newRow("time that is not one")
        << QStringLiteral("request") << QJsonValue(with(request, QStringLiteral("expires"), QStringLiteral("tomorrow")))
        << QStringLiteral("\"expires\"");
    QTest::newRow("time without an offset")
        << QStringLiteral("request")
        << QJsonValue(with(request, QStringLiteral("created"), QStringLiteral("2026-11-24T08:00:00.000")))
        << QStringLiteral("\"created\"");
    QTest::newRow("missing field") << QStringLiteral("request")
                                   << QJsonValue(without(request, QStringLiteral("tenant")))
                                   << QStringLiteral("\"tenant\" is missing");
    QTest::newRow("bad decision") << QStringLiteral("request")
                                  << QJsonValue(with(request, QStringLiteral("decisions"), decisions))
                                  << QStringLiteral("item 2 of \"decisions\"");
    QTest::newRow("decisions not a list")
        << QStringLiteral("request") << QJsonValue(with(request, QStringLiteral("decisions"), QJsonObject()))
        << QStringLiteral("\"decisions\" should be a list, not an object");
    QTest::newRow("not an object") << QStringLiteral("request") << QJsonValue(QJsonArray {request})
                                   << QStringLiteral("should be a JSON object, not a list");
    QTest::newRow("list of something else")
        << QStringLiteral("requests") << QJsonValue(request) << QStringLiteral("should be a JSON list, not an object");
    QTest::newRow("list with a bad item")
        << QStringLiteral("requests") << QJsonValue(QJsonArray {request, QStringLiteral("EXSR1")})
        << QStringLiteral("item 2 of");
    QTest::newRow("boolean as text") << QStringLiteral(
        "settings") << QJsonValue(with(settingsJson, QStringLiteral("requireApproval"), QStringLiteral("yes")))
                                     << QStringLiteral("\"requireApproval\" should be true or false, not text");
    QTest::newRow("unknown role") << QStringLiteral("assignments")
                                  << QJsonValue(QJsonArray {with(TenantJson::toJson(assignment()),
                                                                 QStringLiteral("role"),
                                                                 QStringLiteral("Boss"))})
                                  << QStringLiteral("unknown role \"Boss\"");
    QTest::newRow("allowed as null") << QStringLiteral(
        "check") << QJsonValue(with(TenantJson::toJson(AccessCheck {}), QStringLiteral("allowed"), QJsonValue::Null))
                                     << QStringLiteral("\"allowed\" should be true or false, not null");
    QTest::newRow("required time as null")
        << QStringLiteral("session") << QJsonValue(with(sessionJson, QStringLiteral("expiresAt"), QJsonValue::Null))
        << QStringLiteral("\"expiresAt\" should be a time, not null");
    QTest::newRow("token as number") << QStringLiteral("session")
                                     << QJsonValue(with(sessionJson, QStringLiteral("token"), 7))
                                     << QStringLiteral("\"token\" should be text");
    QTest::newRow("count as fraction") << QStringLiteral(
        "summary") << QJsonValue(with(ServiceJson::toJson(RequestSummary {}), QStringLiteral("pending"), 1.5))
                                       << QStringLiteral("\"pending\"");
    QTest::newRow("record count as text")
        << QStringLiteral("verification")
        << QJsonValue(
               with(ServiceJson::toJson(AuditVerification {}), QStringLiteral("recordCount"), QStringLiteral("10")))
        << QStringLiteral("\"recordCount\" should be a whole number, not text");
}

void TestJsonForms::unexpectedJsonIsAnErrorNamingTheField()
{
    QFETCH(QString, form);
    QFETCH(QJsonValue, json);
    QFETCH(QString, named);
    const Status read = readAs(form, json);
    LOCKBOX_COMPARE_ERROR(read, Error::Code::InvalidInput);
    QVERIFY2(read.error().message().contains(named), qPrintable(read.error().message()));
    QVERIFY2(read.error().message().endsWith(QLatin1Char('.')), qPrintable(read.error().message()));
}
