#pragma once

#include <QObject>

// The JSON forms of the domain read back (RequestJson, TenantJson, ServiceJson fromJson): what
// toJson writes reads back the same, and a field of the wrong type, a value no key names, or a
// missing field is an error naming the field.
class TestJsonForms : public QObject
{
    Q_OBJECT

private slots:
    void requestRoundTripsWithItsDecisions();
    void requestOfAListHasNoDecisions();
    void requestListRoundTrips();
    void tenantFormsRoundTrip();
    void accessCheckRoundTripsAllowedAndDenied();
    void sessionRoundTripsWithTokenAndStepUp();
    void serviceCountsAndVerificationRoundTrip();
    void timesAreWrittenAsQtWritesThem();
    void jsonWriterEscapesWhatQtReadsBack();
    void unexpectedJsonIsAnErrorNamingTheField_data();
    void unexpectedJsonIsAnErrorNamingTheField();
};
