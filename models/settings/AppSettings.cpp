#include "AppSettings.h"

namespace lockbox {

namespace {
const QString versionKey = QStringLiteral("version");
const QString geometryKey = QStringLiteral("window/geometry");
const QString splitterKey = QStringLiteral("window/requestsSplitter");
const QString lastPageKey = QStringLiteral("window/lastPage");
const QString recentKey = QStringLiteral("stores/recent");
const QString servicesKey = QStringLiteral("services/recent");
const QString exercisesKey = QStringLiteral("demo/completedExercises");
const QString languageKey = QStringLiteral("ui/language");
constexpr int maxRecent = 8;
} // namespace

AppSettings::AppSettings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
    migrate();
}

AppSettings::AppSettings(const QString& iniFile, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    migrate();
}

void AppSettings::migrate()
{
    const int version = m_settings->value(versionKey, 0).toInt();
    if (version < currentVersion)
        m_settings->setValue(versionKey, currentVersion);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(geometryKey).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(geometryKey, geometry);
    emit changed();
}

QByteArray AppSettings::splitterState() const
{
    return m_settings->value(splitterKey).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray& state)
{
    m_settings->setValue(splitterKey, state);
    emit changed();
}

QString AppSettings::lastPage() const
{
    return m_settings->value(lastPageKey, QStringLiteral("requests")).toString();
}

void AppSettings::setLastPage(const QString& page)
{
    m_settings->setValue(lastPageKey, page);
    emit changed();
}

QStringList AppSettings::recentStores() const
{
    return m_settings->value(recentKey).toStringList();
}

void AppSettings::addRecentStore(const QString& location)
{
    QStringList recent = recentStores();
    recent.removeAll(location);
    recent.prepend(location);
    m_settings->setValue(recentKey, recent.mid(0, maxRecent));
    emit changed();
}

} // namespace lockbox

namespace lockbox {

QStringList AppSettings::completedExercises() const
{
    return m_settings->value(exercisesKey).toStringList();
}

void AppSettings::setCompletedExercises(const QStringList& ids)
{
    m_settings->setValue(exercisesKey, ids);
    emit changed();
}

QString AppSettings::language() const
{
    return m_settings->value(languageKey).toString();
}

void AppSettings::setLanguage(const QString& code)
{
    if (code.isEmpty())
        m_settings->remove(languageKey);
    else
        m_settings->setValue(languageKey, code);
    emit changed();
}

QList<ServiceConnection> AppSettings::recentServices() const
{
    QList<ServiceConnection> recent;
    const int count = m_settings->beginReadArray(servicesKey);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ServiceConnection connection;
        connection.url = QUrl(m_settings->value(QStringLiteral("url")).toString());
        connection.tenant = m_settings->value(QStringLiteral("tenant")).toString();
        connection.user = m_settings->value(QStringLiteral("user")).toString();
        connection.pinnedSha256 = m_settings->value(QStringLiteral("pinnedSha256")).toByteArray();
        if (connection.isValid())
            recent.append(connection);
    }
    m_settings->endArray();
    return recent;
}

void AppSettings::addRecentService(const ServiceConnection& connection)
{
    QList<ServiceConnection> recent = recentServices();
    recent.removeIf([&connection](const ServiceConnection& known) {
        return known.url == connection.url && known.tenant == connection.tenant && known.user == connection.user;
    });
    recent.prepend(connection);
    m_settings->beginWriteArray(servicesKey, int(std::min<qsizetype>(recent.size(), maxRecent)));
    for (int i = 0; i < recent.size() && i < maxRecent; ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("url"), recent.at(i).url.toString());
        m_settings->setValue(QStringLiteral("tenant"), recent.at(i).tenant);
        m_settings->setValue(QStringLiteral("user"), recent.at(i).user);
        m_settings->setValue(QStringLiteral("pinnedSha256"), recent.at(i).pinnedSha256);
    }
    m_settings->endArray();
    emit changed();
}

} // namespace lockbox
