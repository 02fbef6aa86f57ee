#pragma once

#include <QList>
#include <QStringList>

class QTextStream;

namespace lockbox {

// Plain-text table whose columns are as wide as their widest cell: nothing is ever cut, so a
// long reason makes the line long rather than losing words. Columns are separated by two spaces
// and lines carry no trailing blanks, so the output diffs and greps well.
class TablePrinter
{
public:
    explicit TablePrinter(QStringList headers = {});

    // Each line starts with this many spaces (for tables nested under a heading).
    void setIndent(int spaces) { m_indent = spaces; }
    void setRightAligned(int column, bool right = true);
    void addRow(const QStringList& cells);
    int rowCount() const { return int(m_rows.size()); }

    void print(QTextStream& out) const;
    QString toString() const;

private:
    // A cell on one line: line breaks and tabs would break the columns, so they become spaces.
    static QString flatten(const QString& cell);

    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<bool> m_rightAligned;
    int m_indent = 0;
};

} // namespace lockbox
