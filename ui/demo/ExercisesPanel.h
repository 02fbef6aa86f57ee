#pragma once

#include <QWidget>

class QListWidget;

namespace lockbox {

class ExerciseTracker;

// The training demo's exercises with their state (to do, done), told by icon and by word.
class ExercisesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ExercisesPanel(ExerciseTracker* tracker, QWidget* parent = nullptr);

private:
    void refresh();

    ExerciseTracker* m_tracker;
    QListWidget* m_list;
};

} // namespace lockbox
