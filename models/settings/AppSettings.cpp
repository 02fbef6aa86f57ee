#include "AppSettings.h"

namespace lockbox {

namespace {
const QString versionKey = QStringLiteral("version");
const QString geometryKey = QStringLiteral("window/geometry");
const QString splitterKey = QStringLiteral("window/requestsSplitter");
const QString lastPageKey = QStringLiteral("window/lastPage");
const QString recentKey = QStringLiteral("stores/recent");
const QString exercisesKey = QStringLiteral("demo/completedExercises");
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

} // namespace lockbox
