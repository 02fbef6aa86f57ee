#pragma once

#include <QCoreApplication>
#include <QPointer>
#include <type_traits>

namespace lockbox {

namespace detail {
template <typename Method>
struct FirstArgument;
template <typename Class, typename Return, typename Argument>
struct FirstArgument<Return (Class::*)(Argument) const>
{
    using type = std::decay_t<Argument>;
};
template <typename Class, typename Return, typename Argument>
struct FirstArgument<Return (Class::*)(Argument)>
{
    using type = std::decay_t<Argument>;
};
} // namespace detail

// A continuation for QFuture::then() that runs `function` on the thread of `context`'s owner
// (the application's main thread) and only while `context` still exists:
//     store->request(actor, id).then(guarded(this, [this](const Result<AccessRequest>& r) { ... }));
// Qt 6.4's then(context, f) reads the context from the thread that finishes the future (and
// asserts on it in debug builds); here the context is read only on the main thread, after the
// result has been posted there, so a page closed while its request was in flight is simply skipped.
template <typename Function>
auto guarded(QObject* context, Function function)
{
    using Argument = typename detail::FirstArgument<decltype(&Function::operator())>::type;
    return [guard = QPointer<QObject>(context), function = std::move(function)](const Argument& value) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, function, value]() mutable {
                if (guard)
                    function(value);
            },
            Qt::QueuedConnection);
    };
}

} // namespace lockbox
