#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

// Reads and writes a store file through a connection of its own, as an outside tool would
// (the sqlite3 command line, an attacker with file access).
class RawDatabase
{
public:
    static bool exec(const QString& path, const QStringList& statements, QString* problem = nullptr);
    static QVariant value(const QString& path, const QString& sql);
};
