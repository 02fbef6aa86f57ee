#pragma once

#include <QObject>

// lockboxd's configuration file: every key sets its option, what the file leaves out keeps its
// default, a mistake is refused naming the file and the line, the packaged default reads, and
// on lockboxd's command line an option wins over the file.
class TestServiceConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void everyKeySetsItsOption();
    void keysLeftOutKeepTheirValues();
    void commentsBlankLinesAndSpacesAreIgnored();
    void pathsAreRelativeToTheFile();
    void mistakesAreRefusedNamingFileAndLine_data();
    void mistakesAreRefusedNamingFileAndLine();
    void unreadableFileIsRefusedNamingIt();
    void packagedDefaultPointsAtTheStateDirectory();
    void lockboxdRefusesABadFileBeforeStarting();
    void lockboxdCommandLineWinsOverTheFile();
    void commandLineFollowsTheFilesRules();
};
