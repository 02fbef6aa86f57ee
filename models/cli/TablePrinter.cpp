#include "TablePrinter.h"

#include <QTextStream>
#include <algorithm>

namespace lockbox {

TablePrinter::TablePrinter(QStringList headers)
    : m_headers(std::move(headers))
{ }

void TablePrinter::setRightAligned(int column, bool right)
{
    if (m_rightAligned.size() <= column)
        m_rightAligned.resize(column + 1, false);
    m_rightAligned[column] = right;
}

void TablePrinter::addRow(const QStringList& cells)
{
    QStringList flat;
    flat.reserve(cells.size());
    for (const QString& cell : cells)
        flat.append(flatten(cell));
    m_rows.append(flat);
}

QString TablePrinter::flatten(const QString& cell)
{
    QString flat = cell;
    for (QChar& c : flat) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return flat;
}

void TablePrinter::print(QTextStream& out) const
{
    QList<QStringList> lines;
    if (!m_headers.isEmpty())
        lines.append(m_headers);
    lines.append(m_rows);

    QList<qsizetype> widths;
    for (const QStringList& line : std::as_const(lines)) {
        if (widths.size() < line.size())
            widths.resize(line.size(), 0);
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], line.at(i).size());
    }

    const QString indent(m_indent, QLatin1Char(' '));
    for (const QStringList& line : std::as_const(lines)) {
        QString text = indent;
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (i > 0)
                text += QLatin1String("  ");
            const bool right = i < m_rightAligned.size() && m_rightAligned.at(i);
            const bool last = i == line.size() - 1;
            if (right)
                text += line.at(i).rightJustified(widths.at(i));
            else
                text += last ? line.at(i) : line.at(i).leftJustified(widths.at(i));
        }
        // A trailing empty cell would leave blanks behind.
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out << text << '\n';
    }
}

QString TablePrinter::toString() const
{
    QString text;
    QTextStream stream(&text);
    print(stream);
    stream.flush();
    return text;
}

} // namespace lockbox
