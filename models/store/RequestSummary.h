#pragma once

namespace lockbox {

// The counts on the Home page.
struct RequestSummary
{
    int pending = 0;
    int expiringWithinHour = 0;
    int decidedToday = 0; // since 00:00 UTC
    int windowsOpen = 0;
};

} // namespace lockbox
