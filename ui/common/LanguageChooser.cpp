#include "LanguageChooser.h"

#include "common/AppLanguage.h"
#include "settings/AppSettings.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>

namespace lockbox {

LanguageChooser::LanguageChooser(AppSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_label(new QLabel(tr("&Language:"), this))
    , m_combo(new QComboBox(this))
{
    setObjectName(QStringLiteral("languageChooser"));
    m_combo->setObjectName(QStringLiteral("languageCombo"));
    m_combo->setAccessibleName(tr("Language"));
    m_combo->setAccessibleDescription(
        tr("The language of the Admin Center. A change takes effect the next time the Admin Center starts."));
    m_combo->setToolTip(m_combo->accessibleDescription());
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->addItem(tr("System default"), QString());
    // Each language by its own name, so that whoever reads it finds theirs.
    for (const AppLanguage::Language& language : AppLanguage::available())
        m_combo->addItem(language.nativeName, language.code);
    const int saved = m_combo->findData(m_settings->language());
    m_combo->setCurrentIndex(saved >= 0 ? saved : 0);
    m_label->setBuddy(m_combo);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);

    connect(m_combo, &QComboBox::activated, this, &LanguageChooser::choose);
}

void LanguageChooser::choose(int index)
{
    const QString code = m_combo->itemData(index).toString();
    if (code == m_settings->language())
        return;
    m_settings->setLanguage(code);
    emit languageChosen(code);
    const QString text = code.isEmpty()
        ? tr("The Admin Center will use your system's language the next time it starts.")
        : tr("The Admin Center will be in %1 the next time it starts.").arg(m_combo->itemText(index));
    auto* notice = new QMessageBox(QMessageBox::Information, tr("Language"), text, QMessageBox::Ok, window());
    notice->setObjectName(QStringLiteral("languageNotice"));
    notice->setAttribute(Qt::WA_DeleteOnClose);
    notice->open();
}

} // namespace lockbox
