#pragma once

#include <QStringList>

class QWidget;

// The visible controls under `root` that a keyboard can reach but a screen reader cannot name
// (empty accessible name), described as "Class "objectName"".
QStringList unnamedControls(QWidget* root);
