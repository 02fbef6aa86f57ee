#include "QrCode.h"

#include <qrencode.h>

namespace lockbox {

QrCode QrCode::encode(const QString& text)
{
    QrCode result;
    const QByteArray utf8 = text.toUtf8();
    QRcode* code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return result;
    result.m_size = code->width;
    result.m_modules.reserve(code->width * code->width);
    for (int i = 0; i < code->width * code->width; ++i)
        result.m_modules.append((code->data[i] & 1) != 0);
    QRcode_free(code);
    return result;
}

QString QrCode::toText() const
{
    if (isNull())
        return {};
    constexpr int quiet = 2;
    // Light modules are drawn as full blocks: a scanner needs dark modules on a light ground.
    auto light = [this](int x, int y) {
        if (x < 0 || y < 0 || x >= m_size || y >= m_size)
            return true;
        return !isDark(x, y);
    };
    QString out;
    for (int y = -quiet; y < m_size + quiet; y += 2) {
        for (int x = -quiet; x < m_size + quiet; ++x) {
            const bool top = light(x, y);
            const bool bottom = light(x, y + 1);
            if (top && bottom)
                out += QChar(0x2588); // full block
            else if (top)
                out += QChar(0x2580); // upper half
            else if (bottom)
                out += QChar(0x2584); // lower half
            else
                out += QLatin1Char(' ');
        }
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace lockbox
