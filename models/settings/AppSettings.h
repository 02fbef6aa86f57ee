#pragma once

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>

#include "connection/ServiceConnection.h"
#include <memory>

namespace lockbox {

// The Admin Center's preferences, typed, with defaults and a schema version. Never holds a
// secret: credentials live in the system keychain. Tests use an instance on a temporary file.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    static constexpr int currentVersion = 1;

    // The user's settings (QSettings' native location for the application).
    explicit AppSettings(QObject* parent = nullptr);
    // Settings kept in `iniFile`, for tests and portable use.
    explicit AppSettings(const QString& iniFile, QObject* parent = nullptr);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);
    QString lastPage() const; // page key, "requests" by default
    void setLastPage(const QString& page);
    QStringList recentStores() const;
    void addRecentStore(const QString& location);
    // Services signed in to, newest first (no secrets: those are in the keychain).
    QList<ServiceConnection> recentServices() const;
    void addRecentService(const ServiceConnection& connection);
    // Training demo exercises the trainee completed (their ids); kept across demo sessions.
    QStringList completedExercises() const;
    void setCompletedExercises(const QStringList& ids);
    // The language the Admin Center speaks ("de", "fr", "ar", "en"); empty: the system's. Read at
    // start, so a change takes effect the next time the Admin Center starts.
    QString language() const;
    void setLanguage(const QString& code);

    QString fileName() const { return m_settings->fileName(); }
    void sync() { m_settings->sync(); }

signals:
    void changed();

private:
    void migrate();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace lockbox
