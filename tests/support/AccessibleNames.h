#pragma once

#include <QStringList>

class QWidget;

// The visible controls under `root` that a keyboard can reach but a screen reader cannot name
// (empty accessible name), described as "Class "objectName"".
QStringList unnamedControls(QWidget* root);

// What a screen reader misses under `root`, one "Class "objectName": what is missing" an entry, as
// QAccessible reports it (what goes over the accessibility bus). Checked: every visible control a
// keyboard or a mouse can focus, and every visible label that shows a value (one with an objectName,
// that the code fills in). Each needs an accessible name and a description, and a label's name must
// carry the text it shows, not hide it behind a field name.
QStringList accessibilityGaps(QWidget* root);

// The widgets that Tab reaches from `start` onwards, by objectName ("Class" when it has none), up to
// and excluding the first that comes round again, pressing Tab on the focused widget each time.
// At most `limit` presses.
QStringList tabSequence(QWidget* start, int limit = 80);
