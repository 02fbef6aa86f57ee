#pragma once

#include <QFrame>

class QLabel;
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

    void showMessage(Kind kind, const QString& text);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    Kind m_kind = Kind::Information;
};

} // namespace lockbox
