#pragma once

#include <QObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>

// The Debian packages (packaging/), built with CPack from the build tree into a temporary folder
// once and unpacked into a fresh root there, then checked as a user and the archive would see
// them: the control fields and maintainer scripts, the files in the root, the desktop entry, the
// AppStream metainfo, the man pages, lintian, the programs themselves, the systemd unit's sandbox,
// and the packaged lockboxd on its default configuration answering /api/v1/health. The tools come
// from scripts/deps.sh; a missing one fails its test naming the Debian package to install.
class TestPackages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void controlFieldsNameThePackageAndItsDependencies_data();
    void controlFieldsNameThePackageAndItsDependencies();
    void serverHasItsConffileAndMaintainerScripts();
    void rootHoldsEveryInstalledFile_data();
    void rootHoldsEveryInstalledFile();
    void systemdUnitRunsLockboxdAsItsUser();
    void releaseNotesNameThisVersion();
    void desktopEntryIsValid();
    void metainfoIsValid();
    void manPagesRenderWithoutWarnings_data();
    void manPagesRenderWithoutWarnings();
    void lintianReportsNoErrorsAndNoHardeningTags();
    void programsRunFromTheRoot_data();
    void programsRunFromTheRoot();
    void systemdUnitStaysSandboxed();
    void packagedLockboxdStartsOnItsDefaultConfiguration();

private:
    QString rootPath(const QString& file) const;

    QTemporaryDir m_work;
    QString m_adminDeb;
    QString m_serverDeb;
    QString m_root;
    QProcessEnvironment m_environment;
};
