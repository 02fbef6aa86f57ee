#include "PasswordPrompt.h"

#include <QFile>
#include <QTextStream>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace lockbox {

Result<QString> PasswordPrompt::read(bool fromStdin, const QString& prompt)
{
    if (fromStdin) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return Error(Error::Code::InvalidInput, tr("Cannot read the password from standard input."));
        QString line = QString::fromUtf8(in.readLine());
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty())
            return Error(Error::Code::InvalidInput, tr("Standard input held no password (an empty first line)."));
        return line;
    }
    if (qEnvironmentVariableIsSet(variable.toLatin1().constData()))
        return qEnvironmentVariable(variable.toLatin1().constData());
    if (!::isatty(STDIN_FILENO))
        return Error(Error::Code::InvalidInput,
                     tr("No password given: pass --password-stdin and pipe it in, or set %1.").arg(variable));
    QTextStream err(stderr);
    err << prompt << Qt::flush;
    termios saved {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    QFile in;
    QString line;
    if (in.open(stdin, QIODevice::ReadOnly))
        line = QString::fromUtf8(in.readLine());
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    err << '\n' << Qt::flush;
    while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    if (line.isEmpty())
        return Error(Error::Code::InvalidInput, tr("No password was entered."));
    return line;
}

} // namespace lockbox
