#pragma once

namespace lockbox {

// Ready-made views of the request list that other pages (Home) link to.
enum class RequestListPreset {
    Pending, // waiting for a customer decision, newest first
    ExpiringSoon, // pending and lapsing within the hour, soonest first
    DecidedToday, // approved, denied, completed or revoked since 00:00 UTC
    AccessOpen, // approved, access window open
};

} // namespace lockbox
