#pragma once

#include "ApiCall.h"

#include <QFuture>

namespace lockbox {

// Runs `handler(call, result)` on the service's thread when `future` is ready, and not at all
// when the client has gone in between (the continuation's context is the client's socket).
template <typename T, typename Handler>
void whenReady(const ApiCall& call, QFuture<T> future, Handler handler)
{
    QObject* context = call.context();
    if (!context)
        return;
    future.then(context, [call, handler = std::move(handler)](const T& result) mutable { handler(call, result); });
}

} // namespace lockbox
