#include "StatusIcons.h"

#include <QStyle>

namespace lockbox {

QIcon StatusIcons::icon(RequestStatus status, const QStyle* style)
{
    switch (status) {
    case RequestStatus::Filed:
        return style->standardIcon(QStyle::SP_FileDialogInfoView);
    case RequestStatus::Pending:
        return style->standardIcon(QStyle::SP_MessageBoxQuestion);
    case RequestStatus::Approved:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case RequestStatus::Denied:
    case RequestStatus::Rejected:
        return style->standardIcon(QStyle::SP_DialogCancelButton);
    case RequestStatus::Expired:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case RequestStatus::Cancelled:
        return style->standardIcon(QStyle::SP_DialogDiscardButton);
    case RequestStatus::Completed:
        return style->standardIcon(QStyle::SP_DialogOkButton);
    case RequestStatus::Revoked:
        return style->standardIcon(QStyle::SP_BrowserStop);
    }
    return {};
}

} // namespace lockbox
