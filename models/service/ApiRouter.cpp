#include "ApiRouter.h"

namespace lockbox {

void ApiRouter::add(ApiRoute route)
{
    // {name} matches one path segment.
    QString expression = QRegularExpression::escape(route.pattern);
    static const QRegularExpression placeholder(QStringLiteral("\\\\\\{[a-zA-Z]+\\\\\\}"));
    expression.replace(placeholder, QStringLiteral("([^/]+)"));
    route.regex = QRegularExpression(QLatin1Char('^') + expression + QLatin1Char('$'));
    m_routes.append(std::move(route));
}

const ApiRoute* ApiRouter::match(ApiCall& call) const
{
    QStringList allowed;
    for (const ApiRoute& route : m_routes) {
        const QRegularExpressionMatch found = route.regex.match(call.path());
        if (!found.hasMatch())
            continue;
        if (route.method == call.method()) {
            QStringList captures = found.capturedTexts();
            captures.removeFirst();
            call.setCaptures(captures);
            return &route;
        }
        allowed.append(route.method);
    }
    if (allowed.isEmpty()) {
        call.fail(ApiError {404,
                            QStringLiteral("route_not_found"),
                            tr("There is no %1 in this service's API (v1). The routes are listed at "
                               "/api/v1/openapi.json.")
                                .arg(call.path())});
        return nullptr;
    }
    allowed.removeDuplicates();
    call.fail(ApiError {405,
                        QStringLiteral("method_not_allowed"),
                        tr("%1 does not take %2; it takes %3.")
                            .arg(call.path(), call.method(), allowed.join(QStringLiteral(", ")))},
              {QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1()});
    return nullptr;
}

} // namespace lockbox
