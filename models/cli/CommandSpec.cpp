#include "CommandSpec.h"

namespace lockbox {

QString CommandSpec::usage() const
{
    QStringList parts = words;
    parts.append(positionals);
    if (!synopsis.isEmpty())
        parts.append(synopsis);
    return parts.join(QLatin1Char(' '));
}

} // namespace lockbox
