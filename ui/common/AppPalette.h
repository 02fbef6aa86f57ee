#pragma once

#include <QPalette>
#include <QString>
#include <QStringList>
#include <optional>

namespace lockbox {

// The colours the Admin Center paints with. By default those of the desktop (its palette, dark
// included); `lockbox-admin --palette light|dark` picks one of ours instead, for a desktop whose
// theme Qt does not follow and for the screenshots. Every widget draws with palette roles, never
// with a colour of its own, so any palette whose roles contrast keeps the text readable.
class AppPalette
{
public:
    enum class Scheme { System, Light, Dark };

    // "system", "light", "dark"; nothing for any other name.
    static std::optional<Scheme> fromName(const QString& name);
    static QStringList names();

    static QPalette light();
    static QPalette dark();

    // Light and Dark also switch to the Fusion style: desktop styles may paint with colours of
    // their own theme rather than the palette. Call after the QApplication exists, before the first
    // window is made.
    static void apply(Scheme scheme);
};

} // namespace lockbox
