#include "TsFile.h"

#include <QFile>
#include <QXmlStreamReader>

QString TsMessage::describe() const
{
    return QStringLiteral("%1: \"%2\"").arg(context, source);
}

bool TsFile::read(const QString& path, QString* problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    messages.clear();
    QXmlStreamReader xml(&file);
    QString context;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("TS")) {
            language = xml.attributes().value(QLatin1String("language")).toString();
            continue; // into its contexts
        }
        if (xml.name() != QLatin1String("context")) {
            xml.skipCurrentElement();
            continue;
        }
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                TsMessage message;
                message.context = context;
                message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("source")) {
                        message.source = xml.readElementText();
                    } else if (xml.name() == QLatin1String("comment")) {
                        message.comment = xml.readElementText();
                    } else if (xml.name() == QLatin1String("translation")) {
                        message.type = xml.attributes().value(QLatin1String("type")).toString();
                        if (message.numerus) {
                            while (xml.readNextStartElement()) {
                                if (xml.name() == QLatin1String("numerusform"))
                                    message.translations << xml.readElementText();
                                else
                                    xml.skipCurrentElement();
                            }
                        } else {
                            message.translations << xml.readElementText();
                        }
                    } else {
                        xml.skipCurrentElement();
                    }
                }
                messages << message;
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError()) {
        *problem = QStringLiteral("%1, line %2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return false;
    }
    return true;
}
