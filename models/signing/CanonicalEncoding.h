#pragma once

#include <QByteArray>
#include <QString>

namespace lockbox::canonical {

// One field of a signed statement: "name:<length in UTF-8 bytes>:<value>\n". The length tells
// where a value ends, so that no value can pass for the fields after it whatever it holds.
inline void appendField(QByteArray& out, const char* name, const QString& value)
{
    const QByteArray bytes = value.toUtf8();
    out += name;
    out += ':';
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += '\n';
}

} // namespace lockbox::canonical
