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

// A continuation that runs `function` only while `context` still exists. Use it with the
// application object as then()'s context, so that the result is delivered on the main thread and
// the page is checked there:
//     store->request(actor, id).then(qApp, guarded(this, [this](const Result<AccessRequest>& r) { ... }));
// Qt 6.4's then(page, f) reads the page pointer on the thread that finishes the future and asserts
// in debug builds when the page has gone; the application object never goes while results arrive.
template <typename Function>
auto guarded(QObject* context, Function function)
{
    using Argument = typename detail::FirstArgument<decltype(&Function::operator())>::type;
    return [guard = QPointer<QObject>(context), function = std::move(function)](const Argument& value) mutable {
        if (guard)
            function(value);
    };
}

} // namespace lockbox
