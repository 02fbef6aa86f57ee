#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace lockbox {

// An inline message at the top of a page: what happened, in plain words, with an icon that says
// whether it is good news or a problem (never colour alone). Stays until closed or replaced.
class NotificationBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Success, Warning, Error };

    explicit NotificationBanner(QWidget* parent = nullptr);

    // With `actionText`, a button beside the text emits actionTriggered() (and closes the banner).
    void showMessage(Kind kind, const QString& text, const QString& actionText = {});
    QString text() const;
    Kind kind() const { return m_kind; }

signals:
    void actionTriggered();

private:
    QLabel* m_icon;
    QLabel* m_text;
    QPushButton* m_action;
    QToolButton* m_close;
    Kind m_kind = Kind::Information;
};

} // namespace lockbox
