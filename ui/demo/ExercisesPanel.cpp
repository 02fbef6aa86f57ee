#include "ExercisesPanel.h"

#include "demo/ExerciseTracker.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace lockbox {

ExercisesPanel::ExercisesPanel(ExerciseTracker* tracker, QWidget* parent)
    : QWidget(parent)
    , m_tracker(tracker)
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("exercisesPanel"));
    m_list->setObjectName(QStringLiteral("exerciseList"));
    m_list->setAccessibleName(tr("Exercises"));
    m_list->setAccessibleDescription(tr("Each exercise, done or to do, with a hint"));
    m_list->setWordWrap(true);
    auto* intro = new QLabel(tr("Practise every path. Each exercise is checked against what you really did."), this);
    intro->setWordWrap(true);
    auto* clear = new QPushButton(tr("Clear progress"), this);
    clear->setObjectName(QStringLiteral("clearExercises"));
    clear->setAccessibleDescription(tr("Marks every exercise as to do again"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(clear);
    connect(clear, &QPushButton::clicked, tracker, &ExerciseTracker::reset);
    connect(tracker, &ExerciseTracker::changed, this, &ExercisesPanel::refresh);
    refresh();
}

void ExercisesPanel::refresh()
{
    m_list->clear();
    for (const ExerciseTracker::Exercise& exercise : ExerciseTracker::exercises()) {
        const bool done = m_tracker->isDone(exercise.id);
        auto* item = new QListWidgetItem(
            style()->standardIcon(done ? QStyle::SP_DialogApplyButton : QStyle::SP_DialogNoButton),
            QStringLiteral("%1 — %2\n%3").arg(exercise.title, done ? tr("done") : tr("to do"), exercise.hint),
            m_list);
        item->setData(Qt::UserRole, exercise.id);
        item->setData(Qt::UserRole + 1, done);
    }
}

} // namespace lockbox
