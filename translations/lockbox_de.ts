<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <comment>Translate this string to the string &apos;LTR&apos; in left-to-right languages or to &apos;RTL&apos; in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Lockbox Admin Center</source>
        <translation>Lockbox Admin Center</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: review and decide on data access requests.</source>
        <translation>Lockbox Admin Center: Datenzugriffsanfragen prüfen und darüber entscheiden.</translation>
    </message>
    <message>
        <source>Open a fresh training demo store (simulated data) in a temporary folder.</source>
        <translation>Einen neuen Schulungs-Demospeicher (simulierte Daten) in einem temporären Ordner öffnen.</translation>
    </message>
    <message>
        <source>Open the local store FILE.</source>
        <translation>Den lokalen Datenspeicher FILE öffnen.</translation>
    </message>
    <message>
        <source>Sign in as PRINCIPAL (default for the demo: megan.bowen@contoso.com).</source>
        <translation>Als PRINCIPAL anmelden (Standard in der Demo: megan.bowen@contoso.com).</translation>
    </message>
    <message>
        <source>Act in TENANT (default for the demo: contoso.onmicrosoft.com).</source>
        <translation>Im Mandanten TENANT handeln (Standard in der Demo: contoso.onmicrosoft.com).</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at URL (https://host:port). With --tenant and --user, a session saved in the keychain is used without asking.</source>
        <translation>Beim Lockbox-Dienst unter URL (https://host:port) anmelden. Mit --tenant und --user wird eine im Schlüsselbund gespeicherte Sitzung ohne Nachfrage verwendet.</translation>
    </message>
    <message>
        <source>Your user name at the service (with --url).</source>
        <translation>Ihr Benutzername beim Dienst (mit --url).</translation>
    </message>
    <message>
        <source>Choose a store file or a service in the connection dialog (recent ones are offered).</source>
        <translation>Im Verbindungsdialog eine Speicherdatei oder einen Dienst wählen (zuletzt verwendete werden angeboten).</translation>
    </message>
    <message>
        <source>Save a picture of every page into FOLDER, then quit.</source>
        <translation>Ein Bild jeder Seite in FOLDER speichern und dann beenden.</translation>
    </message>
    <message>
        <source>Show the Admin Center in LANGUAGE for this run: en, de, fr or ar (default: the language chosen in the Admin Center, else the system&apos;s).</source>
        <translation>Das Admin Center bei diesem Start in LANGUAGE anzeigen: en, de, fr oder ar (Standard: die im Admin Center gewählte Sprache, sonst die des Systems).</translation>
    </message>
    <message>
        <source>There is no %1 translation of the Admin Center; choose en, de, fr or ar.</source>
        <translation>Für das Admin Center gibt es keine Übersetzung „%1“; wählen Sie en, de, fr oder ar.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the demo store.</source>
        <translation>Für den Demospeicher kann kein temporärer Ordner angelegt werden.</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add ...&apos;, or try the demo with --demo.</source>
        <translation>Unter %1 gibt es keinen Lockbox-Datenspeicher. Legen Sie einen mit „lockboxctl --store %1 tenant add ...“ an, oder probieren Sie die Demo mit --demo aus.</translation>
    </message>
    <message>
        <source>Paint with the PALETTE colours: system (the default: the desktop&apos;s), light or dark.</source>
        <translation>Mit den Farben von PALETTE zeichnen: system (Standard: die des Desktops), light oder dark.</translation>
    </message>
    <message>
        <source>There is no %1 palette; choose %2.</source>
        <translation>Es gibt keine Farbpalette „%1“; wählen Sie %2.</translation>
    </message>
</context>
<context>
    <name>lockbox::AccessRequest</name>
    <message>
        <source>Information requested</source>
        <translation>Informationen angefordert</translation>
    </message>
    <message>
        <source>%1, escalated</source>
        <translation>%1, eskaliert</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 approvals)</source>
        <translation>%1 (%2 von %3 Genehmigungen)</translation>
    </message>
</context>
<context>
    <name>lockbox::AccountRepository</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>A user name must not be empty or contain spaces.</source>
        <translation>Ein Benutzername darf nicht leer sein und keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>There is no tenant %1.</source>
        <translation>Es gibt keinen Mandanten %1.</translation>
    </message>
    <message>
        <source>%1 already has an account in %2: reset it instead.</source>
        <translation>%1 hat bereits ein Konto in %2: Setzen Sie es stattdessen zurück.</translation>
    </message>
    <message>
        <source>Adding the account of %1</source>
        <translation>Anlegen des Kontos von %1</translation>
    </message>
    <message>
        <source>Resetting the account of %1</source>
        <translation>Zurücksetzen des Kontos von %1</translation>
    </message>
    <message>
        <source>%1 has no account in %2.</source>
        <translation>%1 hat kein Konto in %2.</translation>
    </message>
    <message>
        <source>Ending the sessions of %1</source>
        <translation>Beenden der Sitzungen von %1</translation>
    </message>
    <message>
        <source>Reading the account</source>
        <translation>Lesen des Kontos</translation>
    </message>
    <message>
        <source>Counting a failed sign-in</source>
        <translation>Zählen einer fehlgeschlagenen Anmeldung</translation>
    </message>
    <message>
        <source>Locking the account</source>
        <translation>Sperren des Kontos</translation>
    </message>
    <message>
        <source>The user name or password is wrong for tenant %1.</source>
        <translation>Benutzername oder Kennwort für den Mandanten %1 ist falsch.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: the account %1 is locked until %2 UTC. Try again then, or ask an administrator to reset it.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen: Das Konto %1 ist bis %2 UTC gesperrt. Versuchen Sie es dann erneut, oder bitten Sie einen Administrator, es zurückzusetzen.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>%1 hat im Mandanten %2 keine Lockbox-Rolle und kann sich dort daher nicht anmelden.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app to finish signing in.</source>
        <translation>Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein, um die Anmeldung abzuschließen.</translation>
    </message>
    <message>
        <source>The one-time code is wrong, expired or already used. Enter the current code from your authenticator app.</source>
        <translation>Der Einmalcode ist falsch, abgelaufen oder bereits verwendet. Geben Sie den aktuellen Code aus Ihrer Authenticator-App ein.</translation>
    </message>
    <message>
        <source>Recording the sign-in</source>
        <translation>Protokollieren der Anmeldung</translation>
    </message>
    <message>
        <source>Opening the session</source>
        <translation>Öffnen der Sitzung</translation>
    </message>
    <message>
        <source>Removing expired sessions</source>
        <translation>Entfernen abgelaufener Sitzungen</translation>
    </message>
    <message>
        <source>Your session has ended or is not valid: sign in again.</source>
        <translation>Ihre Sitzung ist beendet oder ungültig: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Checking the session</source>
        <translation>Prüfen der Sitzung</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role in tenant %2: sign in again once an administrator assigned one.</source>
        <translation>%1 hat im Mandanten %2 keine Lockbox-Rolle mehr: Melden Sie sich erneut an, sobald ein Administrator eine zugewiesen hat.</translation>
    </message>
    <message>
        <source>%1 has no authenticator app enrolled yet: enrol one first.</source>
        <translation>Für %1 ist noch keine Authenticator-App registriert: Registrieren Sie zuerst eine.</translation>
    </message>
    <message>
        <source>Recording the one-time code</source>
        <translation>Speichern des Einmalcodes</translation>
    </message>
    <message>
        <source>%1 already has an authenticator app enrolled. To replace it, an administrator resets it with `lockboxctl account reset --mfa`.</source>
        <translation>Für %1 ist bereits eine Authenticator-App registriert. Um sie zu ersetzen, setzt ein Administrator sie mit `lockboxctl account reset --mfa` zurück.</translation>
    </message>
    <message>
        <source>No random numbers were available for the new secret.</source>
        <translation>Für das neue Geheimnis standen keine Zufallszahlen zur Verfügung.</translation>
    </message>
    <message>
        <source>Enrolling the authenticator app</source>
        <translation>Registrieren der Authenticator-App</translation>
    </message>
    <message>
        <source>%1 has no account in %2, or already has an authenticator app enrolled (reset it first with `lockboxctl account reset --mfa`).</source>
        <translation>%1 hat kein Konto in %2 oder bereits eine registrierte Authenticator-App (setzen Sie sie zuerst mit `lockboxctl account reset --mfa` zurück).</translation>
    </message>
    <message>
        <source>Ending the session</source>
        <translation>Beenden der Sitzung</translation>
    </message>
</context>
<context>
    <name>lockbox::Action</name>
    <message>
        <source>view requests</source>
        <translation>Anfragen anzeigen</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>das Überwachungsprotokoll lesen</translation>
    </message>
    <message>
        <source>file a request</source>
        <translation>eine Anfrage stellen</translation>
    </message>
    <message>
        <source>approve as manager</source>
        <translation>als Manager genehmigen</translation>
    </message>
    <message>
        <source>reject as manager</source>
        <translation>als Manager zurückweisen</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>genehmigen</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <source>revoke access</source>
        <translation>den Zugriff widerrufen</translation>
    </message>
    <message>
        <source>withdraw</source>
        <translation>zurückziehen</translation>
    </message>
    <message>
        <source>expire</source>
        <translation>ablaufen lassen</translation>
    </message>
    <message>
        <source>end the access window</source>
        <translation>das Zugriffsfenster beenden</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>Einstellungen ändern</translation>
    </message>
    <message>
        <source>assign roles</source>
        <translation>Rollen zuweisen</translation>
    </message>
    <message>
        <source>check an engineer&apos;s access</source>
        <translation>den Zugriff eines Technikers prüfen</translation>
    </message>
    <message>
        <source>ask the engineer a question</source>
        <translation>dem Techniker eine Frage stellen</translation>
    </message>
    <message>
        <source>answer a question</source>
        <translation>eine Frage beantworten</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>eskalieren</translation>
    </message>
    <message>
        <source>register a signing key</source>
        <translation>einen Signaturschlüssel registrieren</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditChainVerifier</name>
    <message>
        <source>record %1 appears after record %2 (reordered or duplicated).</source>
        <translation>Datensatz %1 steht nach Datensatz %2 (umsortiert oder doppelt).</translation>
    </message>
    <message>
        <source>record %1 of tenant %2 is missing (deleted or moved) before record %3.</source>
        <translation>Datensatz %1 des Mandanten %2 fehlt (gelöscht oder verschoben) vor Datensatz %3.</translation>
    </message>
    <message>
        <source>records %1 to %2 of tenant %3 are missing (deleted or moved) before record %4.</source>
        <translation>Datensätze %1 bis %2 des Mandanten %3 fehlen (gelöscht oder verschoben) vor Datensatz %4.</translation>
    </message>
    <message>
        <source>record %1 is number %2 of tenant %3, which came before (reordered or duplicated).</source>
        <translation>Datensatz %1 trägt die Nummer %2 des Mandanten %3, die schon vorkam (umsortiert oder doppelt).</translation>
    </message>
    <message>
        <source>record %1 does not start its tenant&apos;s chain: its link was changed.</source>
        <translation>Datensatz %1 beginnt nicht die Kette seines Mandanten: Seine Verknüpfung wurde geändert.</translation>
    </message>
    <message>
        <source>record %1 does not follow from record %2: the link to it was changed, or record %2 was replaced.</source>
        <translation>Datensatz %1 folgt nicht aus Datensatz %2: Die Verknüpfung wurde geändert, oder Datensatz %2 wurde ersetzt.</translation>
    </message>
    <message>
        <source>record %1 was changed after it was written (its content no longer matches its hash).</source>
        <translation>Datensatz %1 wurde nach dem Schreiben geändert (sein Inhalt passt nicht mehr zu seinem Hash).</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>Der Export konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The export was cancelled; records written before: %1.</source>
        <translation>Der Export wurde abgebrochen; zuvor geschriebene Datensätze: %1.</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditPage</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>A&amp;pply filter</source>
        <translation>Filter an&amp;wenden</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Verify integrity</source>
        <translation>Integrität &amp;prüfen</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>Startzeit</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>Endzeit</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Any operation</source>
        <translation>Alle Vorgänge</translation>
    </message>
    <message>
        <source>Actor, e.g. megan.bowen@contoso.com</source>
        <translation>Akteur, z. B. megan.bowen@contoso.com</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Request reference, e.g. EXSR359423</source>
        <translation>Anfragereferenz, z. B. EXSR359423</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Überwachungsprotokoll</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>V&amp;organg:</translation>
    </message>
    <message>
        <source>A&amp;ctor:</source>
        <translation>&amp;Akteur:</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>A&amp;nfrage:</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Überwachungsprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>Überwachungsprotokoll wird exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Exporting the audit log… Records written: %1.</source>
        <translation>Überwachungsprotokoll wird exportiert… Geschriebene Datensätze: %1.</translation>
    </message>
    <message>
        <source>Exported the audit log to %1. Records: %2.</source>
        <translation>Überwachungsprotokoll nach %1 exportiert. Datensätze: %2.</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Show only records from a time on</source>
        <translation>Nur Datensätze ab einem Zeitpunkt anzeigen</translation>
    </message>
    <message>
        <source>Show only records up to a time</source>
        <translation>Nur Datensätze bis zu einem Zeitpunkt anzeigen</translation>
    </message>
    <message>
        <source>The earliest record to show, in UTC</source>
        <translation>Der früheste anzuzeigende Datensatz, in UTC</translation>
    </message>
    <message>
        <source>The latest record to show, in UTC</source>
        <translation>Der späteste anzuzeigende Datensatz, in UTC</translation>
    </message>
    <message>
        <source>Show only records of this operation</source>
        <translation>Nur Datensätze dieses Vorgangs anzeigen</translation>
    </message>
    <message>
        <source>Show only what this person did; Enter applies the filter</source>
        <translation>Nur anzeigen, was diese Person getan hat; die Eingabetaste wendet den Filter an</translation>
    </message>
    <message>
        <source>Show only the records of this request; Enter applies the filter</source>
        <translation>Nur die Datensätze dieser Anfrage anzeigen; die Eingabetaste wendet den Filter an</translation>
    </message>
    <message>
        <source>Shows the records that match the filter</source>
        <translation>Zeigt die Datensätze an, die dem Filter entsprechen</translation>
    </message>
    <message>
        <source>Saves the records shown to a JSON lines or CSV file</source>
        <translation>Speichert die angezeigten Datensätze in einer JSON-Lines- oder CSV-Datei</translation>
    </message>
    <message>
        <source>Checks the hash chain of the whole log: any edited, deleted or reordered record is found</source>
        <translation>Prüft die Hash-Kette des gesamten Protokolls: Jeder geänderte, gelöschte oder umsortierte Datensatz wird gefunden</translation>
    </message>
    <message>
        <source>The result of the last integrity check</source>
        <translation>Das Ergebnis der letzten Integritätsprüfung</translation>
    </message>
    <message>
        <source>One record a row, newest first</source>
        <translation>Ein Datensatz pro Zeile, der neueste zuerst</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditTableModel</name>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditVerification</name>
    <message>
        <source>Audit log intact. Records checked: %1.</source>
        <translation>Überwachungsprotokoll intakt. Geprüfte Datensätze: %1.</translation>
    </message>
    <message>
        <source>Audit log broken at record %1: %2</source>
        <translation>Überwachungsprotokoll bei Datensatz %1 unterbrochen: %2</translation>
    </message>
</context>
<context>
    <name>lockbox::CertificateProbe</name>
    <message>
        <source>Cannot read the certificate of %1: %2</source>
        <translation>Das Zertifikat von %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>no answer within %1 seconds.</source>
        <translation>keine Antwort innerhalb von %1 Sekunden.</translation>
    </message>
</context>
<context>
    <name>lockbox::ConnectDialog</name>
    <message>
        <source>Lockbox &amp;service</source>
        <translation>Lockbox-&amp;Dienst</translation>
    </message>
    <message>
        <source>Local store &amp;file</source>
        <translation>&amp;Lokale Speicherdatei</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Dienstadresse</translation>
    </message>
    <message>
        <source>The address of the Lockbox service, https://host:port</source>
        <translation>Die Adresse des Lockbox-Dienstes, https://host:port</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Your organisation&apos;s tenant, such as contoso.onmicrosoft.com</source>
        <translation>Der Mandant Ihrer Organisation, etwa contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Your user name at the service</source>
        <translation>Ihr Benutzername beim Dienst</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kennwort</translation>
    </message>
    <message>
        <source>Your password at the service</source>
        <translation>Ihr Kennwort beim Dienst</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>Einmal&amp;code:</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Einmalcode</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>Der Code, den Ihre Authenticator-App gerade anzeigt</translation>
    </message>
    <message>
        <source>&amp;Remember my password in the keychain</source>
        <translation>Kennwort im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>Store file</source>
        <translation>Speicherdatei</translation>
    </message>
    <message>
        <source>A Lockbox store file on this computer</source>
        <translation>Eine Lockbox-Speicherdatei auf diesem Computer</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate and connect</source>
        <translation>Diesem Zertifikat &amp;vertrauen und verbinden</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Ver&amp;binden</translation>
    </message>
    <message>
        <source>Connect to Lockbox</source>
        <translation>Mit Lockbox verbinden</translation>
    </message>
    <message>
        <source>Recent connections</source>
        <translation>Zuletzt verwendete Verbindungen</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>Ma&amp;ndant:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Ben&amp;utzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kennwort:</translation>
    </message>
    <message>
        <source>St&amp;ore:</source>
        <translation>Speic&amp;her:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Choose a store file</source>
        <translation>Speicherdatei wählen</translation>
    </message>
    <message>
        <source>Open a Lockbox store</source>
        <translation>Lockbox-Datenspeicher öffnen</translation>
    </message>
    <message>
        <source>Lockbox stores (*.db);;All files (*)</source>
        <translation>Lockbox-Datenspeicher (*.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>Store file %1</source>
        <translation>Speicherdatei %1</translation>
    </message>
    <message>
        <source>R&amp;ecent:</source>
        <translation>&amp;Zuletzt verwendet:</translation>
    </message>
    <message>
        <source>No keychain is available on this desktop: Lockbox asks for your password each time and writes no secret to disk.</source>
        <translation>Auf diesem Desktop ist kein Schlüsselbund verfügbar: Lockbox fragt jedes Mal nach Ihrem Kennwort und schreibt kein Geheimnis auf die Festplatte.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Anm&amp;elden</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add …&apos;, or choose another file.</source>
        <translation>Unter %1 gibt es keinen Lockbox-Datenspeicher. Legen Sie einen mit „lockboxctl --store %1 tenant add …“ an, oder wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>%1 is plain HTTP: your password and token would cross the network unencrypted. Use the service&apos;s https:// address.</source>
        <translation>%1 ist unverschlüsseltes HTTP: Ihr Kennwort und Ihr Token würden unverschlüsselt über das Netzwerk gehen. Verwenden Sie die https://-Adresse des Dienstes.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1…</translation>
    </message>
    <message>
        <source>Enter the one-time code from your authenticator app.</source>
        <translation>Geben Sie den Einmalcode aus Ihrer Authenticator-App ein.</translation>
    </message>
    <message>
        <source>Reading the service&apos;s certificate…</source>
        <translation>Zertifikat des Dienstes wird gelesen…</translation>
    </message>
    <message>
        <source>The service presents a certificate that no authority on this computer vouches for (issued to %1, valid until %2).
SHA-256 fingerprint: %3
Compare it with the one your service&apos;s administrator gave you; trust it only if they are the same.</source>
        <translation>Der Dienst legt ein Zertifikat vor, für das keine Zertifizierungsstelle auf diesem Computer bürgt (ausgestellt für %1, gültig bis %2).
SHA-256-Fingerabdruck: %3
Vergleichen Sie ihn mit dem, den Ihnen der Administrator des Dienstes genannt hat; vertrauen Sie ihm nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <source>an unnamed subject</source>
        <translation>einen unbenannten Inhaber</translation>
    </message>
    <message>
        <source>Signing in to %1 with the saved session…</source>
        <translation>Anmeldung bei %1 mit der gespeicherten Sitzung…</translation>
    </message>
    <message>
        <source>Sign in again: %1</source>
        <translation>Erneut anmelden: %1</translation>
    </message>
    <message>
        <source>A service or store file you used before, to fill in the form</source>
        <translation>Ein zuvor verwendeter Dienst oder eine Speicherdatei, um das Formular auszufüllen</translation>
    </message>
    <message>
        <source>Sign in to a Lockbox service shared by several admins</source>
        <translation>Bei einem Lockbox-Dienst anmelden, den mehrere Administratoren gemeinsam nutzen</translation>
    </message>
    <message>
        <source>Open a store file on this computer</source>
        <translation>Eine Speicherdatei auf diesem Computer öffnen</translation>
    </message>
    <message>
        <source>Keeps your password in the desktop&apos;s keychain, never in a file, so that you are not asked again</source>
        <translation>Bewahrt Ihr Kennwort im Schlüsselbund des Desktops auf, nie in einer Datei, damit Sie nicht erneut gefragt werden</translation>
    </message>
    <message>
        <source>Pins this certificate for this service and connects; only if its fingerprint is the one you were given</source>
        <translation>Hinterlegt dieses Zertifikat für diesen Dienst und verbindet; nur, wenn sein Fingerabdruck der ist, den Sie erhalten haben</translation>
    </message>
    <message>
        <source>Signs in to the service or opens the store file</source>
        <translation>Meldet sich beim Dienst an oder öffnet die Speicherdatei</translation>
    </message>
    <message>
        <source>How the connection goes</source>
        <translation>Wie die Verbindung verläuft</translation>
    </message>
    <message>
        <source>The service&apos;s certificate</source>
        <translation>Das Zertifikat des Dienstes</translation>
    </message>
    <message>
        <source>Opens a file dialog to pick the store file</source>
        <translation>Öffnet einen Dateidialog zur Auswahl der Speicherdatei</translation>
    </message>
    <message>
        <source>Closes the dialog without connecting</source>
        <translation>Schließt den Dialog, ohne zu verbinden</translation>
    </message>
</context>
<context>
    <name>lockbox::CredentialVault</name>
    <message>
        <source>service token</source>
        <translation>Dienst-Token</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Kennwort</translation>
    </message>
    <message>
        <source>No keychain is available (%1), so the Admin Center cannot remember the %2 and will ask for it each time. To have it remembered, run a Secret Service such as gnome-keyring or KWallet in your desktop session and unlock it.</source>
        <translation>Es ist kein Schlüsselbund verfügbar (%1), daher kann sich das Admin Center „%2“ nicht merken und fragt jedes Mal danach. Damit es gespeichert wird, starten Sie in Ihrer Desktopsitzung einen Secret Service wie gnome-keyring oder KWallet und entsperren Sie ihn.</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for this account.</source>
        <translation>Für dieses Konto ist im Schlüsselbund nichts gespeichert (%1).</translation>
    </message>
    <message>
        <source>Access to the keychain was declined, so the %1 is not remembered: the Admin Center will ask for it each time. Allow access when the keychain asks, to remember it.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert, daher wird „%1“ nicht gespeichert: Das Admin Center fragt jedes Mal danach. Erlauben Sie den Zugriff, wenn der Schlüsselbund fragt, damit es gespeichert wird.</translation>
    </message>
    <message>
        <source>it is locked or refused access: %1</source>
        <translation>er ist gesperrt oder hat den Zugriff verweigert: %1</translation>
    </message>
    <message>
        <source>The keychain could not read the %1: %2</source>
        <translation>Der Schlüsselbund konnte „%1“ nicht lesen: %2</translation>
    </message>
    <message>
        <source>The keychain could not store the %1: %2</source>
        <translation>Der Schlüsselbund konnte „%1“ nicht speichern: %2</translation>
    </message>
    <message>
        <source>The keychain could not remove the %1: %2</source>
        <translation>Der Schlüsselbund konnte „%1“ nicht entfernen: %2</translation>
    </message>
    <message>
        <source>There is no %1 to remember: it is empty.</source>
        <translation>„%1“ ist leer und kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>Signaturschlüssel</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionButtonsDelegate</name>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionDialog</name>
    <message>
        <source>Deny request %1</source>
        <translation>Anfrage %1 ablehnen</translation>
    </message>
    <message>
        <source>%1 will not get access to %2 content (%3). The request is closed and the engineer sees your reason.</source>
        <translation>%1 erhält keinen Zugriff auf %2-Inhalte (%3). Die Anfrage wird geschlossen, und der Techniker sieht Ihre Begründung.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Begründung (erforderlich):</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Revoke access for %1</source>
        <translation>Zugriff für %1 widerrufen</translation>
    </message>
    <message>
        <source>%1&apos;s access to %2 content (%3) ends now. It would have lasted until %4.</source>
        <translation>Der Zugriff von %1 auf %2-Inhalte (%3) endet jetzt. Er hätte bis %4 gedauert.</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;Kommentar (optional):</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>Zugriff widerrufen</translation>
    </message>
    <message>
        <source>Approve request %1</source>
        <translation>Anfrage %1 genehmigen</translation>
    </message>
    <message>
        <source>%1 will get access to %2 content (%3) for %4: from when you approve until about %5.</source>
        <translation>%1 erhält für %4 Zugriff auf %2-Inhalte (%3): ab Ihrer Genehmigung bis etwa %5.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: it completes the request and access starts.</source>
        <translation>Ihre Genehmigung ist die %1. von %2: Sie schließt die Anfrage ab, und der Zugriff beginnt.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: access starts only when all %2 have approved.</source>
        <translation>Ihre Genehmigung ist die %1. von %2: Der Zugriff beginnt erst, wenn alle %2 genehmigt haben.</translation>
    </message>
    <message>
        <source>Reason given: %1</source>
        <translation>Angegebene Begründung: %1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <source>What this decision does</source>
        <translation>Was diese Entscheidung bewirkt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>Bestätigen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Ask about request %1</source>
        <translation>Frage zu Anfrage %1</translation>
    </message>
    <message>
        <source>Your question goes to %1, who filed the request. It shows as &quot;Information requested&quot; until they answer; it still expires at %2 if nobody decides.</source>
        <translation>Ihre Frage geht an %1, der die Anfrage gestellt hat. Sie wird als „Informationen angefordert“ angezeigt, bis eine Antwort kommt; ohne Entscheidung läuft sie dennoch am %2 ab.</translation>
    </message>
    <message>
        <source>&amp;Question (required):</source>
        <translation>&amp;Frage (erforderlich):</translation>
    </message>
    <message>
        <source>Send question</source>
        <translation>Frage senden</translation>
    </message>
    <message>
        <source>The request changed while this dialog was open</source>
        <translation>Die Anfrage hat sich geändert, während dieser Dialog geöffnet war</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Required. The engineer sees it; it is kept in the audit log. Ctrl+Enter confirms.</source>
        <translation>Erforderlich. Der Techniker sieht sie; sie wird im Überwachungsprotokoll aufbewahrt. Strg+Eingabe bestätigt.</translation>
    </message>
    <message>
        <source>Optional. Kept with your decision in the audit log. Ctrl+Enter confirms.</source>
        <translation>Optional. Wird mit Ihrer Entscheidung im Überwachungsprotokoll aufbewahrt. Strg+Eingabe bestätigt.</translation>
    </message>
    <message>
        <source>Closes the dialog without deciding</source>
        <translation>Schließt den Dialog ohne Entscheidung</translation>
    </message>
</context>
<context>
    <name>lockbox::DemoBar</name>
    <message>
        <source>Training demo: simulated data</source>
        <translation>Schulungsdemo: simulierte Daten</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>Uhr:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop the demo clock</source>
        <translation>Die Demo-Uhr anhalten</translation>
    </message>
    <message>
        <source>×1</source>
        <translation>×1</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>×60</source>
        <translation>×60</translation>
    </message>
    <message>
        <source>A minute a second</source>
        <translation>Eine Minute pro Sekunde</translation>
    </message>
    <message>
        <source>×600</source>
        <translation>×600</translation>
    </message>
    <message>
        <source>Ten minutes a second: 12 hours in 72 seconds</source>
        <translation>Zehn Minuten pro Sekunde: 12 Stunden in 72 Sekunden</translation>
    </message>
    <message>
        <source>Sign in as</source>
        <translation>Anmelden als</translation>
    </message>
    <message>
        <source>Sign &amp;in as:</source>
        <translation>&amp;Anmelden als:</translation>
    </message>
    <message>
        <source>File a request…</source>
        <translation>Anfrage stellen…</translation>
    </message>
    <message>
        <source>Play the engineer: file a request that reaches you as Pending</source>
        <translation>Spielen Sie den Techniker: Stellen Sie eine Anfrage, die Sie als „Ausstehend“ erreicht</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>Ü&amp;bungen</translation>
    </message>
    <message>
        <source>Reset demo</source>
        <translation>Demo zurücksetzen</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data</source>
        <translation>Mit neuen simulierten Daten von vorn beginnen</translation>
    </message>
    <message>
        <source>E&amp;xercises %1/%2</source>
        <translation>Ü&amp;bungen %1/%2</translation>
    </message>
    <message>
        <source>%1 of %2 exercises done</source>
        <translation>%1 von %2 Übungen erledigt</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (angehalten)</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <source>Nothing here is real: the demo never touches a real store</source>
        <translation>Nichts hier ist echt: Die Demo greift nie auf einen echten Datenspeicher zu</translation>
    </message>
    <message>
        <source>The time on the demo clock and how fast it runs</source>
        <translation>Die Zeit der Demo-Uhr und wie schnell sie läuft</translation>
    </message>
    <message>
        <source>What just happened in the demo</source>
        <translation>Was gerade in der Demo passiert ist</translation>
    </message>
    <message>
        <source>Sets how fast the demo clock runs</source>
        <translation>Legt fest, wie schnell die Demo-Uhr läuft</translation>
    </message>
    <message>
        <source>Another person of the demo, to see what their role may do</source>
        <translation>Eine andere Person der Demo, um zu sehen, was ihre Rolle darf</translation>
    </message>
</context>
<context>
    <name>lockbox::DemoController</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Lockbox Admin Center — training demo</source>
        <translation>Lockbox Admin Center – Schulungsdemo</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>Übungen</translation>
    </message>
    <message>
        <source>%1 from %2 awaits approval: %3</source>
        <translation>%1 von %2 wartet auf Genehmigung: %3</translation>
    </message>
    <message>
        <source>%1 was approved by the system: your tenant does not require approval.</source>
        <translation>%1 wurde vom System genehmigt: Ihr Mandant verlangt keine Genehmigung.</translation>
    </message>
    <message>
        <source>Exercise done: %1</source>
        <translation>Übung erledigt: %1</translation>
    </message>
    <message>
        <source>You filed %1; it awaits approval.</source>
        <translation>Sie haben %1 gestellt; die Anfrage wartet auf Genehmigung.</translation>
    </message>
    <message>
        <source>You filed %1; it is %2.</source>
        <translation>Sie haben %1 gestellt; Status: %2.</translation>
    </message>
    <message>
        <source>Reset the demo?</source>
        <translation>Demo zurücksetzen?</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data? Your exercise progress is kept.</source>
        <translation>Mit neuen simulierten Daten von vorn beginnen? Ihr Übungsfortschritt bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>lockbox::ExerciseTracker</name>
    <message>
        <source>Approve a request</source>
        <translation>Eine Anfrage genehmigen</translation>
    </message>
    <message>
        <source>Select a pending request, read its details, then Approve.</source>
        <translation>Wählen Sie eine ausstehende Anfrage, lesen Sie die Details und klicken Sie dann auf „Genehmigen“.</translation>
    </message>
    <message>
        <source>Deny a request with a reason</source>
        <translation>Eine Anfrage mit Begründung ablehnen</translation>
    </message>
    <message>
        <source>Deny a pending request and say why.</source>
        <translation>Lehnen Sie eine ausstehende Anfrage ab und begründen Sie es.</translation>
    </message>
    <message>
        <source>Let a request expire</source>
        <translation>Eine Anfrage ablaufen lassen</translation>
    </message>
    <message>
        <source>Speed the clock up until a pending request lapses, then open it: it can no longer be approved.</source>
        <translation>Beschleunigen Sie die Uhr, bis eine ausstehende Anfrage verfällt, und öffnen Sie sie dann: Sie kann nicht mehr genehmigt werden.</translation>
    </message>
    <message>
        <source>Revoke an open access window</source>
        <translation>Ein offenes Zugriffsfenster widerrufen</translation>
    </message>
    <message>
        <source>Filter Approved, select one with time left, Revoke access.</source>
        <translation>Filtern Sie nach „Genehmigt“, wählen Sie eine Anfrage mit Restzeit und widerrufen Sie den Zugriff.</translation>
    </message>
    <message>
        <source>Turn approval off, then on again</source>
        <translation>Genehmigungspflicht aus- und wieder einschalten</translation>
    </message>
    <message>
        <source>Settings: turn off &quot;Require approval&quot;, watch the next request be approved by the system, then turn it on again.</source>
        <translation>Sicherheit &amp; Datenschutz: Schalten Sie „Genehmigung verlangen“ aus, beobachten Sie, wie das System die nächste Anfrage genehmigt, und schalten Sie es dann wieder ein.</translation>
    </message>
    <message>
        <source>Find a decision in the audit log and verify it</source>
        <translation>Eine Entscheidung im Überwachungsprotokoll finden und prüfen</translation>
    </message>
    <message>
        <source>Audit log: filter for a decision (e.g. operation RequestApproved), then Verify integrity.</source>
        <translation>Überwachungsprotokoll: Filtern Sie nach einer Entscheidung (z. B. Vorgang RequestApproved) und wählen Sie dann „Integrität prüfen“.</translation>
    </message>
</context>
<context>
    <name>lockbox::ExercisesPanel</name>
    <message>
        <source>Exercises</source>
        <translation>Übungen</translation>
    </message>
    <message>
        <source>Practise every path. Each exercise is checked against what you really did.</source>
        <translation>Üben Sie jeden Ablauf. Jede Übung wird mit dem abgeglichen, was Sie tatsächlich getan haben.</translation>
    </message>
    <message>
        <source>Clear progress</source>
        <translation>Fortschritt löschen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Each exercise, done or to do, with a hint</source>
        <translation>Jede Übung, erledigt oder offen, mit einem Hinweis</translation>
    </message>
    <message>
        <source>Marks every exercise as to do again</source>
        <translation>Markiert alle Übungen wieder als offen</translation>
    </message>
</context>
<context>
    <name>lockbox::FileRequestDialog</name>
    <message>
        <source>File a data access request (as an engineer)</source>
        <translation>Datenzugriffsanfrage stellen (als Techniker)</translation>
    </message>
    <message>
        <source>Troubleshoot a mailbox that stopped receiving mail</source>
        <translation>Fehlersuche in einem Postfach, das keine E-Mails mehr empfängt</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>&amp;Workload:</source>
        <translation>&amp;Workload:</translation>
    </message>
    <message>
        <source>Service &amp;request:</source>
        <translation>Service&amp;anfrage:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Umfang:</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>File request</source>
        <translation>Anfrage stellen</translation>
    </message>
    <message>
        <source>The service whose content the engineer needs</source>
        <translation>Der Dienst, auf dessen Inhalte der Techniker zugreifen muss</translation>
    </message>
    <message>
        <source>The support case the access is for</source>
        <translation>Der Supportfall, für den der Zugriff gilt</translation>
    </message>
    <message>
        <source>Why the engineer needs the access; the approvers read it</source>
        <translation>Warum der Techniker den Zugriff braucht; die Genehmiger lesen es</translation>
    </message>
    <message>
        <source>Exactly which content, such as one mailbox</source>
        <translation>Welche Inhalte genau, etwa ein Postfach</translation>
    </message>
    <message>
        <source>How long the access lasts once approved, in minutes</source>
        <translation>Wie lange der Zugriff nach der Genehmigung dauert, in Minuten</translation>
    </message>
    <message>
        <source>Files the request as the engineer; their manager approves it at once, so it reaches you</source>
        <translation>Stellt die Anfrage als Techniker; sein Manager genehmigt sie sofort, sodass sie Sie erreicht</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is filed</source>
        <translation>Schließt den Dialog; es wird nichts gestellt</translation>
    </message>
</context>
<context>
    <name>lockbox::HomePage</name>
    <message>
        <source>Show them in the request list</source>
        <translation>In der Anfrageliste anzeigen</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Willkommen, %1</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>Ausstehende Anfragen</translation>
    </message>
    <message>
        <source>Expiring within the hour</source>
        <translation>Laufen innerhalb einer Stunde ab</translation>
    </message>
    <message>
        <source>Decided today</source>
        <translation>Heute entschieden</translation>
    </message>
    <message>
        <source>Access windows open now</source>
        <translation>Jetzt offene Zugriffsfenster</translation>
    </message>
</context>
<context>
    <name>lockbox::JsonReader</name>
    <message>
        <source>%1 should be a JSON object, not %2.</source>
        <translation>%1 sollte ein JSON-Objekt sein, nicht %2.</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds %2</source>
        <translation>„%1“ enthält %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>„%1“ fehlt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be %2, not %3</source>
        <translation>„%1“ sollte %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>text or null</source>
        <translation>Text oder null</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a whole number, not %2</source>
        <translation>„%1“ sollte eine ganze Zahl sein, nicht %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range: %2</source>
        <translation>„%1“ liegt außerhalb des zulässigen Bereichs: %2</translation>
    </message>
    <message>
        <source>a time or null</source>
        <translation>eine Zeitangabe oder null</translation>
    </message>
    <message>
        <source>&quot;%1&quot;, not an ISO 8601 time with an offset</source>
        <translation>„%1“, keine ISO-8601-Zeitangabe mit Zeitzonenversatz</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a time, not null</source>
        <translation>„%1“ sollte eine Zeitangabe sein, nicht null</translation>
    </message>
    <message>
        <source>item %1 of &quot;%2&quot;: %3</source>
        <translation>Element %1 von „%2“: %3</translation>
    </message>
</context>
<context>
    <name>lockbox::KeyFile</name>
    <message>
        <source>%1 exists already; choose a new file name for the key.</source>
        <translation>%1 ist bereits vorhanden; wählen Sie einen neuen Dateinamen für den Schlüssel.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>Cannot make the key file %1 private to you: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht auf Sie allein beschränkt werden: %2.</translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>There is no key file %1. Create one with &apos;lockboxctl key create %1&apos;.</source>
        <translation>Es gibt keine Schlüsseldatei %1. Legen Sie eine mit „lockboxctl key create %1“ an.</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by others than you: run &apos;chmod 600 %1&apos;, and if anyone may have copied it, create a new key.</source>
        <translation>Die Schlüsseldatei %1 kann von anderen als Ihnen gelesen oder geändert werden: Führen Sie „chmod 600 %1“ aus, und erstellen Sie einen neuen Schlüssel, falls jemand sie kopiert haben könnte.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox signing key file (it should start with &quot;%2&quot;).</source>
        <translation>%1 ist keine Lockbox-Signaturschlüsseldatei (sie sollte mit „%2“ beginnen).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>Der Ordner %1 für die Schlüsseldatei kann nicht erstellt werden.</translation>
    </message>
</context>
<context>
    <name>lockbox::LanguageChooser</name>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of the Admin Center. A change takes effect the next time the Admin Center starts.</source>
        <translation>Die Sprache des Admin Centers. Eine Änderung wirkt sich beim nächsten Start des Admin Centers aus.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>The Admin Center will use your system&apos;s language the next time it starts.</source>
        <translation>Das Admin Center verwendet ab dem nächsten Start die Sprache Ihres Systems.</translation>
    </message>
    <message>
        <source>The Admin Center will be in %1 the next time it starts.</source>
        <translation>Das Admin Center erscheint ab dem nächsten Start auf %1.</translation>
    </message>
</context>
<context>
    <name>lockbox::LargeStoreGenerator</name>
    <message>
        <source>The large benchmark store is written straight into an SQLite file, so it cannot be generated in the PostgreSQL database %1. Give the path of a new file instead.</source>
        <translation>Der große Benchmark-Datenspeicher wird direkt in eine SQLite-Datei geschrieben und kann daher nicht in der PostgreSQL-Datenbank %1 erzeugt werden. Geben Sie stattdessen den Pfad einer neuen Datei an.</translation>
    </message>
    <message>
        <source>%1 already exists; choose a new file.</source>
        <translation>%1 ist bereits vorhanden; wählen Sie eine neue Datei.</translation>
    </message>
    <message>
        <source>Ask for at least one request.</source>
        <translation>Fordern Sie mindestens eine Anfrage an.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The seeded store has no audit log.</source>
        <translation>Der befüllte Datenspeicher hat kein Überwachungsprotokoll.</translation>
    </message>
    <message>
        <source>Writing request %1 failed: %2</source>
        <translation>Schreiben der Anfrage %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Writing audit record %1 failed: %2</source>
        <translation>Schreiben des Überwachungsdatensatzes %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Building an index failed: %1</source>
        <translation>Erstellen eines Index fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>lockbox::Lifecycle</name>
    <message>
        <source>%1 holds no Lockbox role in this tenant, so cannot %2.</source>
        <translation>%1 hat in diesem Mandanten keine Lockbox-Rolle und kann daher nicht %2.</translation>
    </message>
    <message>
        <source>A %1 cannot %2. Ask a Global administrator for the role that allows it.</source>
        <translation>Als %1 können Sie nicht %2. Bitten Sie einen Globalen Administrator um die Rolle, die das erlaubt.</translation>
    </message>
    <message>
        <source>A %1 cannot %2: that is for the customer&apos;s administrators.</source>
        <translation>Als %1 können Sie nicht %2: Das ist den Administratoren des Kunden vorbehalten.</translation>
    </message>
    <message>
        <source>No such request in your organisation.</source>
        <translation>In Ihrer Organisation gibt es keine solche Anfrage.</translation>
    </message>
    <message>
        <source>Name the customer tenant the request is for.</source>
        <translation>Nennen Sie den Kundenmandanten, für den die Anfrage gilt.</translation>
    </message>
    <message>
        <source>The requested duration must be between %1 minute and %2 hours (%3 minutes); %4 minutes was asked for.</source>
        <translation>Die angefragte Dauer muss zwischen %1 Minute und %2 Stunden (%3 Minuten) liegen; angefragt wurden %4 Minuten.</translation>
    </message>
    <message>
        <source>Give the service request (support ticket) number.</source>
        <translation>Geben Sie die Nummer der Serviceanfrage (Supportticket) an.</translation>
    </message>
    <message>
        <source>Give a reason: the customer decides on it.</source>
        <translation>Geben Sie eine Begründung an: Der Kunde entscheidet darüber.</translation>
    </message>
    <message>
        <source>Say which content is touched (a mailbox, a site, ...).</source>
        <translation>Geben Sie an, welche Inhalte betroffen sind (ein Postfach, eine Website, ...).</translation>
    </message>
    <message>
        <source>Request %1 expired at %2; it can no longer be %3.</source>
        <translation>Anfrage %1 ist am %2 abgelaufen; sie kann nicht mehr %3 werden.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>entschieden</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn by %2 at %3.</source>
        <translation>Anfrage %1 wurde am %3 von %2 zurückgezogen.</translation>
    </message>
    <message>
        <source>Request %1 was already %2 by %3 at %4.</source>
        <translation>Anfrage %1 wurde bereits am %4 von %3 %2.</translation>
    </message>
    <message>
        <source>You cannot %1 now: request %2 is %3.</source>
        <translation>Sie können jetzt nicht %1: Anfrage %2 ist %3.</translation>
    </message>
    <message>
        <source>Request %1 was already decided by manager %2 at %3.</source>
        <translation>Über Anfrage %1 hat Manager %2 bereits am %3 entschieden.</translation>
    </message>
    <message>
        <source>Give the engineer a reason for rejecting the request.</source>
        <translation>Nennen Sie dem Techniker einen Grund für die Zurückweisung der Anfrage.</translation>
    </message>
    <message>
        <source>Approved automatically: the tenant does not require approval.</source>
        <translation>Automatisch genehmigt: Der Mandant verlangt keine Genehmigung.</translation>
    </message>
    <message>
        <source>Give a reason for denying the request.</source>
        <translation>Geben Sie einen Grund für die Ablehnung der Anfrage an.</translation>
    </message>
    <message>
        <source>You already approved request %1; it needs %2 different approvers.</source>
        <translation>Sie haben Anfrage %1 bereits genehmigt; sie benötigt %2 verschiedene Genehmiger.</translation>
    </message>
    <message>
        <source>Request %1 has no open access window to revoke (it is %2).</source>
        <translation>Anfrage %1 hat kein offenes Zugriffsfenster, das widerrufen werden könnte (Status: %2).</translation>
    </message>
    <message>
        <source>ended at %1</source>
        <translation>beendet am %1</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can withdraw it.</source>
        <translation>Nur %1, der Anfrage %2 gestellt hat, kann sie zurückziehen.</translation>
    </message>
    <message>
        <source>Nothing is due on request %1 at %2.</source>
        <translation>Für Anfrage %1 ist am %2 nichts fällig.</translation>
    </message>
    <message>
        <source>%1 is not an action on a request.</source>
        <translation>%1 ist keine Aktion für eine Anfrage.</translation>
    </message>
    <message>
        <source>The access window of request %1 ended at %2.</source>
        <translation>Das Zugriffsfenster der Anfrage %1 endete am %2.</translation>
    </message>
    <message>
        <source>Request %1 is %2; it grants no access.</source>
        <translation>Anfrage %1 ist %2; sie gewährt keinen Zugriff.</translation>
    </message>
    <message>
        <source>Approvals required must be between %1 and %2; %3 was asked for.</source>
        <translation>Die Anzahl erforderlicher Genehmigungen muss zwischen %1 und %2 liegen; angefragt wurde %3.</translation>
    </message>
    <message>
        <source>The settings were changed by %1 at %2 after you loaded them; look at them again.</source>
        <translation>Die Einstellungen wurden nach dem Laden am %2 von %1 geändert; sehen Sie sie sich erneut an.</translation>
    </message>
    <message>
        <source>Give the person&apos;s sign-in name, like megan@contoso.com; &quot;%1&quot; is not one.</source>
        <translation>Geben Sie den Anmeldenamen der Person an, etwa megan@contoso.com; „%1“ ist keiner.</translation>
    </message>
    <message>
        <source>A customer tenant can assign only Global administrator, Lockbox access approver and Reader.</source>
        <translation>Ein Kundenmandant kann nur die Rollen Globaler Administrator, Lockbox-Zugriffsgenehmiger und Leser zuweisen.</translation>
    </message>
    <message>
        <source>%1 holds no role to remove.</source>
        <translation>%1 hat keine Rolle, die entfernt werden könnte.</translation>
    </message>
    <message>
        <source>%1 is already a %2.</source>
        <translation>%1 hat bereits die Rolle %2.</translation>
    </message>
    <message>
        <source>%1 is the last Global administrator; assign another one first.</source>
        <translation>%1 ist der letzte Globale Administrator; weisen Sie zuerst einen weiteren zu.</translation>
    </message>
    <message>
        <source>You can ask about request %1 only while it awaits approval; it is %2.</source>
        <translation>Fragen zu Anfrage %1 sind nur möglich, solange sie auf Genehmigung wartet; sie ist %2.</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>Write the question for the engineer.</source>
        <translation>Schreiben Sie die Frage an den Techniker.</translation>
    </message>
    <message>
        <source>Write the answer to the approver&apos;s question.</source>
        <translation>Schreiben Sie die Antwort auf die Frage des Genehmigers.</translation>
    </message>
    <message>
        <source>A message holds at most %1 characters; this one has %2.</source>
        <translation>Eine Nachricht umfasst höchstens %1 Zeichen; diese hat %2.</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can answer questions on it.</source>
        <translation>Nur %1, der Anfrage %2 gestellt hat, kann Fragen dazu beantworten.</translation>
    </message>
    <message>
        <source>There is no open question on request %1 to answer.</source>
        <translation>Zu Anfrage %1 gibt es keine offene Frage, die zu beantworten wäre.</translation>
    </message>
    <message>
        <source>Still undecided %1 minutes before expiry: handed to the backup approvers.</source>
        <translation>%1 Minuten vor Ablauf noch unentschieden: an die Ersatzgenehmiger übergeben.</translation>
    </message>
    <message>
        <source>The escalation lead time must be between %1 and %2 minutes before expiry; %3 was asked for.</source>
        <translation>Die Vorlaufzeit der Eskalation muss zwischen %1 und %2 Minuten vor Ablauf liegen; angefragt wurde %3.</translation>
    </message>
    <message>
        <source>Name at most %1 backup approvers; %2 were given.</source>
        <translation>Nennen Sie höchstens %1 Ersatzgenehmiger; angegeben wurden %2.</translation>
    </message>
    <message>
        <source>%1 cannot be a backup approver: only a Global administrator or a Lockbox access approver of this tenant can approve. Give them one of those roles first.</source>
        <translation>%1 kann kein Ersatzgenehmiger sein: Nur ein Globaler Administrator oder ein Lockbox-Zugriffsgenehmiger dieses Mandanten kann genehmigen. Weisen Sie zuerst eine dieser Rollen zu.</translation>
    </message>
    <message>
        <source>The decision was signed at %1, but the store&apos;s time is %2: check your computer&apos;s clock and decide again.</source>
        <translation>Die Entscheidung wurde um %1 signiert, die Zeit des Datenspeichers ist aber %2: Prüfen Sie die Uhr Ihres Computers und entscheiden Sie erneut.</translation>
    </message>
    <message>
        <source>The signature does not match this decision on request %1.</source>
        <translation>Die Signatur passt nicht zu dieser Entscheidung über die Anfrage %1.</translation>
    </message>
    <message>
        <source>The signing key %1 is not registered to %2: register your own key first (lockboxctl key create).</source>
        <translation>Der Signaturschlüssel %1 ist nicht für %2 registriert: Registrieren Sie zuerst Ihren eigenen Schlüssel (lockboxctl key create).</translation>
    </message>
    <message>
        <source>Only approvals, denials and revocations are signed.</source>
        <translation>Nur Genehmigungen, Ablehnungen und Widerrufe werden signiert.</translation>
    </message>
    <message>
        <source>The decision of %1 at %2 carries no signature.</source>
        <translation>Die Entscheidung von %1 um %2 trägt keine Signatur.</translation>
    </message>
    <message>
        <source>It was signed with a key that is not registered to %1.</source>
        <translation>Sie wurde mit einem Schlüssel signiert, der nicht für %1 registriert ist.</translation>
    </message>
    <message>
        <source>It was signed at %1, more than 5 minutes from when it was recorded (%2).</source>
        <translation>Sie wurde um %1 signiert, mehr als 5 Minuten entfernt vom Zeitpunkt ihrer Erfassung (%2).</translation>
    </message>
    <message>
        <source>Its signature does not match the decision as stored: the request or the decision was changed after it was signed.</source>
        <translation>Ihre Signatur passt nicht zur gespeicherten Entscheidung: Die Anfrage oder die Entscheidung wurde nach dem Signieren geändert.</translation>
    </message>
    <message>
        <source>The request was changed in the database outside Lockbox: check the store with &apos;lockboxctl audit verify&apos;, and have the approvers decide on a new request.</source>
        <translation>Die Anfrage wurde außerhalb von Lockbox in der Datenbank geändert: Prüfen Sie den Speicher mit &apos;lockboxctl audit verify&apos; und lassen Sie die Genehmigenden über eine neue Anfrage entscheiden.</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 denied it at %3: it grants nothing. %4</source>
        <translation>Anfrage %1 ist als genehmigt markiert, aber %2 hat sie um %3 abgelehnt: Sie gewährt keinen Zugriff. %4</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 revoked it at %3: it grants nothing. %4</source>
        <translation>Anfrage %1 ist als genehmigt markiert, aber %2 hat sie um %3 widerrufen: Sie gewährt keinen Zugriff. %4</translation>
    </message>
    <message>
        <source>The access window of request %1 reaches %2, later than its approvers signed for: it grants nothing. %3</source>
        <translation>Das Zugriffsfenster von Anfrage %1 reicht bis %2, länger als von den Genehmigenden signiert: Sie gewährt keinen Zugriff. %3</translation>
    </message>
    <message>
        <source>The approval of %1: %2</source>
        <translation>Die Genehmigung von %1: %2</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but only %2 of the %3 approvals it needs carry a valid signature of their approver: it grants nothing. %4 %5</source>
        <translation>Anfrage %1 ist als genehmigt markiert, aber nur %2 der %3 nötigen Genehmigungen tragen eine gültige Signatur ihres Genehmigenden: Sie gewährt keinen Zugriff. %4 %5</translation>
    </message>
    <message>
        <source>No approval is recorded.</source>
        <translation>Es ist keine Genehmigung erfasst.</translation>
    </message>
    <message>
        <source>The store does not trust the signing key %1 (its record was changed, or this Lockbox service did not endorse it): register it again (sign in to the Admin Center again, or make a new key with &apos;lockboxctl key create&apos;).</source>
        <translation>Der Speicher vertraut dem Signaturschlüssel %1 nicht (sein Eintrag wurde geändert, oder dieser Lockbox-Dienst hat ihn nicht bestätigt): Registrieren Sie ihn erneut (melden Sie sich erneut im Admin Center an oder erstellen Sie einen neuen Schlüssel mit &apos;lockboxctl key create&apos;).</translation>
    </message>
    <message>
        <source>It was signed with a key whose stored public key does not match its fingerprint: the key was changed in the database.</source>
        <translation>Sie wurde mit einem Schlüssel signiert, dessen gespeicherter öffentlicher Schlüssel nicht zu seinem Fingerabdruck passt: Der Schlüssel wurde in der Datenbank geändert.</translation>
    </message>
    <message>
        <source>It was signed with a key this Lockbox service did not endorse: one registered before it endorsed keys, or added to the database outside Lockbox. Its owner registers it again by signing in to the Admin Center.</source>
        <translation>Sie wurde mit einem Schlüssel signiert, den dieser Lockbox-Dienst nicht bestätigt hat: einem, der registriert wurde, bevor er Schlüssel bestätigte, oder der außerhalb von Lockbox in die Datenbank eingefügt wurde. Sein Besitzer registriert ihn erneut, indem er sich im Admin Center anmeldet.</translation>
    </message>
    <message>
        <source>It was signed with a key whose endorsement does not verify: the key was changed in the database, or lockboxd runs with another endorsement key than the one that endorsed it.</source>
        <translation>Sie wurde mit einem Schlüssel signiert, dessen Bestätigung nicht gültig ist: Der Schlüssel wurde in der Datenbank geändert, oder lockboxd läuft mit einem anderen Bestätigungsschlüssel als dem, der ihn bestätigt hat.</translation>
    </message>
</context>
<context>
    <name>lockbox::MainWindow</name>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Lockbox Admin Center</source>
        <translation>Lockbox Admin Center</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Customer Lockbox requests</source>
        <translation>Kunden-Lockbox-Anfragen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Überwachungsprotokoll</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Settings (Security &amp; privacy)</source>
        <translation>Sicherheit &amp; Datenschutz</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>Ends your session at the Lockbox service and forgets it on this computer</source>
        <translation>Beendet Ihre Sitzung beim Lockbox-Dienst und entfernt sie von diesem Computer</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Open &amp;request</source>
        <translation>&amp;Anfrage öffnen</translation>
    </message>
    <message>
        <source>Connected to %1 again: the pages are up to date.</source>
        <translation>Wieder mit %1 verbunden: Die Seiten sind aktuell.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 cannot be reached. What you see may be out of date, and decisions are refused until it is back. Reconnecting…</source>
        <translation>Der Lockbox-Dienst unter %1 ist nicht erreichbar. Was Sie sehen, ist möglicherweise veraltet, und Entscheidungen werden abgewiesen, bis er wieder verfügbar ist. Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Lockbox Admin Center (out of date)</source>
        <translation>Lockbox Admin Center (veraltet)</translation>
    </message>
    <message>
        <source>Not signed in · %1</source>
        <translation>Nicht angemeldet · %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Local store: %1 (open)</source>
        <translation>Lokaler Datenspeicher: %1 (geöffnet)</translation>
    </message>
    <message>
        <source>The organisation, person and role you are signed in as</source>
        <translation>Organisation, Person und Rolle, mit denen Sie angemeldet sind</translation>
    </message>
    <message>
        <source>The pages of the Admin Center. Ctrl+1 to Ctrl+5 open them from anywhere in the window.</source>
        <translation>Die Seiten des Admin Centers. Strg+1 bis Strg+5 öffnen sie von überall im Fenster.</translation>
    </message>
</context>
<context>
    <name>lockbox::NotificationBanner</name>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>Hides this message</source>
        <translation>Blendet diese Meldung aus</translation>
    </message>
</context>
<context>
    <name>lockbox::PasswordHasher</name>
    <message>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>Das Kennwort ist zu kurz: Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The password is too long: use at most %1 characters.</source>
        <translation>Das Kennwort ist zu lang: Verwenden Sie höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The password must not be only spaces.</source>
        <translation>Das Kennwort darf nicht nur aus Leerzeichen bestehen.</translation>
    </message>
    <message>
        <source>Hashing the password ran out of memory (Argon2id needs %1 MiB).</source>
        <translation>Beim Hashen des Kennworts ist der Speicher ausgegangen (Argon2id benötigt %1 MiB).</translation>
    </message>
</context>
<context>
    <name>lockbox::PendingWatch</name>
    <message>
        <source>Request %1 awaits your approval</source>
        <translation>Anfrage %1 wartet auf Ihre Genehmigung</translation>
    </message>
    <message>
        <source>%1 asks for %2 access for %3. Reason: %4</source>
        <translation>%1 bittet um %2-Zugriff für %3. Begründung: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n requests await your approval</source>
        <translation>
            <numerusform>%n Anfrage wartet auf Ihre Genehmigung</numerusform>
            <numerusform>%n Anfragen warten auf Ihre Genehmigung</numerusform>
        </translation>
    </message>
    <message>
        <source>Request %1 expires in %2</source>
        <translation>Anfrage %1 läuft in %2 ab</translation>
    </message>
    <message>
        <source>Approve or deny it before %1, or it expires undecided.</source>
        <translation>Genehmigen oder lehnen Sie sie vor %1 ab, sonst läuft sie unentschieden ab.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests expire within the hour</source>
        <translation>
            <numerusform>%n Anfrage läuft innerhalb einer Stunde ab</numerusform>
            <numerusform>%n Anfragen laufen innerhalb einer Stunde ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Undecided: %1</source>
        <translation>Unentschieden: %1</translation>
    </message>
    <message>
        <source>Request %1 was escalated to you</source>
        <translation>Anfrage %1 wurde an Sie eskaliert</translation>
    </message>
    <message>
        <source>Nobody has decided on it yet, and it expires at %1. You are one of the backup approvers.</source>
        <translation>Noch hat niemand darüber entschieden, und sie läuft am %1 ab. Sie sind einer der Ersatzgenehmiger.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests were escalated to you</source>
        <translation>
            <numerusform>%n Anfrage wurde an Sie eskaliert</numerusform>
            <numerusform>%n Anfragen wurden an Sie eskaliert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lockbox::QueryCodec</name>
    <message>
        <source>Unknown parameter &quot;%1&quot;: the parameters here are %2.</source>
        <translation>Unbekannter Parameter „%1“: Die Parameter hier sind %2.</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be a whole number from 1 to %1.</source>
        <translation>„limit“ muss eine ganze Zahl von 1 bis %1 sein.</translation>
    </message>
    <message>
        <source>&quot;order&quot; must be asc or desc.</source>
        <translation>„order“ muss asc oder desc sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes an ISO 8601 time with an offset, such as 2026-11-24T08:00:00Z; &quot;%2&quot; is not one.</source>
        <translation>„%1“ erwartet eine ISO-8601-Zeitangabe mit Zeitzonenversatz, etwa 2026-11-24T08:00:00Z; „%2“ ist keine.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use one or more of %2, separated by commas.</source>
        <translation>Unbekannter Status „%1“: Verwenden Sie einen oder mehrere von %2, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>&quot;sort&quot; must be one of %1.</source>
        <translation>„sort“ muss einer der Werte %1 sein.</translation>
    </message>
    <message>
        <source>&quot;cursor&quot; must be the nextCursor of a previous page (a whole number).</source>
        <translation>„cursor“ muss der nextCursor einer vorherigen Seite sein (eine ganze Zahl).</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteConnection</name>
    <message>
        <source>The connection to the Lockbox service at %1 is closed.</source>
        <translation>Die Verbindung zum Lockbox-Dienst unter %1 ist geschlossen.</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>there is no host named %1</source>
        <translation>es gibt keinen Host namens %1</translation>
    </message>
    <message>
        <source>the connection was closed before an answer came</source>
        <translation>die Verbindung wurde geschlossen, bevor eine Antwort kam</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>Zeitüberschreitung der Verbindung</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>die Anforderung wurde abgebrochen</translation>
    </message>
    <message>
        <source>the TLS handshake failed (%1)</source>
        <translation>der TLS-Handshake ist fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <source>its TLS certificate is not trusted (%1)</source>
        <translation>sein TLS-Zertifikat ist nicht vertrauenswürdig (%1)</translation>
    </message>
    <message>
        <source>Cannot reach the Lockbox service at %1: %2.</source>
        <translation>Der Lockbox-Dienst unter %1 ist nicht erreichbar: %2.</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteStore</name>
    <message>
        <source>The Lockbox service at %1 sent an answer this Lockbox cannot read (is it another version?). %2</source>
        <translation>Der Lockbox-Dienst unter %1 hat eine Antwort gesendet, die dieses Lockbox nicht lesen kann (eine andere Version?). %2</translation>
    </message>
    <message>
        <source>A page of requests</source>
        <translation>Eine Seite mit Anfragen</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>An audit record: %1.</source>
        <translation>Ein Überwachungsdatensatz: %1.</translation>
    </message>
    <message>
        <source>A page of the audit log</source>
        <translation>Eine Seite des Überwachungsprotokolls</translation>
    </message>
    <message>
        <source>The role assignments</source>
        <translation>Die Rollenzuweisungen</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 answered %2 %3.</source>
        <translation>Der Lockbox-Dienst unter %1 hat mit %2 %3 geantwortet.</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at %1 first.</source>
        <translation>Melden Sie sich zuerst beim Lockbox-Dienst unter %1 an.</translation>
    </message>
    <message>
        <source>This connection to %1 is signed in as %2 in %3: it cannot act as %4 in %5.</source>
        <translation>Diese Verbindung zu %1 ist als %2 in %3 angemeldet: Sie kann nicht als %4 in %5 handeln.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 is up, but not its database: %2</source>
        <translation>Der Lockbox-Dienst unter %1 läuft, seine Datenbank aber nicht: %2</translation>
    </message>
    <message>
        <source>%1 does not answer as a Lockbox service does (%2 %3 for /api/v1/health): check the URL.</source>
        <translation>%1 antwortet nicht wie ein Lockbox-Dienst (%2 %3 für /api/v1/health): Prüfen Sie die URL.</translation>
    </message>
    <message>
        <source>%1 is not something a person does to a request through the service.</source>
        <translation>%1 ist nichts, was eine Person über den Dienst mit einer Anfrage tun kann.</translation>
    </message>
    <message>
        <source>Tenants are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE tenant add %1 ...` with the database lockboxd uses.</source>
        <translation>Mandanten werden in der Datenbank des Dienstes angelegt, nicht über den Dienst: Führen Sie `lockboxctl --store DATABASE tenant add %1 ...` mit der Datenbank aus, die lockboxd verwendet.</translation>
    </message>
    <message>
        <source>Operator staff are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE staff add %1 ...` with the database lockboxd uses.</source>
        <translation>Mitarbeiter des Betreibers werden in der Datenbank des Dienstes angelegt, nicht über den Dienst: Führen Sie `lockboxctl --store DATABASE staff add %1 ...` mit der Datenbank aus, die lockboxd verwendet.</translation>
    </message>
    <message>
        <source>The signing keys</source>
        <translation>Die Signaturschlüssel</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestDetailsPane</name>
    <message>
        <source>Select a request to see its details.</source>
        <translation>Wählen Sie eine Anfrage aus, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Genehmigen…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>Zugriff &amp;widerrufen…</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>Anfragedetails</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>Serviceanfrage</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Requested duration</source>
        <translation>Angefragte Dauer</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefragt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Genehmigungen</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>Genehmigung durch Manager</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Access window</source>
        <translation>Zugriffsfenster</translation>
    </message>
    <message>
        <source>Approve this request (Alt+A)</source>
        <translation>Diese Anfrage genehmigen (Alt+G)</translation>
    </message>
    <message>
        <source>Deny this request (Alt+D)</source>
        <translation>Diese Anfrage ablehnen (Alt+A)</translation>
    </message>
    <message>
        <source>End the open access window now (Alt+V)</source>
        <translation>Das offene Zugriffsfenster jetzt beenden (Alt+W)</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>Anfrageverlauf</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Request not available</source>
        <translation>Anfrage nicht verfügbar</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 am %2</translation>
    </message>
    <message>
        <source>%1 of %2 approvals</source>
        <translation>%1 von %2 Genehmigungen</translation>
    </message>
    <message>
        <source>%1 of %2 approvals: %3</source>
        <translation>%1 von %2 Genehmigungen: %3</translation>
    </message>
    <message>
        <source>Waiting for the support manager</source>
        <translation>Wartet auf den Supportmanager</translation>
    </message>
    <message>
        <source>Not decided yet</source>
        <translation>Noch nicht entschieden</translation>
    </message>
    <message>
        <source>%1 by %2 at %3</source>
        <translation>%1 von %2 am %3</translation>
    </message>
    <message>
        <source>%1 by %2 at %3: &quot;%4&quot;</source>
        <translation>%1 von %2 am %3: „%4“</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>%1 (noch %2)</translation>
    </message>
    <message>
        <source>No access granted</source>
        <translation>Kein Zugriff gewährt</translation>
    </message>
    <message>
        <source>Open: %1 to %2 (%3 left)</source>
        <translation>Offen: %1 bis %2 (noch %3)</translation>
    </message>
    <message>
        <source>Closed: %1 to %2</source>
        <translation>Geschlossen: %1 bis %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 · %2&lt;/b&gt; by %3%4&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 · %2&lt;/b&gt; von %3%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ask the &amp;engineer…</source>
        <translation>&amp;Techniker fragen…</translation>
    </message>
    <message>
        <source>The request whose details follow</source>
        <translation>Die Anfrage, deren Details folgen</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Eskalation</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Ask the engineer a question before deciding (Alt+E)</source>
        <translation>Dem Techniker vor der Entscheidung eine Frage stellen (Alt+T)</translation>
    </message>
    <message>
        <source>Sends a question to the engineer who filed the request; the expiry does not move</source>
        <translation>Sendet eine Frage an den Techniker, der die Anfrage gestellt hat; der Ablauf verschiebt sich nicht</translation>
    </message>
    <message>
        <source>Why you cannot decide on this request</source>
        <translation>Warum Sie über diese Anfrage nicht entscheiden können</translation>
    </message>
    <message>
        <source>Every event of this request in the audit log, oldest first</source>
        <translation>Jedes Ereignis dieser Anfrage im Überwachungsprotokoll, das älteste zuerst</translation>
    </message>
    <message>
        <source>Every field of the request; the arrow keys scroll it</source>
        <translation>Jedes Feld der Anfrage; mit den Pfeiltasten blättern</translation>
    </message>
    <message>
        <source>Question from %1 at %2:
%3</source>
        <translation>Frage von %1 am %2:
%3</translation>
    </message>
    <message>
        <source>Answer from %1 at %2:
%3</source>
        <translation>Antwort von %1 am %2:
%3</translation>
    </message>
    <message>
        <source>Waiting for %1 to answer.</source>
        <translation>Wartet auf die Antwort von %1.</translation>
    </message>
    <message>
        <source>No questions asked</source>
        <translation>Keine Fragen gestellt</translation>
    </message>
    <message>
        <source>Escalated to the backup approvers at %1</source>
        <translation>Am %1 an die Ersatzgenehmiger eskaliert</translation>
    </message>
    <message>
        <source>Goes to the backup approvers at %1 if still undecided</source>
        <translation>Geht am %1 an die Ersatzgenehmiger, wenn noch unentschieden</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Signaturen</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>Genehmigt von %1</translation>
    </message>
    <message>
        <source>Denied by %1</source>
        <translation>Abgelehnt von %1</translation>
    </message>
    <message>
        <source>Revoked by %1</source>
        <translation>Widerrufen von %1</translation>
    </message>
    <message>
        <source>%1: signature verified (key %2)</source>
        <translation>%1: Signatur geprüft (Schlüssel %2)</translation>
    </message>
    <message>
        <source>%1: not signed</source>
        <translation>%1: nicht signiert</translation>
    </message>
    <message>
        <source>%1: signature does not verify. %2</source>
        <translation>%1: Signatur ungültig. %2</translation>
    </message>
    <message>
        <source>No approvals, denials or revocations yet</source>
        <translation>Noch keine Genehmigungen, Ablehnungen oder Widerrufe</translation>
    </message>
    <message>
        <source>The signatures cannot be checked now: %1</source>
        <translation>Die Signaturen können gerade nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>Checking the signatures…</source>
        <translation>Signaturen werden geprüft…</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestJson</name>
    <message>
        <source>A decision</source>
        <translation>Eine Entscheidung</translation>
    </message>
    <message>
        <source>an unknown decision &quot;%1&quot;</source>
        <translation>eine unbekannte Entscheidung „%1“</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>eine unbekannte Rolle „%1“</translation>
    </message>
    <message>
        <source>A request</source>
        <translation>Eine Anfrage</translation>
    </message>
    <message>
        <source>an unknown workload &quot;%1&quot;</source>
        <translation>einen unbekannten Workload „%1“</translation>
    </message>
    <message>
        <source>an unknown status &quot;%1&quot;</source>
        <translation>einen unbekannten Status „%1“</translation>
    </message>
    <message>
        <source>A list of requests should be a JSON list, not %1.</source>
        <translation>Eine Liste von Anfragen sollte eine JSON-Liste sein, nicht %1.</translation>
    </message>
    <message>
        <source>A list of requests</source>
        <translation>Eine Liste von Anfragen</translation>
    </message>
    <message>
        <source>A signature</source>
        <translation>Eine Signatur</translation>
    </message>
    <message>
        <source>not base64</source>
        <translation>kein Base64</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestStatus</name>
    <message>
        <source>Awaiting manager</source>
        <translation>Wartet auf Manager</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Rejected by manager</source>
        <translation>Vom Manager zurückgewiesen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestTableModel</name>
    <message>
        <source>access: %1 left</source>
        <translation>Zugriff: noch %1</translation>
    </message>
    <message>
        <source>Access window open until %1</source>
        <translation>Zugriffsfenster offen bis %1</translation>
    </message>
    <message>
        <source>Not waiting for a decision</source>
        <translation>Wartet auf keine Entscheidung</translation>
    </message>
    <message>
        <source>Approve or deny this request. With the keyboard: select the row, then Alt+A or Alt+D.</source>
        <translation>Diese Anfrage genehmigen oder ablehnen. Mit der Tastatur: Zeile auswählen, dann Alt+G oder Alt+A.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Requested (UTC)</source>
        <translation>Angefragt (UTC)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Läuft ab in</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestsPage</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Awaiting manager</source>
        <translation>Wartet auf Manager</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Search reference, ticket, reason, requester, scope (Ctrl+F)</source>
        <translation>Referenz, Ticket, Begründung, Antragsteller, Umfang suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search requests</source>
        <translation>Anfragen durchsuchen</translation>
    </message>
    <message>
        <source>Reload the list from the store (F5)</source>
        <translation>Liste aus dem Datenspeicher neu laden (F5)</translation>
    </message>
    <message>
        <source>Data access requests</source>
        <translation>Datenzugriffsanfragen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Only those that lapse within the hour (before %1).</source>
        <translation>Nur solche, die innerhalb einer Stunde verfallen (vor %1).</translation>
    </message>
    <message>
        <source>Only those decided today (since %1).</source>
        <translation>Nur heute entschiedene (seit %1).</translation>
    </message>
    <message>
        <source>Access windows open now.</source>
        <translation>Jetzt offene Zugriffsfenster.</translation>
    </message>
    <message>
        <source>This request has just changed: %1</source>
        <translation>Diese Anfrage hat sich soeben geändert: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>This decision</source>
        <translation>Diese Entscheidung</translation>
    </message>
    <message>
        <source>Denied %1. The engineer gets no access.</source>
        <translation>%1 abgelehnt. Der Techniker erhält keinen Zugriff.</translation>
    </message>
    <message>
        <source>Revoked access for %1 at %2.</source>
        <translation>Zugriff für %1 am %2 widerrufen.</translation>
    </message>
    <message>
        <source>Approved %1: %2 has access until %3.</source>
        <translation>%1 genehmigt: %2 hat Zugriff bis %3.</translation>
    </message>
    <message>
        <source>Your approval of %1 is recorded: %2 of %3 approvals.</source>
        <translation>Ihre Genehmigung von %1 ist erfasst: %2 von %3 Genehmigungen.</translation>
    </message>
    <message>
        <source>Shows only the requests in this status (Alt+S)</source>
        <translation>Zeigt nur die Anfragen mit diesem Status (Alt+S)</translation>
    </message>
    <message>
        <source>Finds requests by reference, service request, reason, requester or scope (Ctrl+F)</source>
        <translation>Findet Anfragen nach Referenz, Serviceanfrage, Begründung, Antragsteller oder Umfang (Strg+F)</translation>
    </message>
    <message>
        <source>What the page is waiting for</source>
        <translation>Worauf die Seite wartet</translation>
    </message>
    <message>
        <source>One request a row. Select one to see its details below; Alt+A approves it, Alt+D denies it, and Shift+F10 or the menu key lists what you may do with it.</source>
        <translation>Eine Anfrage pro Zeile. Wählen Sie eine aus, um unten ihre Details zu sehen; Alt+G genehmigt sie, Alt+A lehnt sie ab, und Umschalt+F10 oder die Menütaste zeigt, was Sie damit tun können.</translation>
    </message>
    <message>
        <source>Which requests the list shows</source>
        <translation>Welche Anfragen die Liste zeigt</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Genehmigen…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>Zugriff &amp;widerrufen…</translation>
    </message>
    <message>
        <source>Your question on %1 went to %2. The request shows &quot;Information requested&quot; until they answer.</source>
        <translation>Ihre Frage zu %1 ging an %2. Die Anfrage zeigt „Informationen angefordert“, bis eine Antwort kommt.</translation>
    </message>
</context>
<context>
    <name>lockbox::Role</name>
    <message>
        <source>Global administrator</source>
        <translation>Globaler Administrator</translation>
    </message>
    <message>
        <source>Lockbox access approver</source>
        <translation>Lockbox-Zugriffsgenehmiger</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Leser</translation>
    </message>
    <message>
        <source>Support engineer</source>
        <translation>Supporttechniker</translation>
    </message>
    <message>
        <source>Support manager</source>
        <translation>Supportmanager</translation>
    </message>
    <message>
        <source>Lockbox system</source>
        <translation>Lockbox-System</translation>
    </message>
    <message>
        <source>No role</source>
        <translation>Keine Rolle</translation>
    </message>
</context>
<context>
    <name>lockbox::RoleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Assigned by</source>
        <translation>Zugewiesen von</translation>
    </message>
    <message>
        <source>Assigned (UTC)</source>
        <translation>Zugewiesen (UTC)</translation>
    </message>
</context>
<context>
    <name>lockbox::RolesPage</name>
    <message>
        <source>&amp;Add role</source>
        <translation>Rolle &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove selected role</source>
        <translation>Ausgewählte Rolle &amp;entfernen</translation>
    </message>
    <message>
        <source>Role assignments</source>
        <translation>Rollenzuweisungen</translation>
    </message>
    <message>
        <source>pradeep.gupta@contoso.com</source>
        <translation>pradeep.gupta@contoso.com</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>&amp;Sign-in name:</source>
        <translation>&amp;Anmeldename:</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;olle:</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>Nur lesen: %1</translation>
    </message>
    <message>
        <source>%1 is now a %2.</source>
        <translation>%1 hat jetzt die Rolle %2.</translation>
    </message>
    <message>
        <source>Changing roles</source>
        <translation>Ändern von Rollen</translation>
    </message>
    <message>
        <source>Select the person whose role to remove.</source>
        <translation>Wählen Sie die Person aus, deren Rolle entfernt werden soll.</translation>
    </message>
    <message>
        <source>Remove role?</source>
        <translation>Rolle entfernen?</translation>
    </message>
    <message>
        <source>%1 will no longer be a %2 and loses what the role allows. Remove it?</source>
        <translation>%1 hat dann nicht mehr die Rolle %2 und verliert, was sie erlaubt. Entfernen?</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role.</source>
        <translation>%1 hat keine Lockbox-Rolle mehr.</translation>
    </message>
    <message>
        <source>Who holds which Lockbox role in your organisation, one person a row</source>
        <translation>Wer in Ihrer Organisation welche Lockbox-Rolle hat, eine Person pro Zeile</translation>
    </message>
    <message>
        <source>The sign-in name of the person to give a role; Enter adds it</source>
        <translation>Der Anmeldename der Person, die eine Rolle erhalten soll; die Eingabetaste fügt sie hinzu</translation>
    </message>
    <message>
        <source>How the person&apos;s name is shown; optional</source>
        <translation>Wie der Name der Person angezeigt wird; optional</translation>
    </message>
    <message>
        <source>The role to give: what the person may see and decide</source>
        <translation>Die zu vergebende Rolle: was die Person sehen und entscheiden darf</translation>
    </message>
    <message>
        <source>Gives the person the chosen role</source>
        <translation>Gibt der Person die gewählte Rolle</translation>
    </message>
    <message>
        <source>Takes the role of the person selected in the table away, after asking</source>
        <translation>Entzieht der in der Tabelle ausgewählten Person die Rolle, nach Rückfrage</translation>
    </message>
    <message>
        <source>Why you cannot change roles</source>
        <translation>Warum Sie keine Rollen ändern können</translation>
    </message>
</context>
<context>
    <name>lockbox::SchemaMigrations</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: it holds other tables (%2).</source>
        <translation>%1 ist kein Lockbox-Datenspeicher: Die Datei enthält andere Tabellen (%2).</translation>
    </message>
    <message>
        <source>Reading the schema version</source>
        <translation>Lesen der Schemaversion</translation>
    </message>
    <message>
        <source>Waiting for another process&apos;s schema upgrade</source>
        <translation>Warten auf die Schemaaktualisierung eines anderen Prozesses</translation>
    </message>
    <message>
        <source>%1 was written by a newer Lockbox (schema version %2; this version reads up to %3). Update Lockbox to open it; nothing was changed.</source>
        <translation>%1 wurde von einem neueren Lockbox geschrieben (Schemaversion %2; diese Version liest bis %3). Aktualisieren Sie Lockbox, um die Datei zu öffnen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Starting schema upgrade %1</source>
        <translation>Starten der Schemaaktualisierung %1</translation>
    </message>
    <message>
        <source>Schema upgrade %1 (%2)</source>
        <translation>Schemaaktualisierung %1 (%2)</translation>
    </message>
    <message>
        <source>Recording schema version %1</source>
        <translation>Speichern der Schemaversion %1</translation>
    </message>
</context>
<context>
    <name>lockbox::ScreenshotTour</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>lockbox::SeedGenerator</name>
    <message>
        <source>%1 already exists; the demo never overwrites a file.</source>
        <translation>%1 ist bereits vorhanden; die Demo überschreibt nie eine Datei.</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceConnection</name>
    <message>
        <source>%1 at %2 on %3</source>
        <translation>%1 bei %2 auf %3</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceJson</name>
    <message>
        <source>A session</source>
        <translation>Eine Sitzung</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>eine unbekannte Rolle „%1“</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>Die Zusammenfassung</translation>
    </message>
    <message>
        <source>The verification</source>
        <translation>Die Prüfung</translation>
    </message>
    <message>
        <source>The enrolment</source>
        <translation>Die Registrierung</translation>
    </message>
</context>
<context>
    <name>lockbox::Session</name>
    <message>
        <source>The Lockbox service cannot be reached just now, so nothing can be decided or changed, and what you see may be out of date. The Admin Center reconnects by itself; try again once it has. Nothing is queued.</source>
        <translation>Der Lockbox-Dienst ist gerade nicht erreichbar, daher kann nichts entschieden oder geändert werden, und was Sie sehen, ist möglicherweise veraltet. Das Admin Center verbindet sich selbst wieder; versuchen Sie es danach erneut. Es wird nichts vorgemerkt.</translation>
    </message>
    <message>
        <source>A local store needs no one-time code: it has no accounts to sign in to.</source>
        <translation>Ein lokaler Datenspeicher braucht keinen Einmalcode: Er hat keine Konten zum Anmelden.</translation>
    </message>
</context>
<context>
    <name>lockbox::SettingsPage</name>
    <message>
        <source>Require approval for all data access requests</source>
        <translation>Genehmigung für alle Datenzugriffsanfragen verlangen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>When on, no engineer gets access to your content without a decision by one of your approvers.</source>
        <translation>Wenn aktiviert, erhält kein Techniker Zugriff auf Ihre Inhalte ohne die Entscheidung eines Ihrer Genehmiger.</translation>
    </message>
    <message>
        <source>When this is on, an engineer&apos;s request reaches your approvers after the operator&apos;s manager approved it, and nothing is granted without your decision. When it is off, Lockbox approves what the manager approved, and the audit log says so.</source>
        <translation>Wenn diese Option aktiviert ist, erreicht die Anfrage eines Technikers Ihre Genehmiger, nachdem der Manager des Betreibers sie genehmigt hat, und ohne Ihre Entscheidung wird nichts gewährt. Ist sie deaktiviert, genehmigt Lockbox, was der Manager genehmigt hat, und das Überwachungsprotokoll hält dies fest.</translation>
    </message>
    <message>
        <source>Approvals required</source>
        <translation>Erforderliche Genehmigungen</translation>
    </message>
    <message>
        <source>How many different approvers must approve a request before access is granted.</source>
        <translation>Wie viele verschiedene Genehmiger eine Anfrage genehmigen müssen, bevor Zugriff gewährt wird.</translation>
    </message>
    <message>
        <source>Security &amp; privacy</source>
        <translation>Sicherheit &amp; Datenschutz</translation>
    </message>
    <message>
        <source>Customer Lockbox</source>
        <translation>Kunden-Lockbox</translation>
    </message>
    <message>
        <source>&amp;Approvals required (distinct approvers):</source>
        <translation>Erforderliche &amp;Genehmigungen (verschiedene Genehmiger):</translation>
    </message>
    <message>
        <source>Set when the tenant was created, %1.</source>
        <translation>Beim Anlegen des Mandanten festgelegt, %1.</translation>
    </message>
    <message>
        <source>Last changed by %1 at %2.</source>
        <translation>Zuletzt geändert von %1 am %2.</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>Nur lesen: %1</translation>
    </message>
    <message>
        <source>Require approval?</source>
        <translation>Genehmigung verlangen?</translation>
    </message>
    <message>
        <source>Stop requiring approval?</source>
        <translation>Keine Genehmigung mehr verlangen?</translation>
    </message>
    <message>
        <source>From now on, no data access request is granted without a decision by one of your approvers. Turn it on?</source>
        <translation>Ab sofort wird keine Datenzugriffsanfrage ohne die Entscheidung eines Ihrer Genehmiger gewährt. Einschalten?</translation>
    </message>
    <message>
        <source>From now on, Lockbox approves every request that the operator&apos;s manager approved, without asking your approvers. Requests already waiting still need a decision. Turn it off?</source>
        <translation>Ab sofort genehmigt Lockbox jede Anfrage, die der Manager des Betreibers genehmigt hat, ohne Ihre Genehmiger zu fragen. Bereits wartende Anfragen brauchen weiterhin eine Entscheidung. Ausschalten?</translation>
    </message>
    <message>
        <source>Change the approvals required?</source>
        <translation>Erforderliche Genehmigungen ändern?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on need %1 different approvers before access is granted; one deny still denies. Requests already waiting keep the number they started with. Change it?</source>
        <translation>Anfragen, die Ihre Genehmiger ab jetzt erreichen, brauchen %1 verschiedene Genehmiger, bevor Zugriff gewährt wird; eine Ablehnung lehnt weiterhin ab. Bereits wartende Anfragen behalten ihre ursprüngliche Anzahl. Ändern?</translation>
    </message>
    <message>
        <source>Changing the settings</source>
        <translation>Ändern der Einstellungen</translation>
    </message>
    <message>
        <source>Saved. Approval %1; approvals required: %2.</source>
        <translation>Gespeichert. Die Genehmigung %1; erforderliche Genehmigungen: %2.</translation>
    </message>
    <message>
        <source>is required for all data access requests</source>
        <translation>ist für alle Datenzugriffsanfragen erforderlich</translation>
    </message>
    <message>
        <source>is not required: Lockbox approves what the operator&apos;s manager approved</source>
        <translation>ist nicht erforderlich: Lockbox genehmigt, was der Manager des Betreibers genehmigt hat</translation>
    </message>
    <message>
        <source>Apply approvals required</source>
        <translation>Erforderliche Genehmigungen übernehmen</translation>
    </message>
    <message>
        <source>Saves the number of approvals required, after asking</source>
        <translation>Speichert die Anzahl erforderlicher Genehmigungen, nach Rückfrage</translation>
    </message>
    <message>
        <source>e.g. diego@contoso.com, lidia@contoso.com</source>
        <translation>z. B. diego@contoso.com, lidia@contoso.com</translation>
    </message>
    <message>
        <source>Backup approvers</source>
        <translation>Ersatzgenehmiger</translation>
    </message>
    <message>
        <source>Sign-in names, separated by commas, of Global administrators or Lockbox access approvers who take over a request still undecided at the lead time. Empty: no escalation.</source>
        <translation>Anmeldenamen, durch Kommas getrennt, von Globalen Administratoren oder Lockbox-Zugriffsgenehmigern, die eine zur Vorlaufzeit noch unentschiedene Anfrage übernehmen. Leer: keine Eskalation.</translation>
    </message>
    <message>
        <source> min before expiry</source>
        <translation> Min. vor Ablauf</translation>
    </message>
    <message>
        <source>Escalation lead time</source>
        <translation>Vorlaufzeit der Eskalation</translation>
    </message>
    <message>
        <source>How many minutes before it expires an undecided request goes to the backup approvers.</source>
        <translation>Wie viele Minuten vor ihrem Ablauf eine unentschiedene Anfrage an die Ersatzgenehmiger geht.</translation>
    </message>
    <message>
        <source>Apply escalation</source>
        <translation>Eskalation übernehmen</translation>
    </message>
    <message>
        <source>Saves the backup approvers and the lead time, after asking</source>
        <translation>Speichert die Ersatzgenehmiger und die Vorlaufzeit, nach Rückfrage</translation>
    </message>
    <message>
        <source>Who changed the setting last, and when</source>
        <translation>Wer die Einstellung zuletzt geändert hat, und wann</translation>
    </message>
    <message>
        <source>Why you cannot change the setting</source>
        <translation>Warum Sie die Einstellung nicht ändern können</translation>
    </message>
    <message>
        <source>&amp;Backup approvers:</source>
        <translation>&amp;Ersatzgenehmiger:</translation>
    </message>
    <message>
        <source>&amp;Escalate undecided requests:</source>
        <translation>&amp;Unentschiedene Anfragen eskalieren:</translation>
    </message>
    <message>
        <source>Change the escalation?</source>
        <translation>Eskalation ändern?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on are not escalated. Change it?</source>
        <translation>Anfragen, die Ihre Genehmiger ab jetzt erreichen, werden nicht eskaliert. Ändern?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on go to %1 when still undecided %2 before they expire. Requests already waiting keep the escalation they started with. Change it?</source>
        <translation>Anfragen, die Ihre Genehmiger ab jetzt erreichen, gehen an %1, wenn sie %2 vor ihrem Ablauf noch unentschieden sind. Bereits wartende Anfragen behalten ihre ursprüngliche Eskalation. Ändern?</translation>
    </message>
</context>
<context>
    <name>lockbox::SigningKey</name>
    <message>
        <source>A signing key is %1 bytes; this one has %2. The key is damaged: create a new one and register it.</source>
        <translation>Ein Signaturschlüssel hat %1 Bytes; dieser hat %2. Der Schlüssel ist beschädigt: Erstellen Sie einen neuen und registrieren Sie ihn.</translation>
    </message>
</context>
<context>
    <name>lockbox::SodiumLibrary</name>
    <message>
        <source>The cryptography library could not start: the system has no source of random numbers (/dev/urandom).</source>
        <translation>Die Kryptografiebibliothek konnte nicht starten: Das System hat keine Quelle für Zufallszahlen (/dev/urandom).</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlConnection</name>
    <message>
        <source>Qt&apos;s %1 database driver is not installed, so %2 cannot be opened. Install the Debian package %3.</source>
        <translation>Der %1-Datenbanktreiber von Qt ist nicht installiert, daher kann %2 nicht geöffnet werden. Installieren Sie das Debian-Paket %3.</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>Der Datenspeicher %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: %2</source>
        <translation>%1 ist kein Lockbox-Datenspeicher: %2</translation>
    </message>
    <message>
        <source>Preparing the store</source>
        <translation>Vorbereiten des Datenspeichers</translation>
    </message>
    <message>
        <source>%1 failed in %2: %3</source>
        <translation>%1 in %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>die Verbindung ist abgebrochen</translation>
    </message>
    <message>
        <source>The database at %1 is unreachable: %2 Check that the PostgreSQL server is running and accepts connections from this machine, then try again.</source>
        <translation>Die Datenbank unter %1 ist nicht erreichbar: %2 Prüfen Sie, ob der PostgreSQL-Server läuft und Verbindungen von diesem Rechner annimmt, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Preparing a write</source>
        <translation>Vorbereiten eines Schreibvorgangs</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlDialect</name>
    <message>
        <source>%1 is not a PostgreSQL database URL; write it as postgresql://user:password@host:port/database.</source>
        <translation>%1 ist keine PostgreSQL-Datenbank-URL; schreiben Sie sie als postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; in %2 cannot be passed to PostgreSQL; give options as ?name=value&amp;name=value with no spaces.</source>
        <translation>Die Option „%1“ in %2 kann nicht an PostgreSQL übergeben werden; geben Sie Optionen als ?name=value&amp;name=value ohne Leerzeichen an.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlRepository</name>
    <message>
        <source>There is no request %1 in your organisation.</source>
        <translation>In Ihrer Organisation gibt es keine Anfrage %1.</translation>
    </message>
    <message>
        <source>Looking up %1&apos;s role</source>
        <translation>Nachschlagen der Rolle von %1</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2.</source>
        <translation>%1 hat im Mandanten %2 keine Lockbox-Rolle.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>%1 hat im Mandanten %2 keine Lockbox-Rolle und kann sich dort daher nicht anmelden.</translation>
    </message>
    <message>
        <source>Reading request %1</source>
        <translation>Lesen der Anfrage %1</translation>
    </message>
    <message>
        <source>Reading the settings of %1</source>
        <translation>Lesen der Einstellungen von %1</translation>
    </message>
    <message>
        <source>There is no tenant %1 in this store.</source>
        <translation>In diesem Datenspeicher gibt es keinen Mandanten %1.</translation>
    </message>
    <message>
        <source>Reading the roles of %1</source>
        <translation>Lesen der Rollen von %1</translation>
    </message>
    <message>
        <source>Reading the audit log</source>
        <translation>Lesen des Überwachungsprotokolls</translation>
    </message>
    <message>
        <source>Writing the audit log</source>
        <translation>Schreiben des Überwachungsprotokolls</translation>
    </message>
    <message>
        <source>Saving the role of %1</source>
        <translation>Speichern der Rolle von %1</translation>
    </message>
    <message>
        <source>Saving request %1</source>
        <translation>Speichern der Anfrage %1</translation>
    </message>
    <message>
        <source>Updating request %1</source>
        <translation>Aktualisieren der Anfrage %1</translation>
    </message>
    <message>
        <source>Recording the decision on %1</source>
        <translation>Speichern der Entscheidung zu %1</translation>
    </message>
    <message>
        <source>Looking for requests that expire</source>
        <translation>Suchen nach ablaufenden Anfragen</translation>
    </message>
    <message>
        <source>Looking for expired requests</source>
        <translation>Suchen nach abgelaufenen Anfragen</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 requests; %2 was asked for.</source>
        <translation>Eine Seite umfasst 1 bis %1 Anfragen; angefragt wurden %2.</translation>
    </message>
    <message>
        <source>The search text is too long (at most 200 characters).</source>
        <translation>Der Suchtext ist zu lang (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>The page cursor is not valid for this list; start again from the first page.</source>
        <translation>Der Seitencursor ist für diese Liste ungültig; beginnen Sie wieder mit der ersten Seite.</translation>
    </message>
    <message>
        <source>Listing requests</source>
        <translation>Auflisten der Anfragen</translation>
    </message>
    <message>
        <source>Reading approvals</source>
        <translation>Lesen der Genehmigungen</translation>
    </message>
    <message>
        <source>Counting requests</source>
        <translation>Zählen der Anfragen</translation>
    </message>
    <message>
        <source>Numbering the request</source>
        <translation>Nummerieren der Anfrage</translation>
    </message>
    <message>
        <source>No such request in the organisation.</source>
        <translation>In der Organisation gibt es keine solche Anfrage.</translation>
    </message>
    <message>
        <source>Request %1 vanished.</source>
        <translation>Anfrage %1 ist verschwunden.</translation>
    </message>
    <message>
        <source>Request %1 changed while you decided; look at it again.</source>
        <translation>Anfrage %1 hat sich geändert, während Sie entschieden haben; sehen Sie sie sich erneut an.</translation>
    </message>
    <message>
        <source>Checking access</source>
        <translation>Prüfen des Zugriffs</translation>
    </message>
    <message>
        <source>%1 holds no approved request for %2 at %3.</source>
        <translation>%1 hat keine genehmigte Anfrage für %2 am %3.</translation>
    </message>
    <message>
        <source>%1 is on the operator&apos;s staff: lockbox settings belong to customer tenants.</source>
        <translation>%1 gehört zu den Mitarbeitern des Betreibers: Lockbox-Einstellungen gehören zu Kundenmandanten.</translation>
    </message>
    <message>
        <source>Saving the settings</source>
        <translation>Speichern der Einstellungen</translation>
    </message>
    <message>
        <source>Removing the role of %1</source>
        <translation>Entfernen der Rolle von %1</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 audit records; %2 was asked for.</source>
        <translation>Eine Seite umfasst 1 bis %1 Überwachungsdatensätze; angefragt wurden %2.</translation>
    </message>
    <message>
        <source>A tenant id is one word, like contoso.onmicrosoft.com; &quot;%1&quot; cannot be used.</source>
        <translation>Eine Mandanten-ID ist ein Wort, etwa contoso.onmicrosoft.com; „%1“ kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>Approvals required must be between 1 and 3.</source>
        <translation>Die Anzahl erforderlicher Genehmigungen muss zwischen 1 und 3 liegen.</translation>
    </message>
    <message>
        <source>Give the first Global administrator&apos;s sign-in name, like megan@contoso.com.</source>
        <translation>Geben Sie den Anmeldenamen des ersten Globalen Administrators an, etwa megan@contoso.com.</translation>
    </message>
    <message>
        <source>Tenant %1 already exists.</source>
        <translation>Der Mandant %1 ist bereits vorhanden.</translation>
    </message>
    <message>
        <source>Creating tenant %1</source>
        <translation>Anlegen des Mandanten %1</translation>
    </message>
    <message>
        <source>Operator staff are Support engineers or Support managers.</source>
        <translation>Mitarbeiter des Betreibers sind Supporttechniker oder Supportmanager.</translation>
    </message>
    <message>
        <source>Give the staff member&apos;s sign-in name, like alex@operator.example.</source>
        <translation>Geben Sie den Anmeldenamen des Mitarbeiters an, etwa alex@operator.example.</translation>
    </message>
    <message>
        <source>Looking for requests that expire within the hour</source>
        <translation>Suchen nach Anfragen, die innerhalb einer Stunde ablaufen</translation>
    </message>
    <message>
        <source>A public signing key is %1 bytes (Ed25519); this one has %2.</source>
        <translation>Ein öffentlicher Signaturschlüssel hat %1 Bytes (Ed25519); dieser hat %2.</translation>
    </message>
    <message>
        <source>Reading the signing keys</source>
        <translation>Lesen der Signaturschlüssel</translation>
    </message>
    <message>
        <source>The key %1 is registered to someone else already; create a key of your own.</source>
        <translation>Der Schlüssel %1 ist bereits für jemand anderen registriert; erstellen Sie einen eigenen Schlüssel.</translation>
    </message>
    <message>
        <source>Registering the signing key</source>
        <translation>Registrieren des Signaturschlüssels</translation>
    </message>
    <message>
        <source>Decisions are signed by the approver who takes them, and this one is not: decide in the Admin Center, or with &apos;lockboxctl %1 --key FILE&apos; (your key from &apos;lockboxctl key create FILE&apos;). A call to the API carries it in the body&apos;s &quot;signature&quot; field (&apos;lockboxctl key sign&apos; makes it).</source>
        <translation>Entscheidungen werden von der genehmigenden Person signiert, die sie trifft, und diese ist es nicht: Entscheiden Sie im Admin Center oder mit &apos;lockboxctl %1 --key FILE&apos; (Ihr Schlüssel aus &apos;lockboxctl key create FILE&apos;). Ein API-Aufruf trägt sie im Feld &quot;signature&quot; des Inhalts (&apos;lockboxctl key sign&apos; erstellt sie).</translation>
    </message>
    <message>
        <source>Writing the decision</source>
        <translation>Schreiben der Entscheidung</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while your decision on %2 was being written, so it may or may not have been recorded: look at the request again before you decide once more.</source>
        <translation>Die Verbindung zu %1 ist abgerissen, während Ihre Entscheidung zu %2 geschrieben wurde; sie wurde also vielleicht gespeichert, vielleicht nicht: Sehen Sie sich die Anfrage erneut an, bevor Sie noch einmal entscheiden.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlStore</name>
    <message>
        <source>The store %1 is not open.</source>
        <translation>Der Datenspeicher %1 ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlWriteTransaction</name>
    <message>
        <source>Starting a write</source>
        <translation>Starten eines Schreibvorgangs</translation>
    </message>
    <message>
        <source>Saving the change</source>
        <translation>Speichern der Änderung</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpDialog</name>
    <message>
        <source>Confirm with a one-time code</source>
        <translation>Mit Einmalcode bestätigen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; needs a one-time code from your authenticator app: decisions and changes need one entered within the last 5 minutes.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; erfordert einen Einmalcode aus Ihrer Authenticator-App: Für Entscheidungen und Änderungen muss innerhalb der letzten 5 Minuten einer eingegeben worden sein.</translation>
    </message>
    <message>
        <source>&amp;One-time code:</source>
        <translation>&amp;Einmalcode:</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 Ziffern</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Einmalcode</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>Der Code, den Ihre Authenticator-App gerade anzeigt</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Why the code was not accepted</source>
        <translation>Warum der Code nicht angenommen wurde</translation>
    </message>
    <message>
        <source>Sends the code, then does what you asked</source>
        <translation>Sendet den Code und führt dann aus, was Sie angefordert haben</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is done</source>
        <translation>Schließt den Dialog; es wird nichts ausgeführt</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpPrompt</name>
    <message>
        <source>Nothing was done: the one-time code was not entered.</source>
        <translation>Es wurde nichts ausgeführt: Der Einmalcode wurde nicht eingegeben.</translation>
    </message>
</context>
<context>
    <name>lockbox::TenantJson</name>
    <message>
        <source>The settings</source>
        <translation>Die Einstellungen</translation>
    </message>
    <message>
        <source>A role assignment</source>
        <translation>Eine Rollenzuweisung</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>eine unbekannte Rolle „%1“</translation>
    </message>
    <message>
        <source>A list of role assignments should be a JSON list, not %1.</source>
        <translation>Eine Liste von Rollenzuweisungen sollte eine JSON-Liste sein, nicht %1.</translation>
    </message>
    <message>
        <source>A list of role assignments</source>
        <translation>Eine Liste von Rollenzuweisungen</translation>
    </message>
    <message>
        <source>An access check</source>
        <translation>Eine Zugriffsprüfung</translation>
    </message>
    <message>
        <source>A signing key</source>
        <translation>Ein Signaturschlüssel</translation>
    </message>
</context>
<context>
    <name>lockbox::TimeFormat</name>
    <message>
        <source>%L1 d</source>
        <comment>days, abbreviated</comment>
        <translation>%L1 Tg.</translation>
    </message>
    <message>
        <source>%L1 h</source>
        <comment>hours, abbreviated</comment>
        <translation>%L1 Std.</translation>
    </message>
    <message>
        <source>%L1 min</source>
        <comment>minutes, abbreviated</comment>
        <translation>%L1 Min.</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no time left</comment>
        <translation>keine</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <comment>seconds, abbreviated</comment>
        <translation>%L1 Sek.</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <comment>a date and time in Coordinated Universal Time</comment>
        <translation>%1 UTC</translation>
    </message>
</context>
<context>
    <name>lockbox::TrayIcon</name>
    <message>
        <source>&amp;Open Lockbox Admin Center</source>
        <translation>Lockbox Admin Center ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the last &amp;notification&apos;s request</source>
        <translation>Anfrage der letzten &amp;Benachrichtigung öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: no request awaits approval</source>
        <translation>Lockbox Admin Center: Keine Anfrage wartet auf Genehmigung</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: 1 pending request</source>
        <translation>Lockbox Admin Center: 1 ausstehende Anfrage</translation>
    </message>
    <message numerus="yes">
        <source>Lockbox Admin Center: %n pending requests</source>
        <translation>
            <numerusform>Lockbox Admin Center: %n ausstehende Anfrage</numerusform>
            <numerusform>Lockbox Admin Center: %n ausstehende Anfragen</numerusform>
        </translation>
    </message>
</context>
</TS>
