#pragma once

#include "domain/RequestStatus.h"

#include <QIcon>

class QStyle;

namespace lockbox {

// The icon that goes with a request's status, next to its name (status is never told by colour
// alone). Taken from the platform style so that it follows the system theme, dark included.
class StatusIcons
{
public:
    static QIcon icon(RequestStatus status, const QStyle* style);
};

} // namespace lockbox
