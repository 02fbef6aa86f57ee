#pragma once

#include "Error.h"

#include <optional>
#include <utility>
#include <variant>

namespace lockbox {

// Either a value or an Error. Default-constructed it holds an Internal error, so that a
// QFuture<Result<T>> that never got a result does not read as success.
template <typename T>
class Result
{
public:
    Result()
        : m_data(Error(Error::Code::Internal, QStringLiteral("No result was produced.")))
    { }
    Result(T value)
        : m_data(std::move(value))
    { }
    Result(Error error)
        : m_data(std::move(error))
    { }

    bool isOk() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return isOk(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T* operator->() const { return &std::get<T>(m_data); }
    const T& operator*() const { return value(); }

    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Success with no value, or an Error.
template <>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }
    static Result success() { return {}; }

    bool isOk() const { return !m_error.has_value(); }
    explicit operator bool() const { return isOk(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace lockbox
