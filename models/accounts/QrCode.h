#pragma once

#include <QList>
#include <QString>

namespace lockbox {

// A QR code of a text (the otpauth:// URI of an MFA enrolment) through libqrencode, as a square
// of dark and light modules that a terminal or a widget can draw.
class QrCode
{
public:
    // An empty code when the text cannot be encoded.
    static QrCode encode(const QString& text);

    bool isNull() const { return m_size == 0; }
    int size() const { return m_size; }
    bool isDark(int x, int y) const { return m_modules.at(y * m_size + x); }
    // The code drawn with Unicode half blocks, two rows a line, with the quiet zone around it,
    // for a terminal with a dark-on-light or light-on-dark palette alike (dark modules as spaces).
    QString toText() const;

private:
    int m_size = 0;
    QList<bool> m_modules;
};

} // namespace lockbox
