#pragma once

namespace lockbox {

class ApiRouter;
class SqlStore;

// Sign-in (password, then the one-time code when the account has one), the current session,
// step-up with a one-time code before decisions, sign-out, and enrolment of an authenticator app.
class SessionRoutes
{
public:
    static void addTo(ApiRouter& router, SqlStore& store);
};

} // namespace lockbox
