#include "TextStreamDevice.h"

#include <QFileDevice>
#include <QTextStream>

namespace lockbox {

TextStreamDevice::TextStreamDevice(QTextStream& stream, QObject* parent)
    : QIODevice(parent)
    , m_stream(stream)
{
    open(QIODevice::WriteOnly);
}

qint64 TextStreamDevice::readData(char*, qint64)
{
    return -1;
}

qint64 TextStreamDevice::writeData(const char* data, qint64 size)
{
    if (QIODevice* device = m_stream.device()) {
        // Text already queued in the stream goes first, so the output keeps its order.
        m_stream.flush();
        const qint64 written = device->write(data, size);
        // QTextStream flushes its file only when it has text of its own to write.
        if (auto* file = qobject_cast<QFileDevice*>(device); file && !file->flush())
            return -1;
        return written;
    }
    m_stream << m_decoder.decode(QByteArrayView(data, size));
    return m_stream.status() == QTextStream::Ok ? size : -1;
}

} // namespace lockbox
