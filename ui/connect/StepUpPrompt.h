#pragma once

#include "core/Error.h"

#include <QObject>
#include <functional>

class QWidget;

namespace lockbox {

class Session;

// Asks for a one-time code when the service refused something for want of a fresh one, passes
// it to the service, and runs the refused call again. A wrong code asks again; cancelling
// reports that nothing was done.
class StepUpPrompt : public QObject
{
    Q_OBJECT

public:
    // `what`: the action in words; `retry`: the call to run again once the code was taken;
    // `failed`: told why nothing was done (cancelled, or the service refused the code).
    static void ask(QWidget* parent,
                    Session* session,
                    const QString& what,
                    std::function<void()> retry,
                    std::function<void(const Error&)> failed);
};

} // namespace lockbox
