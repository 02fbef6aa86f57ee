#include "cli/Ctl.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockboxctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKBOX_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return lockbox::Ctl().run(QCoreApplication::arguments(), out, err);
}
