#pragma once

namespace lockbox {

// Ready-made views of the request list that other pages (Home) link to.
enum class RequestListPreset {
    Pending, // waiting for a customer decision, newest first
    ExpiringSoon, // pending, soonest to lapse first
    DecidedRecently, // every status, most recently filed first
    AccessOpen, // approved, access window open
};

} // namespace lockbox
