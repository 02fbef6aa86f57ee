#pragma once

#include "ApiError.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace lockbox {

// Strict reading of a JSON request body against the fields a route documents: malformed JSON,
// a body that is not an object, an unknown field, a field of the wrong type and a missing
// required field are each refused with 400 and a message naming the field, before anything is
// written.
class JsonBody
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::JsonBody)

public:
    enum class Type { String, Integer, Boolean, StringList, Object };
    struct Field
    {
        QString name;
        Type type;
        bool required = false;
    };

    // An empty body reads as {} (every field optional then).
    static std::optional<ApiError> parse(const QByteArray& body, const QList<Field>& fields, QJsonObject* out);
};

} // namespace lockbox
