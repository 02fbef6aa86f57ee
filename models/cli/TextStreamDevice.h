#pragma once

#include <QIODevice>
#include <QStringDecoder>

class QTextStream;

namespace lockbox {

// A write-only QIODevice over a QTextStream, so that byte writers (the audit exporter) can write
// to lockboxctl's stdout. When the stream has a device (the real stdout) bytes go straight to
// it; a stream on a string (tests) gets them decoded as UTF-8, safely across write boundaries.
class TextStreamDevice : public QIODevice
{
    Q_OBJECT

public:
    explicit TextStreamDevice(QTextStream& stream, QObject* parent = nullptr);

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    QTextStream& m_stream;
    QStringDecoder m_decoder {QStringDecoder::Utf8};
};

} // namespace lockbox
