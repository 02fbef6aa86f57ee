#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace lockbox {

// Where lockboxctl gets a password without it ever appearing on a command line (where `ps`
// shows it): the first line of standard input with --password-stdin, else the LOCKBOX_PASSWORD
// variable, else a prompt on the terminal with echo off.
class PasswordPrompt
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::PasswordPrompt)

public:
    static inline const QString variable = QStringLiteral("LOCKBOX_PASSWORD");

    static Result<QString> read(bool fromStdin, const QString& prompt);
};

} // namespace lockbox
