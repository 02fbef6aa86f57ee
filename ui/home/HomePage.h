#pragma once

#include "requests/RequestListPreset.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace lockbox {

class Session;

// Home: what needs attention now (pending, expiring within the hour, decided today, access
// windows open), each a click away from the filtered request list.
class HomePage : public QWidget
{
    Q_OBJECT

public:
    explicit HomePage(Session* session, QWidget* parent = nullptr);

    void refresh();

signals:
    void openRequests(lockbox::RequestListPreset preset);

private:
    QToolButton* addCard(const QString& objectName, RequestListPreset preset);
    void setCard(QToolButton* card, int count, const QString& text);

    Session* m_session;
    QLabel* m_greeting;
    QLabel* m_error;
    QToolButton* m_pending;
    QToolButton* m_expiring;
    QToolButton* m_decided;
    QToolButton* m_open;
};

} // namespace lockbox
