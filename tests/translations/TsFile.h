#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A Qt Linguist .ts file as the tests need it: each message with its context, source, state and
// translations (one per plural form when it is a numerus message).
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // "", "unfinished", "obsolete" or "vanished"
    QStringList translations;

    // "lockbox::MainWindow: "Home"", to name it in a failure.
    QString describe() const;
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;

    // Reads `path`; false with `problem` set when it is not a readable .ts file.
    bool read(const QString& path, QString* problem);
};
