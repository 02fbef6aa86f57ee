<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <translation>Centre d&apos;administration Lockbox</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: review and decide on data access requests.</source>
        <translation>Centre d&apos;administration Lockbox&#xa0;: examinez les demandes d&apos;accès aux données et statuez.</translation>
    </message>
    <message>
        <source>Open a fresh training demo store (simulated data) in a temporary folder.</source>
        <translation>Ouvrir une nouvelle base de démonstration (données simulées) dans un dossier temporaire.</translation>
    </message>
    <message>
        <source>Open the local store FILE.</source>
        <translation>Ouvrir la base locale FILE.</translation>
    </message>
    <message>
        <source>Sign in as PRINCIPAL (default for the demo: megan.bowen@contoso.com).</source>
        <translation>Se connecter en tant que PRINCIPAL (par défaut dans la démo&#xa0;: megan.bowen@contoso.com).</translation>
    </message>
    <message>
        <source>Act in TENANT (default for the demo: contoso.onmicrosoft.com).</source>
        <translation>Agir dans le locataire TENANT (par défaut dans la démo&#xa0;: contoso.onmicrosoft.com).</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at URL (https://host:port). With --tenant and --user, a session saved in the keychain is used without asking.</source>
        <translation>Se connecter au service Lockbox à l&apos;adresse URL (https://hôte:port). Avec --tenant et --user, une session enregistrée dans le trousseau est utilisée sans rien demander.</translation>
    </message>
    <message>
        <source>Your user name at the service (with --url).</source>
        <translation>Votre nom d&apos;utilisateur sur le service (avec --url).</translation>
    </message>
    <message>
        <source>Choose a store file or a service in the connection dialog (recent ones are offered).</source>
        <translation>Choisir un fichier de base ou un service dans la boîte de dialogue de connexion (les plus récents sont proposés).</translation>
    </message>
    <message>
        <source>Save a picture of every page into FOLDER, then quit.</source>
        <translation>Enregistrer une image de chaque page dans FOLDER, puis quitter.</translation>
    </message>
    <message>
        <source>Show the Admin Center in LANGUAGE for this run: en, de, fr or ar (default: the language chosen in the Admin Center, else the system&apos;s).</source>
        <translation>Afficher le Centre d&apos;administration en LANGUAGE pour cette exécution&#xa0;: en, de, fr ou ar (par défaut&#xa0;: la langue choisie dans le Centre d&apos;administration, sinon celle du système).</translation>
    </message>
    <message>
        <source>There is no %1 translation of the Admin Center; choose en, de, fr or ar.</source>
        <translation>Il n&apos;existe pas de traduction «&#xa0;%1&#xa0;» du Centre d&apos;administration&#xa0;; choisissez en, de, fr ou ar.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the demo store.</source>
        <translation>Impossible de créer un dossier temporaire pour la base de démonstration.</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add ...&apos;, or try the demo with --demo.</source>
        <translation>Il n&apos;y a pas de base Lockbox à l&apos;emplacement %1. Créez-en une avec «&#xa0;lockboxctl --store %1 tenant add ...&#xa0;», ou essayez la démo avec --demo.</translation>
    </message>
    <message>
        <source>Paint with the PALETTE colours: system (the default: the desktop&apos;s), light or dark.</source>
        <translation>Utiliser les couleurs de PALETTE&#xa0;: system (par défaut&#xa0;: celles du bureau), light ou dark.</translation>
    </message>
    <message>
        <source>There is no %1 palette; choose %2.</source>
        <translation>Il n&apos;existe pas de palette «&#xa0;%1&#xa0;»&#xa0;; choisissez %2.</translation>
    </message>
</context>
<context>
    <name>lockbox::AccessRequest</name>
    <message>
        <source>Information requested</source>
        <translation>Informations demandées</translation>
    </message>
    <message>
        <source>%1, escalated</source>
        <translation>%1, escaladée</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 approvals)</source>
        <translation>%1 (%2 approbation(s) sur %3)</translation>
    </message>
</context>
<context>
    <name>lockbox::AccountRepository</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>Échec de l&apos;opération «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>A user name must not be empty or contain spaces.</source>
        <translation>Un nom d&apos;utilisateur ne doit être ni vide ni contenir d&apos;espaces.</translation>
    </message>
    <message>
        <source>There is no tenant %1.</source>
        <translation>Il n&apos;existe pas de locataire %1.</translation>
    </message>
    <message>
        <source>%1 already has an account in %2: reset it instead.</source>
        <translation>%1 a déjà un compte dans %2&#xa0;: réinitialisez-le plutôt.</translation>
    </message>
    <message>
        <source>Adding the account of %1</source>
        <translation>Ajout du compte de %1</translation>
    </message>
    <message>
        <source>Resetting the account of %1</source>
        <translation>Réinitialisation du compte de %1</translation>
    </message>
    <message>
        <source>%1 has no account in %2.</source>
        <translation>%1 n&apos;a pas de compte dans %2.</translation>
    </message>
    <message>
        <source>Ending the sessions of %1</source>
        <translation>Fermeture des sessions de %1</translation>
    </message>
    <message>
        <source>Reading the account</source>
        <translation>Lecture du compte</translation>
    </message>
    <message>
        <source>Counting a failed sign-in</source>
        <translation>Comptage d&apos;une connexion échouée</translation>
    </message>
    <message>
        <source>Locking the account</source>
        <translation>Verrouillage du compte</translation>
    </message>
    <message>
        <source>The user name or password is wrong for tenant %1.</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect pour le locataire %1.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: the account %1 is locked until %2 UTC. Try again then, or ask an administrator to reset it.</source>
        <translation>Trop de connexions échouées&#xa0;: le compte %1 est verrouillé jusqu&apos;à %2 UTC. Réessayez à ce moment-là, ou demandez à un administrateur de le réinitialiser.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>%1 n&apos;a aucun rôle Lockbox dans le locataire %2 et ne peut donc pas s&apos;y connecter.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app to finish signing in.</source>
        <translation>Saisissez le code à 6 chiffres de votre application d&apos;authentification pour terminer la connexion.</translation>
    </message>
    <message>
        <source>The one-time code is wrong, expired or already used. Enter the current code from your authenticator app.</source>
        <translation>Le code à usage unique est incorrect, expiré ou déjà utilisé. Saisissez le code actuel de votre application d&apos;authentification.</translation>
    </message>
    <message>
        <source>Recording the sign-in</source>
        <translation>Enregistrement de la connexion</translation>
    </message>
    <message>
        <source>Opening the session</source>
        <translation>Ouverture de la session</translation>
    </message>
    <message>
        <source>Removing expired sessions</source>
        <translation>Suppression des sessions expirées</translation>
    </message>
    <message>
        <source>Your session has ended or is not valid: sign in again.</source>
        <translation>Votre session a pris fin ou n&apos;est pas valide&#xa0;: reconnectez-vous.</translation>
    </message>
    <message>
        <source>Checking the session</source>
        <translation>Vérification de la session</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role in tenant %2: sign in again once an administrator assigned one.</source>
        <translation>%1 n&apos;a plus de rôle Lockbox dans le locataire %2&#xa0;: reconnectez-vous une fois qu&apos;un administrateur vous en aura attribué un.</translation>
    </message>
    <message>
        <source>%1 has no authenticator app enrolled yet: enrol one first.</source>
        <translation>%1 n&apos;a encore inscrit aucune application d&apos;authentification&#xa0;: inscrivez-en d&apos;abord une.</translation>
    </message>
    <message>
        <source>Recording the one-time code</source>
        <translation>Enregistrement du code à usage unique</translation>
    </message>
    <message>
        <source>%1 already has an authenticator app enrolled. To replace it, an administrator resets it with `lockboxctl account reset --mfa`.</source>
        <translation>%1 a déjà inscrit une application d&apos;authentification. Pour la remplacer, un administrateur la réinitialise avec `lockboxctl account reset --mfa`.</translation>
    </message>
    <message>
        <source>No random numbers were available for the new secret.</source>
        <translation>Aucun nombre aléatoire n&apos;était disponible pour le nouveau secret.</translation>
    </message>
    <message>
        <source>Enrolling the authenticator app</source>
        <translation>Inscription de l&apos;application d&apos;authentification</translation>
    </message>
    <message>
        <source>%1 has no account in %2, or already has an authenticator app enrolled (reset it first with `lockboxctl account reset --mfa`).</source>
        <translation>%1 n&apos;a pas de compte dans %2, ou a déjà inscrit une application d&apos;authentification (réinitialisez-la d&apos;abord avec `lockboxctl account reset --mfa`).</translation>
    </message>
    <message>
        <source>Ending the session</source>
        <translation>Fermeture de la session</translation>
    </message>
</context>
<context>
    <name>lockbox::Action</name>
    <message>
        <source>view requests</source>
        <translation>afficher les demandes</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>lire le journal d&apos;audit</translation>
    </message>
    <message>
        <source>file a request</source>
        <translation>déposer une demande</translation>
    </message>
    <message>
        <source>approve as manager</source>
        <translation>approuver en tant que responsable</translation>
    </message>
    <message>
        <source>reject as manager</source>
        <translation>rejeter en tant que responsable</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>approuver</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>refuser</translation>
    </message>
    <message>
        <source>revoke access</source>
        <translation>révoquer l&apos;accès</translation>
    </message>
    <message>
        <source>withdraw</source>
        <translation>retirer</translation>
    </message>
    <message>
        <source>expire</source>
        <translation>faire expirer</translation>
    </message>
    <message>
        <source>end the access window</source>
        <translation>fermer la fenêtre d&apos;accès</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>modifier les paramètres</translation>
    </message>
    <message>
        <source>assign roles</source>
        <translation>attribuer des rôles</translation>
    </message>
    <message>
        <source>check an engineer&apos;s access</source>
        <translation>vérifier l&apos;accès d&apos;un ingénieur</translation>
    </message>
    <message>
        <source>ask the engineer a question</source>
        <translation>poser une question à l&apos;ingénieur</translation>
    </message>
    <message>
        <source>answer a question</source>
        <translation>répondre à une question</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>escalader</translation>
    </message>
    <message>
        <source>register a signing key</source>
        <translation>enregistrer une clé de signature</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditChainVerifier</name>
    <message>
        <source>record %1 appears after record %2 (reordered or duplicated).</source>
        <translation>l&apos;enregistrement %1 apparaît après l&apos;enregistrement %2 (réordonné ou dupliqué).</translation>
    </message>
    <message>
        <source>record %1 of tenant %2 is missing (deleted or moved) before record %3.</source>
        <translation>l&apos;enregistrement %1 du locataire %2 est manquant (supprimé ou déplacé) avant l&apos;enregistrement %3.</translation>
    </message>
    <message>
        <source>records %1 to %2 of tenant %3 are missing (deleted or moved) before record %4.</source>
        <translation>les enregistrements %1 à %2 du locataire %3 sont manquants (supprimés ou déplacés) avant l&apos;enregistrement %4.</translation>
    </message>
    <message>
        <source>record %1 is number %2 of tenant %3, which came before (reordered or duplicated).</source>
        <translation>l&apos;enregistrement %1 porte le numéro %2 du locataire %3, déjà rencontré (réordonné ou dupliqué).</translation>
    </message>
    <message>
        <source>record %1 does not start its tenant&apos;s chain: its link was changed.</source>
        <translation>l&apos;enregistrement %1 ne commence pas la chaîne de son locataire&#xa0;: son lien a été modifié.</translation>
    </message>
    <message>
        <source>record %1 does not follow from record %2: the link to it was changed, or record %2 was replaced.</source>
        <translation>l&apos;enregistrement %1 ne découle pas de l&apos;enregistrement %2&#xa0;: le lien a été modifié, ou l&apos;enregistrement %2 a été remplacé.</translation>
    </message>
    <message>
        <source>record %1 was changed after it was written (its content no longer matches its hash).</source>
        <translation>l&apos;enregistrement %1 a été modifié après son écriture (son contenu ne correspond plus à son hachage).</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>Impossible d&apos;écrire l&apos;export&#xa0;: %1</translation>
    </message>
    <message>
        <source>The export was cancelled; records written before: %1.</source>
        <translation>L&apos;export a été annulé&#xa0;; enregistrements écrits auparavant&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditPage</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;pply filter</source>
        <translation>A&amp;ppliquer le filtre</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>&amp;Verify integrity</source>
        <translation>&amp;Vérifier l&apos;intégrité</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>Heure de début</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>Heure de fin</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Any operation</source>
        <translation>Toutes les opérations</translation>
    </message>
    <message>
        <source>Actor, e.g. megan.bowen@contoso.com</source>
        <translation>Acteur, p. ex. megan.bowen@contoso.com</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <source>Request reference, e.g. EXSR359423</source>
        <translation>Référence de la demande, p. ex. EXSR359423</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Opération&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;ctor:</source>
        <translation>A&amp;cteur&#xa0;:</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>De&amp;mande&#xa0;:</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Exporter le journal d&apos;audit</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>Lignes JSON (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>Export du journal d&apos;audit…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Exporting the audit log… Records written: %1.</source>
        <translation>Export du journal d&apos;audit… Enregistrements écrits&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Exported the audit log to %1. Records: %2.</source>
        <translation>Journal d&apos;audit exporté vers %1. Enregistrements&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Show only records from a time on</source>
        <translation>N&apos;afficher que les enregistrements à partir d&apos;une heure</translation>
    </message>
    <message>
        <source>Show only records up to a time</source>
        <translation>N&apos;afficher que les enregistrements jusqu&apos;à une heure</translation>
    </message>
    <message>
        <source>The earliest record to show, in UTC</source>
        <translation>Le plus ancien enregistrement à afficher, en UTC</translation>
    </message>
    <message>
        <source>The latest record to show, in UTC</source>
        <translation>Le plus récent enregistrement à afficher, en UTC</translation>
    </message>
    <message>
        <source>Show only records of this operation</source>
        <translation>N&apos;afficher que les enregistrements de cette opération</translation>
    </message>
    <message>
        <source>Show only what this person did; Enter applies the filter</source>
        <translation>N&apos;afficher que ce qu&apos;a fait cette personne&#xa0;; Entrée applique le filtre</translation>
    </message>
    <message>
        <source>Show only the records of this request; Enter applies the filter</source>
        <translation>N&apos;afficher que les enregistrements de cette demande&#xa0;; Entrée applique le filtre</translation>
    </message>
    <message>
        <source>Shows the records that match the filter</source>
        <translation>Affiche les enregistrements qui correspondent au filtre</translation>
    </message>
    <message>
        <source>Saves the records shown to a JSON lines or CSV file</source>
        <translation>Enregistre les enregistrements affichés dans un fichier de lignes JSON ou CSV</translation>
    </message>
    <message>
        <source>Checks the hash chain of the whole log: any edited, deleted or reordered record is found</source>
        <translation>Vérifie la chaîne de hachage de tout le journal&#xa0;: tout enregistrement modifié, supprimé ou réordonné est détecté</translation>
    </message>
    <message>
        <source>The result of the last integrity check</source>
        <translation>Le résultat de la dernière vérification d&apos;intégrité</translation>
    </message>
    <message>
        <source>One record a row, newest first</source>
        <translation>Un enregistrement par ligne, le plus récent en premier</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditTableModel</name>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditVerification</name>
    <message>
        <source>Audit log intact. Records checked: %1.</source>
        <translation>Journal d&apos;audit intact. Enregistrements vérifiés&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Audit log broken at record %1: %2</source>
        <translation>Journal d&apos;audit rompu à l&apos;enregistrement %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>lockbox::CertificateProbe</name>
    <message>
        <source>Cannot read the certificate of %1: %2</source>
        <translation>Impossible de lire le certificat de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>no answer within %1 seconds.</source>
        <translation>aucune réponse dans les %1 secondes.</translation>
    </message>
</context>
<context>
    <name>lockbox::ConnectDialog</name>
    <message>
        <source>Lockbox &amp;service</source>
        <translation>&amp;Service Lockbox</translation>
    </message>
    <message>
        <source>Local store &amp;file</source>
        <translation>&amp;Fichier de base locale</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Adresse du service</translation>
    </message>
    <message>
        <source>The address of the Lockbox service, https://host:port</source>
        <translation>L&apos;adresse du service Lockbox, https://hôte:port</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <source>Your organisation&apos;s tenant, such as contoso.onmicrosoft.com</source>
        <translation>Le locataire de votre organisation, par exemple contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Your user name at the service</source>
        <translation>Votre nom d&apos;utilisateur sur le service</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Your password at the service</source>
        <translation>Votre mot de passe sur le service</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>Code à usage &amp;unique&#xa0;:</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Code à usage unique</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>Le code qu&apos;affiche actuellement votre application d&apos;authentification</translation>
    </message>
    <message>
        <source>&amp;Remember my password in the keychain</source>
        <translation>&amp;Mémoriser mon mot de passe dans le trousseau</translation>
    </message>
    <message>
        <source>Store file</source>
        <translation>Fichier de base</translation>
    </message>
    <message>
        <source>A Lockbox store file on this computer</source>
        <translation>Un fichier de base Lockbox sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate and connect</source>
        <translation>Faire &amp;confiance à ce certificat et se connecter</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se co&amp;nnecter</translation>
    </message>
    <message>
        <source>Connect to Lockbox</source>
        <translation>Se connecter à Lockbox</translation>
    </message>
    <message>
        <source>Recent connections</source>
        <translation>Connexions récentes</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Locataire&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d&apos;u&amp;tilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>St&amp;ore:</source>
        <translation>&amp;Base&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>Choose a store file</source>
        <translation>Choisir un fichier de base</translation>
    </message>
    <message>
        <source>Open a Lockbox store</source>
        <translation>Ouvrir une base Lockbox</translation>
    </message>
    <message>
        <source>Lockbox stores (*.db);;All files (*)</source>
        <translation>Bases Lockbox (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message>
        <source>Store file %1</source>
        <translation>Fichier de base %1</translation>
    </message>
    <message>
        <source>R&amp;ecent:</source>
        <translation>Réc&amp;ents&#xa0;:</translation>
    </message>
    <message>
        <source>No keychain is available on this desktop: Lockbox asks for your password each time and writes no secret to disk.</source>
        <translation>Aucun trousseau n&apos;est disponible sur ce bureau&#xa0;: Lockbox vous demande votre mot de passe à chaque fois et n&apos;écrit aucun secret sur le disque.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>S&apos;&amp;identifier</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add …&apos;, or choose another file.</source>
        <translation>Il n&apos;y a pas de base Lockbox à l&apos;emplacement %1. Créez-en une avec «&#xa0;lockboxctl --store %1 tenant add …&#xa0;», ou choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>%1 is plain HTTP: your password and token would cross the network unencrypted. Use the service&apos;s https:// address.</source>
        <translation>%1 utilise HTTP en clair&#xa0;: votre mot de passe et votre jeton traverseraient le réseau sans chiffrement. Utilisez l&apos;adresse https:// du service.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Enter the one-time code from your authenticator app.</source>
        <translation>Saisissez le code à usage unique de votre application d&apos;authentification.</translation>
    </message>
    <message>
        <source>Reading the service&apos;s certificate…</source>
        <translation>Lecture du certificat du service…</translation>
    </message>
    <message>
        <source>The service presents a certificate that no authority on this computer vouches for (issued to %1, valid until %2).
SHA-256 fingerprint: %3
Compare it with the one your service&apos;s administrator gave you; trust it only if they are the same.</source>
        <translation>Le service présente un certificat qu&apos;aucune autorité de cet ordinateur ne garantit (délivré à %1, valable jusqu&apos;au %2).
Empreinte SHA-256&#xa0;: %3
Comparez-la à celle que vous a communiquée l&apos;administrateur du service&#xa0;; ne lui faites confiance que si elles sont identiques.</translation>
    </message>
    <message>
        <source>an unnamed subject</source>
        <translation>un sujet sans nom</translation>
    </message>
    <message>
        <source>Signing in to %1 with the saved session…</source>
        <translation>Connexion à %1 avec la session enregistrée…</translation>
    </message>
    <message>
        <source>Sign in again: %1</source>
        <translation>Reconnectez-vous&#xa0;: %1</translation>
    </message>
    <message>
        <source>A service or store file you used before, to fill in the form</source>
        <translation>Un service ou fichier de base déjà utilisé, pour remplir le formulaire</translation>
    </message>
    <message>
        <source>Sign in to a Lockbox service shared by several admins</source>
        <translation>Se connecter à un service Lockbox partagé par plusieurs administrateurs</translation>
    </message>
    <message>
        <source>Open a store file on this computer</source>
        <translation>Ouvrir un fichier de base sur cet ordinateur</translation>
    </message>
    <message>
        <source>Keeps your password in the desktop&apos;s keychain, never in a file, so that you are not asked again</source>
        <translation>Conserve votre mot de passe dans le trousseau du bureau, jamais dans un fichier, pour qu&apos;il ne vous soit plus demandé</translation>
    </message>
    <message>
        <source>Pins this certificate for this service and connects; only if its fingerprint is the one you were given</source>
        <translation>Épingle ce certificat pour ce service et se connecte&#xa0;; uniquement si son empreinte est celle qui vous a été communiquée</translation>
    </message>
    <message>
        <source>Signs in to the service or opens the store file</source>
        <translation>Se connecte au service ou ouvre le fichier de base</translation>
    </message>
    <message>
        <source>How the connection goes</source>
        <translation>Déroulement de la connexion</translation>
    </message>
    <message>
        <source>The service&apos;s certificate</source>
        <translation>Le certificat du service</translation>
    </message>
    <message>
        <source>Opens a file dialog to pick the store file</source>
        <translation>Ouvre une boîte de dialogue pour choisir le fichier de base</translation>
    </message>
    <message>
        <source>Closes the dialog without connecting</source>
        <translation>Ferme la boîte de dialogue sans se connecter</translation>
    </message>
</context>
<context>
    <name>lockbox::CredentialVault</name>
    <message>
        <source>service token</source>
        <translation>jeton du service</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>No keychain is available (%1), so the Admin Center cannot remember the %2 and will ask for it each time. To have it remembered, run a Secret Service such as gnome-keyring or KWallet in your desktop session and unlock it.</source>
        <translation>Aucun trousseau n&apos;est disponible (%1)&#xa0;: le Centre d&apos;administration ne peut donc pas mémoriser «&#xa0;%2&#xa0;» et le demandera à chaque fois. Pour qu&apos;il soit mémorisé, lancez un Secret Service tel que gnome-keyring ou KWallet dans votre session de bureau et déverrouillez-le.</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for this account.</source>
        <translation>Aucun élément «&#xa0;%1&#xa0;» n&apos;est enregistré dans le trousseau pour ce compte.</translation>
    </message>
    <message>
        <source>Access to the keychain was declined, so the %1 is not remembered: the Admin Center will ask for it each time. Allow access when the keychain asks, to remember it.</source>
        <translation>L&apos;accès au trousseau a été refusé&#xa0;: «&#xa0;%1&#xa0;» n&apos;est donc pas mémorisé et le Centre d&apos;administration le demandera à chaque fois. Autorisez l&apos;accès lorsque le trousseau le demande pour qu&apos;il soit mémorisé.</translation>
    </message>
    <message>
        <source>it is locked or refused access: %1</source>
        <translation>il est verrouillé ou a refusé l&apos;accès&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain could not read the %1: %2</source>
        <translation>Le trousseau n&apos;a pas pu lire «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>The keychain could not store the %1: %2</source>
        <translation>Le trousseau n&apos;a pas pu enregistrer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>The keychain could not remove the %1: %2</source>
        <translation>Le trousseau n&apos;a pas pu supprimer «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>There is no %1 to remember: it is empty.</source>
        <translation>Rien à mémoriser&#xa0;: «&#xa0;%1&#xa0;» est vide.</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>clé de signature</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionButtonsDelegate</name>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Refuser</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionDialog</name>
    <message>
        <source>Deny request %1</source>
        <translation>Refuser la demande %1</translation>
    </message>
    <message>
        <source>%1 will not get access to %2 content (%3). The request is closed and the engineer sees your reason.</source>
        <translation>%1 n&apos;obtiendra pas l&apos;accès au contenu %2 (%3). La demande est close et l&apos;ingénieur voit votre motif.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motif (obligatoire)&#xa0;:</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <source>Revoke access for %1</source>
        <translation>Révoquer l&apos;accès de %1</translation>
    </message>
    <message>
        <source>%1&apos;s access to %2 content (%3) ends now. It would have lasted until %4.</source>
        <translation>L&apos;accès de %1 au contenu %2 (%3) prend fin maintenant. Il aurait duré jusqu&apos;au %4.</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;Commentaire (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>Révoquer l&apos;accès</translation>
    </message>
    <message>
        <source>Approve request %1</source>
        <translation>Approuver la demande %1</translation>
    </message>
    <message>
        <source>%1 will get access to %2 content (%3) for %4: from when you approve until about %5.</source>
        <translation>%1 obtiendra l&apos;accès au contenu %2 (%3) pendant %4&#xa0;: à partir de votre approbation jusqu&apos;au %5 environ.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: it completes the request and access starts.</source>
        <translation>Votre approbation est la %1 sur %2&#xa0;: elle complète la demande et l&apos;accès commence.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: access starts only when all %2 have approved.</source>
        <translation>Votre approbation est la %1 sur %2&#xa0;: l&apos;accès ne commence que lorsque les %2 ont approuvé.</translation>
    </message>
    <message>
        <source>Reason given: %1</source>
        <translation>Motif indiqué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>What this decision does</source>
        <translation>Ce que fait cette décision</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>Confirmer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Ask about request %1</source>
        <translation>Poser une question sur la demande %1</translation>
    </message>
    <message>
        <source>Your question goes to %1, who filed the request. It shows as &quot;Information requested&quot; until they answer; it still expires at %2 if nobody decides.</source>
        <translation>Votre question est envoyée à %1, qui a déposé la demande. Celle-ci apparaît comme «&#xa0;Informations demandées&#xa0;» jusqu&apos;à sa réponse&#xa0;; elle expire tout de même le %2 si personne ne statue.</translation>
    </message>
    <message>
        <source>&amp;Question (required):</source>
        <translation>&amp;Question (obligatoire)&#xa0;:</translation>
    </message>
    <message>
        <source>Send question</source>
        <translation>Envoyer la question</translation>
    </message>
    <message>
        <source>The request changed while this dialog was open</source>
        <translation>La demande a changé pendant que cette boîte de dialogue était ouverte</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Required. The engineer sees it; it is kept in the audit log. Ctrl+Enter confirms.</source>
        <translation>Obligatoire. L&apos;ingénieur le voit&#xa0;; il est conservé dans le journal d&apos;audit. Ctrl+Entrée confirme.</translation>
    </message>
    <message>
        <source>Optional. Kept with your decision in the audit log. Ctrl+Enter confirms.</source>
        <translation>Facultatif. Conservé avec votre décision dans le journal d&apos;audit. Ctrl+Entrée confirme.</translation>
    </message>
    <message>
        <source>Closes the dialog without deciding</source>
        <translation>Ferme la boîte de dialogue sans statuer</translation>
    </message>
</context>
<context>
    <name>lockbox::DemoBar</name>
    <message>
        <source>Training demo: simulated data</source>
        <translation>Démo de formation&#xa0;: données simulées</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>Horloge&#xa0;:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop the demo clock</source>
        <translation>Arrêter l&apos;horloge de la démo</translation>
    </message>
    <message>
        <source>×1</source>
        <translation>×1</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>Temps réel</translation>
    </message>
    <message>
        <source>×60</source>
        <translation>×60</translation>
    </message>
    <message>
        <source>A minute a second</source>
        <translation>Une minute par seconde</translation>
    </message>
    <message>
        <source>×600</source>
        <translation>×600</translation>
    </message>
    <message>
        <source>Ten minutes a second: 12 hours in 72 seconds</source>
        <translation>Dix minutes par seconde&#xa0;: 12 heures en 72 secondes</translation>
    </message>
    <message>
        <source>Sign in as</source>
        <translation>Se connecter en tant que</translation>
    </message>
    <message>
        <source>Sign &amp;in as:</source>
        <translation>Se connecter &amp;en tant que&#xa0;:</translation>
    </message>
    <message>
        <source>File a request…</source>
        <translation>Déposer une demande…</translation>
    </message>
    <message>
        <source>Play the engineer: file a request that reaches you as Pending</source>
        <translation>Jouez l&apos;ingénieur&#xa0;: déposez une demande qui vous parvient «&#xa0;En attente&#xa0;»</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>E&amp;xercices</translation>
    </message>
    <message>
        <source>Reset demo</source>
        <translation>Réinitialiser la démo</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data</source>
        <translation>Recommencer avec de nouvelles données simulées</translation>
    </message>
    <message>
        <source>E&amp;xercises %1/%2</source>
        <translation>E&amp;xercices %1/%2</translation>
    </message>
    <message>
        <source>%1 of %2 exercises done</source>
        <translation>Exercices terminés&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (en pause)</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <source>Nothing here is real: the demo never touches a real store</source>
        <translation>Rien ici n&apos;est réel&#xa0;: la démo ne touche jamais une vraie base</translation>
    </message>
    <message>
        <source>The time on the demo clock and how fast it runs</source>
        <translation>L&apos;heure de l&apos;horloge de la démo et sa vitesse</translation>
    </message>
    <message>
        <source>What just happened in the demo</source>
        <translation>Ce qui vient de se passer dans la démo</translation>
    </message>
    <message>
        <source>Sets how fast the demo clock runs</source>
        <translation>Règle la vitesse de l&apos;horloge de la démo</translation>
    </message>
    <message>
        <source>Another person of the demo, to see what their role may do</source>
        <translation>Une autre personne de la démo, pour voir ce que son rôle permet</translation>
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
        <translation>Centre d&apos;administration Lockbox — démo de formation</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>Exercices</translation>
    </message>
    <message>
        <source>%1 from %2 awaits approval: %3</source>
        <translation>%1 de %2 attend une approbation&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 was approved by the system: your tenant does not require approval.</source>
        <translation>%1 a été approuvée par le système&#xa0;: votre locataire n&apos;exige pas d&apos;approbation.</translation>
    </message>
    <message>
        <source>Exercise done: %1</source>
        <translation>Exercice terminé&#xa0;: %1</translation>
    </message>
    <message>
        <source>You filed %1; it awaits approval.</source>
        <translation>Vous avez déposé %1&#xa0;; elle attend une approbation.</translation>
    </message>
    <message>
        <source>You filed %1; it is %2.</source>
        <translation>Vous avez déposé %1&#xa0;; statut&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Reset the demo?</source>
        <translation>Réinitialiser la démo&#xa0;?</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data? Your exercise progress is kept.</source>
        <translation>Recommencer avec de nouvelles données simulées&#xa0;? Votre progression dans les exercices est conservée.</translation>
    </message>
</context>
<context>
    <name>lockbox::ExerciseTracker</name>
    <message>
        <source>Approve a request</source>
        <translation>Approuver une demande</translation>
    </message>
    <message>
        <source>Select a pending request, read its details, then Approve.</source>
        <translation>Sélectionnez une demande en attente, lisez ses détails, puis cliquez sur Approuver.</translation>
    </message>
    <message>
        <source>Deny a request with a reason</source>
        <translation>Refuser une demande en donnant un motif</translation>
    </message>
    <message>
        <source>Deny a pending request and say why.</source>
        <translation>Refusez une demande en attente et dites pourquoi.</translation>
    </message>
    <message>
        <source>Let a request expire</source>
        <translation>Laisser expirer une demande</translation>
    </message>
    <message>
        <source>Speed the clock up until a pending request lapses, then open it: it can no longer be approved.</source>
        <translation>Accélérez l&apos;horloge jusqu&apos;à ce qu&apos;une demande en attente expire, puis ouvrez-la&#xa0;: elle ne peut plus être approuvée.</translation>
    </message>
    <message>
        <source>Revoke an open access window</source>
        <translation>Révoquer une fenêtre d&apos;accès ouverte</translation>
    </message>
    <message>
        <source>Filter Approved, select one with time left, Revoke access.</source>
        <translation>Filtrez sur Approuvées, sélectionnez-en une avec du temps restant, puis Révoquez l&apos;accès.</translation>
    </message>
    <message>
        <source>Turn approval off, then on again</source>
        <translation>Désactiver l&apos;approbation, puis la réactiver</translation>
    </message>
    <message>
        <source>Settings: turn off &quot;Require approval&quot;, watch the next request be approved by the system, then turn it on again.</source>
        <translation>Sécurité &amp; confidentialité&#xa0;: désactivez «&#xa0;Exiger une approbation&#xa0;», observez le système approuver la demande suivante, puis réactivez-la.</translation>
    </message>
    <message>
        <source>Find a decision in the audit log and verify it</source>
        <translation>Trouver une décision dans le journal d&apos;audit et la vérifier</translation>
    </message>
    <message>
        <source>Audit log: filter for a decision (e.g. operation RequestApproved), then Verify integrity.</source>
        <translation>Journal d&apos;audit&#xa0;: filtrez sur une décision (p. ex. l&apos;opération RequestApproved), puis Vérifiez l&apos;intégrité.</translation>
    </message>
</context>
<context>
    <name>lockbox::ExercisesPanel</name>
    <message>
        <source>Exercises</source>
        <translation>Exercices</translation>
    </message>
    <message>
        <source>Practise every path. Each exercise is checked against what you really did.</source>
        <translation>Entraînez-vous à chaque parcours. Chaque exercice est vérifié d&apos;après ce que vous avez réellement fait.</translation>
    </message>
    <message>
        <source>Clear progress</source>
        <translation>Effacer la progression</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>à faire</translation>
    </message>
    <message>
        <source>Each exercise, done or to do, with a hint</source>
        <translation>Chaque exercice, terminé ou à faire, avec une indication</translation>
    </message>
    <message>
        <source>Marks every exercise as to do again</source>
        <translation>Marque de nouveau tous les exercices comme à faire</translation>
    </message>
</context>
<context>
    <name>lockbox::FileRequestDialog</name>
    <message>
        <source>File a data access request (as an engineer)</source>
        <translation>Déposer une demande d&apos;accès aux données (en tant qu&apos;ingénieur)</translation>
    </message>
    <message>
        <source>Troubleshoot a mailbox that stopped receiving mail</source>
        <translation>Dépanner une boîte aux lettres qui ne reçoit plus de courrier</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Workload:</source>
        <translation>Ser&amp;vice&#xa0;:</translation>
    </message>
    <message>
        <source>Service &amp;request:</source>
        <translation>Demande de &amp;service&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Motif&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>É&amp;tendue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Durée&#xa0;:</translation>
    </message>
    <message>
        <source>File request</source>
        <translation>Déposer la demande</translation>
    </message>
    <message>
        <source>The service whose content the engineer needs</source>
        <translation>Le service dont l&apos;ingénieur a besoin du contenu</translation>
    </message>
    <message>
        <source>The support case the access is for</source>
        <translation>Le dossier de support auquel l&apos;accès est destiné</translation>
    </message>
    <message>
        <source>Why the engineer needs the access; the approvers read it</source>
        <translation>Pourquoi l&apos;ingénieur a besoin de l&apos;accès&#xa0;; les approbateurs le lisent</translation>
    </message>
    <message>
        <source>Exactly which content, such as one mailbox</source>
        <translation>Le contenu exact, par exemple une boîte aux lettres</translation>
    </message>
    <message>
        <source>How long the access lasts once approved, in minutes</source>
        <translation>Durée de l&apos;accès une fois approuvé, en minutes</translation>
    </message>
    <message>
        <source>Files the request as the engineer; their manager approves it at once, so it reaches you</source>
        <translation>Dépose la demande en tant qu&apos;ingénieur&#xa0;; son responsable l&apos;approuve aussitôt, pour qu&apos;elle vous parvienne</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is filed</source>
        <translation>Ferme la boîte de dialogue&#xa0;; rien n&apos;est déposé</translation>
    </message>
</context>
<context>
    <name>lockbox::HomePage</name>
    <message>
        <source>Show them in the request list</source>
        <translation>Les afficher dans la liste des demandes</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Bienvenue, %1</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>Demandes en attente</translation>
    </message>
    <message>
        <source>Expiring within the hour</source>
        <translation>Expirent dans l&apos;heure</translation>
    </message>
    <message>
        <source>Decided today</source>
        <translation>Décidées aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Access windows open now</source>
        <translation>Fenêtres d&apos;accès ouvertes</translation>
    </message>
</context>
<context>
    <name>lockbox::JsonReader</name>
    <message>
        <source>%1 should be a JSON object, not %2.</source>
        <translation>%1 devrait être un objet JSON, pas %2.</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>text</source>
        <translation>du texte</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>une liste</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>un objet</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds %2</source>
        <translation>«&#xa0;%1&#xa0;» contient %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>«&#xa0;%1&#xa0;» est absent</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be %2, not %3</source>
        <translation>«&#xa0;%1&#xa0;» devrait être %2, pas %3</translation>
    </message>
    <message>
        <source>text or null</source>
        <translation>du texte ou null</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a whole number, not %2</source>
        <translation>«&#xa0;%1&#xa0;» devrait être un nombre entier, pas %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range: %2</source>
        <translation>«&#xa0;%1&#xa0;» est hors limites&#xa0;: %2</translation>
    </message>
    <message>
        <source>a time or null</source>
        <translation>une heure ou null</translation>
    </message>
    <message>
        <source>&quot;%1&quot;, not an ISO 8601 time with an offset</source>
        <translation>«&#xa0;%1&#xa0;», qui n&apos;est pas une heure ISO 8601 avec décalage</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a time, not null</source>
        <translation>«&#xa0;%1&#xa0;» devrait être une heure, pas null</translation>
    </message>
    <message>
        <source>item %1 of &quot;%2&quot;: %3</source>
        <translation>élément %1 de «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>lockbox::KeyFile</name>
    <message>
        <source>%1 exists already; choose a new file name for the key.</source>
        <translation>%1 existe déjà&#xa0;; choisissez un nouveau nom de fichier pour la clé.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>Impossible de créer le fichier de clé %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot make the key file %1 private to you: %2.</source>
        <translation>Impossible de réserver le fichier de clé %1 à vous seul&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2.</source>
        <translation>Impossible d&apos;écrire le fichier de clé %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>There is no key file %1. Create one with &apos;lockboxctl key create %1&apos;.</source>
        <translation>Le fichier de clé %1 n&apos;existe pas. Créez-le avec «&#xa0;lockboxctl key create %1&#xa0;».</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by others than you: run &apos;chmod 600 %1&apos;, and if anyone may have copied it, create a new key.</source>
        <translation>Le fichier de clé %1 peut être lu ou modifié par d&apos;autres que vous&#xa0;: lancez «&#xa0;chmod 600 %1&#xa0;» et, si quelqu&apos;un a pu le copier, créez une nouvelle clé.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>Impossible de lire le fichier de clé %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox signing key file (it should start with &quot;%2&quot;).</source>
        <translation>%1 n&apos;est pas un fichier de clé de signature Lockbox (il devrait commencer par «&#xa0;%2&#xa0;»).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>Impossible de créer le dossier %1 pour le fichier de clé.</translation>
    </message>
</context>
<context>
    <name>lockbox::LanguageChooser</name>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The language of the Admin Center. A change takes effect the next time the Admin Center starts.</source>
        <translation>La langue du Centre d&apos;administration. Une modification prend effet au prochain démarrage du Centre d&apos;administration.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The Admin Center will use your system&apos;s language the next time it starts.</source>
        <translation>Le Centre d&apos;administration utilisera la langue de votre système à son prochain démarrage.</translation>
    </message>
    <message>
        <source>The Admin Center will be in %1 the next time it starts.</source>
        <translation>Le Centre d&apos;administration sera en %1 à son prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>lockbox::LargeStoreGenerator</name>
    <message>
        <source>The large benchmark store is written straight into an SQLite file, so it cannot be generated in the PostgreSQL database %1. Give the path of a new file instead.</source>
        <translation>La grande base de test de performance est écrite directement dans un fichier SQLite&#xa0;: elle ne peut donc pas être générée dans la base PostgreSQL %1. Indiquez plutôt le chemin d&apos;un nouveau fichier.</translation>
    </message>
    <message>
        <source>%1 already exists; choose a new file.</source>
        <translation>%1 existe déjà&#xa0;; choisissez un nouveau fichier.</translation>
    </message>
    <message>
        <source>Ask for at least one request.</source>
        <translation>Demandez au moins une demande.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The seeded store has no audit log.</source>
        <translation>La base initialisée n&apos;a pas de journal d&apos;audit.</translation>
    </message>
    <message>
        <source>Writing request %1 failed: %2</source>
        <translation>Échec de l&apos;écriture de la demande %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Writing audit record %1 failed: %2</source>
        <translation>Échec de l&apos;écriture de l&apos;enregistrement d&apos;audit %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Building an index failed: %1</source>
        <translation>Échec de la création d&apos;un index&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>lockbox::Lifecycle</name>
    <message>
        <source>%1 holds no Lockbox role in this tenant, so cannot %2.</source>
        <translation>%1 n&apos;a aucun rôle Lockbox dans ce locataire et ne peut donc pas %2.</translation>
    </message>
    <message>
        <source>A %1 cannot %2. Ask a Global administrator for the role that allows it.</source>
        <translation>En tant que %1, vous ne pouvez pas %2. Demandez à un Administrateur général le rôle qui le permet.</translation>
    </message>
    <message>
        <source>A %1 cannot %2: that is for the customer&apos;s administrators.</source>
        <translation>En tant que %1, vous ne pouvez pas %2&#xa0;: cela revient aux administrateurs du client.</translation>
    </message>
    <message>
        <source>No such request in your organisation.</source>
        <translation>Cette demande n&apos;existe pas dans votre organisation.</translation>
    </message>
    <message>
        <source>Name the customer tenant the request is for.</source>
        <translation>Indiquez le locataire client auquel s&apos;adresse la demande.</translation>
    </message>
    <message>
        <source>The requested duration must be between %1 minute and %2 hours (%3 minutes); %4 minutes was asked for.</source>
        <translation>La durée demandée doit être comprise entre %1 minute et %2 heures (%3 minutes)&#xa0;; %4 minutes ont été demandées.</translation>
    </message>
    <message>
        <source>Give the service request (support ticket) number.</source>
        <translation>Indiquez le numéro de la demande de service (ticket de support).</translation>
    </message>
    <message>
        <source>Give a reason: the customer decides on it.</source>
        <translation>Indiquez un motif&#xa0;: le client statue dessus.</translation>
    </message>
    <message>
        <source>Say which content is touched (a mailbox, a site, ...).</source>
        <translation>Indiquez le contenu concerné (une boîte aux lettres, un site, ...).</translation>
    </message>
    <message>
        <source>Request %1 expired at %2; it can no longer be %3.</source>
        <translation>La demande %1 a expiré le %2&#xa0;; elle ne peut plus être %3.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approuvée</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>tranchée</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn by %2 at %3.</source>
        <translation>La demande %1 a été retirée par %2 le %3.</translation>
    </message>
    <message>
        <source>Request %1 was already %2 by %3 at %4.</source>
        <translation>La demande %1 a déjà été %2 par %3 le %4.</translation>
    </message>
    <message>
        <source>You cannot %1 now: request %2 is %3.</source>
        <translation>Vous ne pouvez pas %1 maintenant&#xa0;: la demande %2 est %3.</translation>
    </message>
    <message>
        <source>Request %1 was already decided by manager %2 at %3.</source>
        <translation>La demande %1 a déjà été tranchée par le responsable %2 le %3.</translation>
    </message>
    <message>
        <source>Give the engineer a reason for rejecting the request.</source>
        <translation>Donnez à l&apos;ingénieur un motif de rejet de la demande.</translation>
    </message>
    <message>
        <source>Approved automatically: the tenant does not require approval.</source>
        <translation>Approuvée automatiquement&#xa0;: le locataire n&apos;exige pas d&apos;approbation.</translation>
    </message>
    <message>
        <source>Give a reason for denying the request.</source>
        <translation>Indiquez un motif de refus de la demande.</translation>
    </message>
    <message>
        <source>You already approved request %1; it needs %2 different approvers.</source>
        <translation>Vous avez déjà approuvé la demande %1&#xa0;; elle nécessite %2 approbateurs différents.</translation>
    </message>
    <message>
        <source>Request %1 has no open access window to revoke (it is %2).</source>
        <translation>La demande %1 n&apos;a pas de fenêtre d&apos;accès ouverte à révoquer (statut&#xa0;: %2).</translation>
    </message>
    <message>
        <source>ended at %1</source>
        <translation>terminée le %1</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can withdraw it.</source>
        <translation>Seul %1, qui a déposé la demande %2, peut la retirer.</translation>
    </message>
    <message>
        <source>Nothing is due on request %1 at %2.</source>
        <translation>Rien n&apos;est dû sur la demande %1 le %2.</translation>
    </message>
    <message>
        <source>%1 is not an action on a request.</source>
        <translation>%1 n&apos;est pas une action sur une demande.</translation>
    </message>
    <message>
        <source>The access window of request %1 ended at %2.</source>
        <translation>La fenêtre d&apos;accès de la demande %1 s&apos;est terminée le %2.</translation>
    </message>
    <message>
        <source>Request %1 is %2; it grants no access.</source>
        <translation>La demande %1 est %2&#xa0;; elle n&apos;accorde aucun accès.</translation>
    </message>
    <message>
        <source>Approvals required must be between %1 and %2; %3 was asked for.</source>
        <translation>Le nombre d&apos;approbations requises doit être compris entre %1 et %2&#xa0;; %3 a été demandé.</translation>
    </message>
    <message>
        <source>The settings were changed by %1 at %2 after you loaded them; look at them again.</source>
        <translation>Les paramètres ont été modifiés par %1 le %2 après leur chargement&#xa0;; consultez-les de nouveau.</translation>
    </message>
    <message>
        <source>Give the person&apos;s sign-in name, like megan@contoso.com; &quot;%1&quot; is not one.</source>
        <translation>Indiquez le nom de connexion de la personne, par exemple megan@contoso.com&#xa0;; «&#xa0;%1&#xa0;» n&apos;en est pas un.</translation>
    </message>
    <message>
        <source>A customer tenant can assign only Global administrator, Lockbox access approver and Reader.</source>
        <translation>Un locataire client ne peut attribuer que les rôles Administrateur général, Approbateur d&apos;accès Lockbox et Lecteur.</translation>
    </message>
    <message>
        <source>%1 holds no role to remove.</source>
        <translation>%1 n&apos;a aucun rôle à retirer.</translation>
    </message>
    <message>
        <source>%1 is already a %2.</source>
        <translation>%1 a déjà le rôle %2.</translation>
    </message>
    <message>
        <source>%1 is the last Global administrator; assign another one first.</source>
        <translation>%1 est le dernier Administrateur général&#xa0;; attribuez-en d&apos;abord un autre.</translation>
    </message>
    <message>
        <source>You can ask about request %1 only while it awaits approval; it is %2.</source>
        <translation>Vous ne pouvez poser de question sur la demande %1 que tant qu&apos;elle attend une approbation&#xa0;; elle est %2.</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expirée</translation>
    </message>
    <message>
        <source>Write the question for the engineer.</source>
        <translation>Rédigez la question pour l&apos;ingénieur.</translation>
    </message>
    <message>
        <source>Write the answer to the approver&apos;s question.</source>
        <translation>Rédigez la réponse à la question de l&apos;approbateur.</translation>
    </message>
    <message>
        <source>A message holds at most %1 characters; this one has %2.</source>
        <translation>Un message contient au plus %1 caractères&#xa0;; celui-ci en a %2.</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can answer questions on it.</source>
        <translation>Seul %1, qui a déposé la demande %2, peut répondre aux questions la concernant.</translation>
    </message>
    <message>
        <source>There is no open question on request %1 to answer.</source>
        <translation>Il n&apos;y a aucune question ouverte sur la demande %1 à laquelle répondre.</translation>
    </message>
    <message>
        <source>Still undecided %1 minutes before expiry: handed to the backup approvers.</source>
        <translation>Toujours sans décision %1 minutes avant l&apos;expiration&#xa0;: transmise aux approbateurs de secours.</translation>
    </message>
    <message>
        <source>The escalation lead time must be between %1 and %2 minutes before expiry; %3 was asked for.</source>
        <translation>Le délai d&apos;escalade doit être compris entre %1 et %2 minutes avant l&apos;expiration&#xa0;; %3 a été demandé.</translation>
    </message>
    <message>
        <source>Name at most %1 backup approvers; %2 were given.</source>
        <translation>Indiquez au plus %1 approbateurs de secours&#xa0;; %2 ont été donnés.</translation>
    </message>
    <message>
        <source>%1 cannot be a backup approver: only a Global administrator or a Lockbox access approver of this tenant can approve. Give them one of those roles first.</source>
        <translation>%1 ne peut pas être approbateur de secours&#xa0;: seul un Administrateur général ou un Approbateur d&apos;accès Lockbox de ce locataire peut approuver. Attribuez-lui d&apos;abord l&apos;un de ces rôles.</translation>
    </message>
    <message>
        <source>The decision was signed at %1, but the store&apos;s time is %2: check your computer&apos;s clock and decide again.</source>
        <translation>La décision a été signée à %1, mais l&apos;heure du stockage est %2&#xa0;: vérifiez l&apos;horloge de votre ordinateur et décidez à nouveau.</translation>
    </message>
    <message>
        <source>The signature does not match this decision on request %1.</source>
        <translation>La signature ne correspond pas à cette décision sur la demande %1.</translation>
    </message>
    <message>
        <source>The signing key %1 is not registered to %2: register your own key first (lockboxctl key create).</source>
        <translation>La clé de signature %1 n&apos;est pas enregistrée au nom de %2&#xa0;: enregistrez d&apos;abord votre propre clé (lockboxctl key create).</translation>
    </message>
    <message>
        <source>Only approvals, denials and revocations are signed.</source>
        <translation>Seules les approbations, les refus et les révocations sont signés.</translation>
    </message>
    <message>
        <source>The decision of %1 at %2 carries no signature.</source>
        <translation>La décision de %1 à %2 ne porte aucune signature.</translation>
    </message>
    <message>
        <source>It was signed with a key that is not registered to %1.</source>
        <translation>Elle a été signée avec une clé qui n&apos;est pas enregistrée au nom de %1.</translation>
    </message>
    <message>
        <source>It was signed at %1, more than 5 minutes from when it was recorded (%2).</source>
        <translation>Elle a été signée à %1, à plus de 5 minutes de son enregistrement (%2).</translation>
    </message>
    <message>
        <source>Its signature does not match the decision as stored: the request or the decision was changed after it was signed.</source>
        <translation>Sa signature ne correspond pas à la décision enregistrée&#xa0;: la demande ou la décision a été modifiée après la signature.</translation>
    </message>
    <message>
        <source>The request was changed in the database outside Lockbox: check the store with &apos;lockboxctl audit verify&apos;, and have the approvers decide on a new request.</source>
        <translation>La demande a été modifiée dans la base de données en dehors de Lockbox&#xa0;: vérifiez le magasin avec «&#xa0;lockboxctl audit verify&#xa0;» et faites décider les approbateurs sur une nouvelle demande.</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 denied it at %3: it grants nothing. %4</source>
        <translation>La demande %1 est marquée approuvée, mais %2 l&apos;a refusée à %3&#xa0;: elle n&apos;accorde aucun accès. %4</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 revoked it at %3: it grants nothing. %4</source>
        <translation>La demande %1 est marquée approuvée, mais %2 l&apos;a révoquée à %3&#xa0;: elle n&apos;accorde aucun accès. %4</translation>
    </message>
    <message>
        <source>The access window of request %1 reaches %2, later than its approvers signed for: it grants nothing. %3</source>
        <translation>La fenêtre d&apos;accès de la demande %1 va jusqu&apos;à %2, au-delà de ce que ses approbateurs ont signé&#xa0;: elle n&apos;accorde aucun accès. %3</translation>
    </message>
    <message>
        <source>The approval of %1: %2</source>
        <translation>L&apos;approbation de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but only %2 of the %3 approvals it needs carry a valid signature of their approver: it grants nothing. %4 %5</source>
        <translation>La demande %1 est marquée approuvée, mais seules %2 des %3 approbations nécessaires portent une signature valide de leur approbateur&#xa0;: elle n&apos;accorde aucun accès. %4 %5</translation>
    </message>
    <message>
        <source>No approval is recorded.</source>
        <translation>Aucune approbation n&apos;est enregistrée.</translation>
    </message>
    <message>
        <source>The store does not trust the signing key %1 (its record was changed, or this Lockbox service did not endorse it): register it again (sign in to the Admin Center again, or make a new key with &apos;lockboxctl key create&apos;).</source>
        <translation>Le magasin ne fait pas confiance à la clé de signature %1 (son enregistrement a été modifié, ou ce service Lockbox ne l&apos;a pas cautionnée)&#xa0;: enregistrez-la de nouveau (reconnectez-vous à l&apos;Admin Center, ou créez une clé avec «&#xa0;lockboxctl key create&#xa0;»).</translation>
    </message>
    <message>
        <source>It was signed with a key whose stored public key does not match its fingerprint: the key was changed in the database.</source>
        <translation>Elle a été signée avec une clé dont la clé publique enregistrée ne correspond pas à son empreinte&#xa0;: la clé a été modifiée dans la base de données.</translation>
    </message>
    <message>
        <source>It was signed with a key this Lockbox service did not endorse: one registered before it endorsed keys, or added to the database outside Lockbox. Its owner registers it again by signing in to the Admin Center.</source>
        <translation>Elle a été signée avec une clé que ce service Lockbox n&apos;a pas cautionnée&#xa0;: enregistrée avant qu&apos;il ne cautionne les clés, ou ajoutée à la base de données en dehors de Lockbox. Son propriétaire l&apos;enregistre de nouveau en se connectant à l&apos;Admin Center.</translation>
    </message>
    <message>
        <source>It was signed with a key whose endorsement does not verify: the key was changed in the database, or lockboxd runs with another endorsement key than the one that endorsed it.</source>
        <translation>Elle a été signée avec une clé dont la caution ne se vérifie pas&#xa0;: la clé a été modifiée dans la base de données, ou lockboxd utilise une autre clé de caution que celle qui l&apos;a cautionnée.</translation>
    </message>
</context>
<context>
    <name>lockbox::MainWindow</name>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>Lockbox Admin Center</source>
        <translation>Centre d&apos;administration Lockbox</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Customer Lockbox requests</source>
        <translation>Demandes Customer Lockbox</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <source>Settings (Security &amp; privacy)</source>
        <translation>Sécurité &amp; confidentialité</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Ends your session at the Lockbox service and forgets it on this computer</source>
        <translation>Met fin à votre session sur le service Lockbox et l&apos;oublie sur cet ordinateur</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Open &amp;request</source>
        <translation>Ouvrir la &amp;demande</translation>
    </message>
    <message>
        <source>Connected to %1 again: the pages are up to date.</source>
        <translation>De nouveau connecté à %1&#xa0;: les pages sont à jour.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 cannot be reached. What you see may be out of date, and decisions are refused until it is back. Reconnecting…</source>
        <translation>Le service Lockbox à l&apos;adresse %1 est injoignable. Ce que vous voyez n&apos;est peut-être plus à jour, et les décisions sont refusées jusqu&apos;à son retour. Reconnexion…</translation>
    </message>
    <message>
        <source>Lockbox Admin Center (out of date)</source>
        <translation>Centre d&apos;administration Lockbox (pas à jour)</translation>
    </message>
    <message>
        <source>Not signed in · %1</source>
        <translation>Non connecté · %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Local store: %1 (open)</source>
        <translation>Base locale&#xa0;: %1 (ouverte)</translation>
    </message>
    <message>
        <source>The organisation, person and role you are signed in as</source>
        <translation>L&apos;organisation, la personne et le rôle sous lesquels vous êtes connecté</translation>
    </message>
    <message>
        <source>The pages of the Admin Center. Ctrl+1 to Ctrl+5 open them from anywhere in the window.</source>
        <translation>Les pages du Centre d&apos;administration. Ctrl+1 à Ctrl+5 les ouvrent depuis n&apos;importe où dans la fenêtre.</translation>
    </message>
</context>
<context>
    <name>lockbox::NotificationBanner</name>
    <message>
        <source>Close message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <source>Hides this message</source>
        <translation>Masque ce message</translation>
    </message>
</context>
<context>
    <name>lockbox::PasswordHasher</name>
    <message>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>Le mot de passe est trop court&#xa0;: utilisez au moins %1 caractères.</translation>
    </message>
    <message>
        <source>The password is too long: use at most %1 characters.</source>
        <translation>Le mot de passe est trop long&#xa0;: utilisez au plus %1 caractères.</translation>
    </message>
    <message>
        <source>The password must not be only spaces.</source>
        <translation>Le mot de passe ne doit pas être composé uniquement d&apos;espaces.</translation>
    </message>
    <message>
        <source>Hashing the password ran out of memory (Argon2id needs %1 MiB).</source>
        <translation>Mémoire insuffisante pour hacher le mot de passe (Argon2id nécessite %1 Mio).</translation>
    </message>
</context>
<context>
    <name>lockbox::PendingWatch</name>
    <message>
        <source>Request %1 awaits your approval</source>
        <translation>La demande %1 attend votre approbation</translation>
    </message>
    <message>
        <source>%1 asks for %2 access for %3. Reason: %4</source>
        <translation>%1 demande un accès %2 pendant %3. Motif&#xa0;: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n requests await your approval</source>
        <translation>
            <numerusform>%n demande attend votre approbation</numerusform>
            <numerusform>%n demandes attendent votre approbation</numerusform>
        </translation>
    </message>
    <message>
        <source>Request %1 expires in %2</source>
        <translation>La demande %1 expire dans %2</translation>
    </message>
    <message>
        <source>Approve or deny it before %1, or it expires undecided.</source>
        <translation>Approuvez-la ou refusez-la avant le %1, sinon elle expirera sans décision.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests expire within the hour</source>
        <translation>
            <numerusform>%n demande expire dans l&apos;heure</numerusform>
            <numerusform>%n demandes expirent dans l&apos;heure</numerusform>
        </translation>
    </message>
    <message>
        <source>Undecided: %1</source>
        <translation>Sans décision&#xa0;: %1</translation>
    </message>
    <message>
        <source>Request %1 was escalated to you</source>
        <translation>La demande %1 vous a été escaladée</translation>
    </message>
    <message>
        <source>Nobody has decided on it yet, and it expires at %1. You are one of the backup approvers.</source>
        <translation>Personne n&apos;a encore statué, et elle expire le %1. Vous faites partie des approbateurs de secours.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests were escalated to you</source>
        <translation>
            <numerusform>%n demande vous a été escaladée</numerusform>
            <numerusform>%n demandes vous ont été escaladées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lockbox::QueryCodec</name>
    <message>
        <source>Unknown parameter &quot;%1&quot;: the parameters here are %2.</source>
        <translation>Paramètre inconnu «&#xa0;%1&#xa0;»&#xa0;: les paramètres possibles ici sont %2.</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be a whole number from 1 to %1.</source>
        <translation>«&#xa0;limit&#xa0;» doit être un nombre entier de 1 à %1.</translation>
    </message>
    <message>
        <source>&quot;order&quot; must be asc or desc.</source>
        <translation>«&#xa0;order&#xa0;» doit valoir asc ou desc.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes an ISO 8601 time with an offset, such as 2026-11-24T08:00:00Z; &quot;%2&quot; is not one.</source>
        <translation>«&#xa0;%1&#xa0;» attend une heure ISO 8601 avec décalage, par exemple 2026-11-24T08:00:00Z&#xa0;; «&#xa0;%2&#xa0;» n&apos;en est pas une.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use one or more of %2, separated by commas.</source>
        <translation>Statut inconnu «&#xa0;%1&#xa0;»&#xa0;: utilisez une ou plusieurs des valeurs %2, séparées par des virgules.</translation>
    </message>
    <message>
        <source>&quot;sort&quot; must be one of %1.</source>
        <translation>«&#xa0;sort&#xa0;» doit valoir l&apos;une des valeurs %1.</translation>
    </message>
    <message>
        <source>&quot;cursor&quot; must be the nextCursor of a previous page (a whole number).</source>
        <translation>«&#xa0;cursor&#xa0;» doit être le nextCursor d&apos;une page précédente (un nombre entier).</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteConnection</name>
    <message>
        <source>The connection to the Lockbox service at %1 is closed.</source>
        <translation>La connexion au service Lockbox à l&apos;adresse %1 est fermée.</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>aucune réponse dans les %1 secondes</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connexion refusée</translation>
    </message>
    <message>
        <source>there is no host named %1</source>
        <translation>il n&apos;existe aucun hôte nommé %1</translation>
    </message>
    <message>
        <source>the connection was closed before an answer came</source>
        <translation>la connexion a été fermée avant l&apos;arrivée d&apos;une réponse</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>la connexion a expiré</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>la requête a été annulée</translation>
    </message>
    <message>
        <source>the TLS handshake failed (%1)</source>
        <translation>la négociation TLS a échoué (%1)</translation>
    </message>
    <message>
        <source>its TLS certificate is not trusted (%1)</source>
        <translation>son certificat TLS n&apos;est pas approuvé (%1)</translation>
    </message>
    <message>
        <source>Cannot reach the Lockbox service at %1: %2.</source>
        <translation>Impossible de joindre le service Lockbox à l&apos;adresse %1&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteStore</name>
    <message>
        <source>The Lockbox service at %1 sent an answer this Lockbox cannot read (is it another version?). %2</source>
        <translation>Le service Lockbox à l&apos;adresse %1 a envoyé une réponse que ce Lockbox ne sait pas lire (autre version&#xa0;?). %2</translation>
    </message>
    <message>
        <source>A page of requests</source>
        <translation>Une page de demandes</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>pas un objet JSON</translation>
    </message>
    <message>
        <source>An audit record: %1.</source>
        <translation>Un enregistrement d&apos;audit&#xa0;: %1.</translation>
    </message>
    <message>
        <source>A page of the audit log</source>
        <translation>Une page du journal d&apos;audit</translation>
    </message>
    <message>
        <source>The role assignments</source>
        <translation>Les attributions de rôles</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 answered %2 %3.</source>
        <translation>Le service Lockbox à l&apos;adresse %1 a répondu %2 %3.</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at %1 first.</source>
        <translation>Connectez-vous d&apos;abord au service Lockbox à l&apos;adresse %1.</translation>
    </message>
    <message>
        <source>This connection to %1 is signed in as %2 in %3: it cannot act as %4 in %5.</source>
        <translation>Cette connexion à %1 est authentifiée en tant que %2 dans %3&#xa0;: elle ne peut pas agir en tant que %4 dans %5.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 is up, but not its database: %2</source>
        <translation>Le service Lockbox à l&apos;adresse %1 fonctionne, mais pas sa base de données&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 does not answer as a Lockbox service does (%2 %3 for /api/v1/health): check the URL.</source>
        <translation>%1 ne répond pas comme un service Lockbox (%2 %3 pour /api/v1/health)&#xa0;: vérifiez l&apos;URL.</translation>
    </message>
    <message>
        <source>%1 is not something a person does to a request through the service.</source>
        <translation>%1 n&apos;est pas une action qu&apos;une personne effectue sur une demande via le service.</translation>
    </message>
    <message>
        <source>Tenants are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE tenant add %1 ...` with the database lockboxd uses.</source>
        <translation>Les locataires se créent dans la base de données du service, pas via le service&#xa0;: exécutez `lockboxctl --store DATABASE tenant add %1 ...` avec la base utilisée par lockboxd.</translation>
    </message>
    <message>
        <source>Operator staff are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE staff add %1 ...` with the database lockboxd uses.</source>
        <translation>Le personnel de l&apos;opérateur se crée dans la base de données du service, pas via le service&#xa0;: exécutez `lockboxctl --store DATABASE staff add %1 ...` avec la base utilisée par lockboxd.</translation>
    </message>
    <message>
        <source>The signing keys</source>
        <translation>Les clés de signature</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestDetailsPane</name>
    <message>
        <source>Select a request to see its details.</source>
        <translation>Sélectionnez une demande pour en voir les détails.</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Approuver…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>&amp;Refuser…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>Ré&amp;voquer l&apos;accès…</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>Détails de la demande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>Demande de service</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Étendue</translation>
    </message>
    <message>
        <source>Requested duration</source>
        <translation>Durée demandée</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandée le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Approbations</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>Approbation du responsable</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Access window</source>
        <translation>Fenêtre d&apos;accès</translation>
    </message>
    <message>
        <source>Approve this request (Alt+A)</source>
        <translation>Approuver cette demande (Alt+A)</translation>
    </message>
    <message>
        <source>Deny this request (Alt+D)</source>
        <translation>Refuser cette demande (Alt+R)</translation>
    </message>
    <message>
        <source>End the open access window now (Alt+V)</source>
        <translation>Fermer maintenant la fenêtre d&apos;accès ouverte (Alt+V)</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>Historique de la demande</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Request not available</source>
        <translation>Demande indisponible</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>Demande %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 le %2</translation>
    </message>
    <message>
        <source>%1 of %2 approvals</source>
        <translation>%1 approbation(s) sur %2</translation>
    </message>
    <message>
        <source>%1 of %2 approvals: %3</source>
        <translation>%1 approbation(s) sur %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Waiting for the support manager</source>
        <translation>En attente du responsable support</translation>
    </message>
    <message>
        <source>Not decided yet</source>
        <translation>Pas encore tranchée</translation>
    </message>
    <message>
        <source>%1 by %2 at %3</source>
        <translation>%1 par %2 le %3</translation>
    </message>
    <message>
        <source>%1 by %2 at %3: &quot;%4&quot;</source>
        <translation>%1 par %2 le %3&#xa0;: «&#xa0;%4&#xa0;»</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>%1 (reste %2)</translation>
    </message>
    <message>
        <source>No access granted</source>
        <translation>Aucun accès accordé</translation>
    </message>
    <message>
        <source>Open: %1 to %2 (%3 left)</source>
        <translation>Ouverte&#xa0;: du %1 au %2 (reste %3)</translation>
    </message>
    <message>
        <source>Closed: %1 to %2</source>
        <translation>Fermée&#xa0;: du %1 au %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 · %2&lt;/b&gt; by %3%4&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1 · %2&lt;/b&gt; par %3%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ask the &amp;engineer…</source>
        <translation>&amp;Interroger l&apos;ingénieur…</translation>
    </message>
    <message>
        <source>The request whose details follow</source>
        <translation>La demande dont les détails suivent</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalade</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Ask the engineer a question before deciding (Alt+E)</source>
        <translation>Poser une question à l&apos;ingénieur avant de statuer (Alt+I)</translation>
    </message>
    <message>
        <source>Sends a question to the engineer who filed the request; the expiry does not move</source>
        <translation>Envoie une question à l&apos;ingénieur qui a déposé la demande&#xa0;; l&apos;expiration ne change pas</translation>
    </message>
    <message>
        <source>Why you cannot decide on this request</source>
        <translation>Pourquoi vous ne pouvez pas statuer sur cette demande</translation>
    </message>
    <message>
        <source>Every event of this request in the audit log, oldest first</source>
        <translation>Chaque événement de cette demande dans le journal d&apos;audit, le plus ancien en premier</translation>
    </message>
    <message>
        <source>Every field of the request; the arrow keys scroll it</source>
        <translation>Chaque champ de la demande&#xa0;; les flèches le font défiler</translation>
    </message>
    <message>
        <source>Question from %1 at %2:
%3</source>
        <translation>Question de %1 le %2&#xa0;:
%3</translation>
    </message>
    <message>
        <source>Answer from %1 at %2:
%3</source>
        <translation>Réponse de %1 le %2&#xa0;:
%3</translation>
    </message>
    <message>
        <source>Waiting for %1 to answer.</source>
        <translation>En attente de la réponse de %1.</translation>
    </message>
    <message>
        <source>No questions asked</source>
        <translation>Aucune question posée</translation>
    </message>
    <message>
        <source>Escalated to the backup approvers at %1</source>
        <translation>Escaladée aux approbateurs de secours le %1</translation>
    </message>
    <message>
        <source>Goes to the backup approvers at %1 if still undecided</source>
        <translation>Transmise aux approbateurs de secours le %1 si elle reste sans décision</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>Approuvée par %1</translation>
    </message>
    <message>
        <source>Denied by %1</source>
        <translation>Refusée par %1</translation>
    </message>
    <message>
        <source>Revoked by %1</source>
        <translation>Révoquée par %1</translation>
    </message>
    <message>
        <source>%1: signature verified (key %2)</source>
        <translation>%1&#xa0;: signature vérifiée (clé %2)</translation>
    </message>
    <message>
        <source>%1: not signed</source>
        <translation>%1&#xa0;: non signée</translation>
    </message>
    <message>
        <source>%1: signature does not verify. %2</source>
        <translation>%1&#xa0;: la signature ne se vérifie pas. %2</translation>
    </message>
    <message>
        <source>No approvals, denials or revocations yet</source>
        <translation>Aucune approbation, aucun refus ni aucune révocation pour l&apos;instant</translation>
    </message>
    <message>
        <source>The signatures cannot be checked now: %1</source>
        <translation>Les signatures ne peuvent pas être vérifiées pour le moment&#xa0;: %1</translation>
    </message>
    <message>
        <source>Checking the signatures…</source>
        <translation>Vérification des signatures…</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestJson</name>
    <message>
        <source>A decision</source>
        <translation>Une décision</translation>
    </message>
    <message>
        <source>an unknown decision &quot;%1&quot;</source>
        <translation>une décision inconnue «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>un rôle inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>A request</source>
        <translation>Une demande</translation>
    </message>
    <message>
        <source>an unknown workload &quot;%1&quot;</source>
        <translation>un service inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>an unknown status &quot;%1&quot;</source>
        <translation>un statut inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>A list of requests should be a JSON list, not %1.</source>
        <translation>Une liste de demandes devrait être une liste JSON, pas %1.</translation>
    </message>
    <message>
        <source>A list of requests</source>
        <translation>Une liste de demandes</translation>
    </message>
    <message>
        <source>A signature</source>
        <translation>Une signature</translation>
    </message>
    <message>
        <source>not base64</source>
        <translation>pas du base64</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestStatus</name>
    <message>
        <source>Awaiting manager</source>
        <translation>En attente du responsable</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Rejected by manager</source>
        <translation>Rejetée par le responsable</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestTableModel</name>
    <message>
        <source>access: %1 left</source>
        <translation>accès&#xa0;: reste %1</translation>
    </message>
    <message>
        <source>Access window open until %1</source>
        <translation>Fenêtre d&apos;accès ouverte jusqu&apos;au %1</translation>
    </message>
    <message>
        <source>Not waiting for a decision</source>
        <translation>N&apos;attend pas de décision</translation>
    </message>
    <message>
        <source>Approve or deny this request. With the keyboard: select the row, then Alt+A or Alt+D.</source>
        <translation>Approuvez ou refusez cette demande. Au clavier&#xa0;: sélectionnez la ligne, puis Alt+A ou Alt+R.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Requested (UTC)</source>
        <translation>Demandée (UTC)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>Demandeur</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>Expire dans</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestsPage</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvées</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirées</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquées</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminées</translation>
    </message>
    <message>
        <source>Awaiting manager</source>
        <translation>En attente du responsable</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Tranchées</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre de statut</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Search reference, ticket, reason, requester, scope (Ctrl+F)</source>
        <translation>Rechercher référence, ticket, motif, demandeur, étendue (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search requests</source>
        <translation>Rechercher des demandes</translation>
    </message>
    <message>
        <source>Reload the list from the store (F5)</source>
        <translation>Recharger la liste depuis la base (F5)</translation>
    </message>
    <message>
        <source>Data access requests</source>
        <translation>Demandes d&apos;accès aux données</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Only those that lapse within the hour (before %1).</source>
        <translation>Uniquement celles qui expirent dans l&apos;heure (avant le %1).</translation>
    </message>
    <message>
        <source>Only those decided today (since %1).</source>
        <translation>Uniquement celles tranchées aujourd&apos;hui (depuis le %1).</translation>
    </message>
    <message>
        <source>Access windows open now.</source>
        <translation>Fenêtres d&apos;accès ouvertes actuellement.</translation>
    </message>
    <message>
        <source>This request has just changed: %1</source>
        <translation>Cette demande vient de changer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>This decision</source>
        <translation>Cette décision</translation>
    </message>
    <message>
        <source>Denied %1. The engineer gets no access.</source>
        <translation>%1 refusée. L&apos;ingénieur n&apos;obtient aucun accès.</translation>
    </message>
    <message>
        <source>Revoked access for %1 at %2.</source>
        <translation>Accès de %1 révoqué le %2.</translation>
    </message>
    <message>
        <source>Approved %1: %2 has access until %3.</source>
        <translation>%1 approuvée&#xa0;: %2 a accès jusqu&apos;au %3.</translation>
    </message>
    <message>
        <source>Your approval of %1 is recorded: %2 of %3 approvals.</source>
        <translation>Votre approbation de %1 est enregistrée&#xa0;: %2 approbation(s) sur %3.</translation>
    </message>
    <message>
        <source>Shows only the requests in this status (Alt+S)</source>
        <translation>N&apos;affiche que les demandes de ce statut (Alt+S)</translation>
    </message>
    <message>
        <source>Finds requests by reference, service request, reason, requester or scope (Ctrl+F)</source>
        <translation>Trouve des demandes par référence, demande de service, motif, demandeur ou étendue (Ctrl+F)</translation>
    </message>
    <message>
        <source>What the page is waiting for</source>
        <translation>Ce que la page attend</translation>
    </message>
    <message>
        <source>One request a row. Select one to see its details below; Alt+A approves it, Alt+D denies it, and Shift+F10 or the menu key lists what you may do with it.</source>
        <translation>Une demande par ligne. Sélectionnez-en une pour voir ses détails ci-dessous&#xa0;; Alt+A l&apos;approuve, Alt+R la refuse, et Maj+F10 ou la touche Menu liste ce que vous pouvez en faire.</translation>
    </message>
    <message>
        <source>Which requests the list shows</source>
        <translation>Les demandes que la liste affiche</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;Approuver…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>&amp;Refuser…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>Ré&amp;voquer l&apos;accès…</translation>
    </message>
    <message>
        <source>Your question on %1 went to %2. The request shows &quot;Information requested&quot; until they answer.</source>
        <translation>Votre question sur %1 a été envoyée à %2. La demande affiche «&#xa0;Informations demandées&#xa0;» jusqu&apos;à sa réponse.</translation>
    </message>
</context>
<context>
    <name>lockbox::Role</name>
    <message>
        <source>Global administrator</source>
        <translation>Administrateur général</translation>
    </message>
    <message>
        <source>Lockbox access approver</source>
        <translation>Approbateur d&apos;accès Lockbox</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Support engineer</source>
        <translation>Ingénieur support</translation>
    </message>
    <message>
        <source>Support manager</source>
        <translation>Responsable support</translation>
    </message>
    <message>
        <source>Lockbox system</source>
        <translation>Système Lockbox</translation>
    </message>
    <message>
        <source>No role</source>
        <translation>Aucun rôle</translation>
    </message>
</context>
<context>
    <name>lockbox::RoleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Nom de connexion</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Assigned by</source>
        <translation>Attribué par</translation>
    </message>
    <message>
        <source>Assigned (UTC)</source>
        <translation>Attribué (UTC)</translation>
    </message>
</context>
<context>
    <name>lockbox::RolesPage</name>
    <message>
        <source>&amp;Add role</source>
        <translation>&amp;Ajouter le rôle</translation>
    </message>
    <message>
        <source>&amp;Remove selected role</source>
        <translation>&amp;Retirer le rôle sélectionné</translation>
    </message>
    <message>
        <source>Role assignments</source>
        <translation>Attributions de rôles</translation>
    </message>
    <message>
        <source>pradeep.gupta@contoso.com</source>
        <translation>pradeep.gupta@contoso.com</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Nom de connexion</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom d&apos;affichage</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>&amp;Sign-in name:</source>
        <translation>Nom de &amp;connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Nom d&apos;a&amp;ffichage&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>Rô&amp;le&#xa0;:</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>Lecture seule&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 is now a %2.</source>
        <translation>%1 a désormais le rôle %2.</translation>
    </message>
    <message>
        <source>Changing roles</source>
        <translation>Modification des rôles</translation>
    </message>
    <message>
        <source>Select the person whose role to remove.</source>
        <translation>Sélectionnez la personne dont le rôle doit être retiré.</translation>
    </message>
    <message>
        <source>Remove role?</source>
        <translation>Retirer le rôle&#xa0;?</translation>
    </message>
    <message>
        <source>%1 will no longer be a %2 and loses what the role allows. Remove it?</source>
        <translation>%1 n&apos;aura plus le rôle %2 et perdra ce qu&apos;il permet. Le retirer&#xa0;?</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role.</source>
        <translation>%1 n&apos;a plus de rôle Lockbox.</translation>
    </message>
    <message>
        <source>Who holds which Lockbox role in your organisation, one person a row</source>
        <translation>Qui a quel rôle Lockbox dans votre organisation, une personne par ligne</translation>
    </message>
    <message>
        <source>The sign-in name of the person to give a role; Enter adds it</source>
        <translation>Le nom de connexion de la personne à qui donner un rôle&#xa0;; Entrée l&apos;ajoute</translation>
    </message>
    <message>
        <source>How the person&apos;s name is shown; optional</source>
        <translation>Comment le nom de la personne s&apos;affiche&#xa0;; facultatif</translation>
    </message>
    <message>
        <source>The role to give: what the person may see and decide</source>
        <translation>Le rôle à donner&#xa0;: ce que la personne peut voir et décider</translation>
    </message>
    <message>
        <source>Gives the person the chosen role</source>
        <translation>Donne à la personne le rôle choisi</translation>
    </message>
    <message>
        <source>Takes the role of the person selected in the table away, after asking</source>
        <translation>Retire, après confirmation, le rôle de la personne sélectionnée dans le tableau</translation>
    </message>
    <message>
        <source>Why you cannot change roles</source>
        <translation>Pourquoi vous ne pouvez pas modifier les rôles</translation>
    </message>
</context>
<context>
    <name>lockbox::SchemaMigrations</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>Échec de l&apos;opération «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: it holds other tables (%2).</source>
        <translation>%1 n&apos;est pas une base Lockbox&#xa0;: elle contient d&apos;autres tables (%2).</translation>
    </message>
    <message>
        <source>Reading the schema version</source>
        <translation>Lecture de la version du schéma</translation>
    </message>
    <message>
        <source>Waiting for another process&apos;s schema upgrade</source>
        <translation>Attente de la mise à niveau du schéma par un autre processus</translation>
    </message>
    <message>
        <source>%1 was written by a newer Lockbox (schema version %2; this version reads up to %3). Update Lockbox to open it; nothing was changed.</source>
        <translation>%1 a été écrite par une version plus récente de Lockbox (version de schéma %2&#xa0;; cette version lit jusqu&apos;à %3). Mettez Lockbox à jour pour l&apos;ouvrir&#xa0;; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Starting schema upgrade %1</source>
        <translation>Démarrage de la mise à niveau du schéma %1</translation>
    </message>
    <message>
        <source>Schema upgrade %1 (%2)</source>
        <translation>Mise à niveau du schéma %1 (%2)</translation>
    </message>
    <message>
        <source>Recording schema version %1</source>
        <translation>Enregistrement de la version de schéma %1</translation>
    </message>
</context>
<context>
    <name>lockbox::ScreenshotTour</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>lockbox::SeedGenerator</name>
    <message>
        <source>%1 already exists; the demo never overwrites a file.</source>
        <translation>%1 existe déjà&#xa0;; la démo n&apos;écrase jamais un fichier.</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceConnection</name>
    <message>
        <source>%1 at %2 on %3</source>
        <translation>%1 chez %2 sur %3</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceJson</name>
    <message>
        <source>A session</source>
        <translation>Une session</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>un rôle inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>Le résumé</translation>
    </message>
    <message>
        <source>The verification</source>
        <translation>La vérification</translation>
    </message>
    <message>
        <source>The enrolment</source>
        <translation>L&apos;inscription</translation>
    </message>
</context>
<context>
    <name>lockbox::Session</name>
    <message>
        <source>The Lockbox service cannot be reached just now, so nothing can be decided or changed, and what you see may be out of date. The Admin Center reconnects by itself; try again once it has. Nothing is queued.</source>
        <translation>Le service Lockbox est injoignable pour le moment&#xa0;: rien ne peut être décidé ni modifié, et ce que vous voyez n&apos;est peut-être plus à jour. Le Centre d&apos;administration se reconnecte de lui-même&#xa0;; réessayez ensuite. Rien n&apos;est mis en attente.</translation>
    </message>
    <message>
        <source>A local store needs no one-time code: it has no accounts to sign in to.</source>
        <translation>Une base locale n&apos;a pas besoin de code à usage unique&#xa0;: elle n&apos;a aucun compte auquel se connecter.</translation>
    </message>
</context>
<context>
    <name>lockbox::SettingsPage</name>
    <message>
        <source>Require approval for all data access requests</source>
        <translation>Exiger une approbation pour toutes les demandes d&apos;accès aux données</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>When on, no engineer gets access to your content without a decision by one of your approvers.</source>
        <translation>Lorsque cette option est activée, aucun ingénieur n&apos;accède à votre contenu sans la décision de l&apos;un de vos approbateurs.</translation>
    </message>
    <message>
        <source>When this is on, an engineer&apos;s request reaches your approvers after the operator&apos;s manager approved it, and nothing is granted without your decision. When it is off, Lockbox approves what the manager approved, and the audit log says so.</source>
        <translation>Lorsque cette option est activée, la demande d&apos;un ingénieur parvient à vos approbateurs une fois approuvée par le responsable de l&apos;opérateur, et rien n&apos;est accordé sans votre décision. Lorsqu&apos;elle est désactivée, Lockbox approuve ce que le responsable a approuvé, et le journal d&apos;audit l&apos;indique.</translation>
    </message>
    <message>
        <source>Approvals required</source>
        <translation>Approbations requises</translation>
    </message>
    <message>
        <source>How many different approvers must approve a request before access is granted.</source>
        <translation>Nombre d&apos;approbateurs différents qui doivent approuver une demande avant que l&apos;accès soit accordé.</translation>
    </message>
    <message>
        <source>Security &amp; privacy</source>
        <translation>Sécurité &amp; confidentialité</translation>
    </message>
    <message>
        <source>Customer Lockbox</source>
        <translation>Customer Lockbox</translation>
    </message>
    <message>
        <source>&amp;Approvals required (distinct approvers):</source>
        <translation>&amp;Approbations requises (approbateurs distincts)&#xa0;:</translation>
    </message>
    <message>
        <source>Set when the tenant was created, %1.</source>
        <translation>Défini à la création du locataire, le %1.</translation>
    </message>
    <message>
        <source>Last changed by %1 at %2.</source>
        <translation>Dernière modification par %1 le %2.</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>Lecture seule&#xa0;: %1</translation>
    </message>
    <message>
        <source>Require approval?</source>
        <translation>Exiger une approbation&#xa0;?</translation>
    </message>
    <message>
        <source>Stop requiring approval?</source>
        <translation>Ne plus exiger d&apos;approbation&#xa0;?</translation>
    </message>
    <message>
        <source>From now on, no data access request is granted without a decision by one of your approvers. Turn it on?</source>
        <translation>Désormais, aucune demande d&apos;accès aux données n&apos;est accordée sans la décision de l&apos;un de vos approbateurs. Activer&#xa0;?</translation>
    </message>
    <message>
        <source>From now on, Lockbox approves every request that the operator&apos;s manager approved, without asking your approvers. Requests already waiting still need a decision. Turn it off?</source>
        <translation>Désormais, Lockbox approuve toute demande approuvée par le responsable de l&apos;opérateur, sans consulter vos approbateurs. Les demandes déjà en attente nécessitent toujours une décision. Désactiver&#xa0;?</translation>
    </message>
    <message>
        <source>Change the approvals required?</source>
        <translation>Modifier le nombre d&apos;approbations requises&#xa0;?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on need %1 different approvers before access is granted; one deny still denies. Requests already waiting keep the number they started with. Change it?</source>
        <translation>Les demandes qui parviennent désormais à vos approbateurs nécessitent %1 approbateurs différents avant que l&apos;accès soit accordé&#xa0;; un seul refus suffit toujours à refuser. Les demandes déjà en attente conservent leur nombre initial. Modifier&#xa0;?</translation>
    </message>
    <message>
        <source>Changing the settings</source>
        <translation>Modification des paramètres</translation>
    </message>
    <message>
        <source>Saved. Approval %1; approvals required: %2.</source>
        <translation>Enregistré. L&apos;approbation %1&#xa0;; approbations requises&#xa0;: %2.</translation>
    </message>
    <message>
        <source>is required for all data access requests</source>
        <translation>est requise pour toutes les demandes d&apos;accès aux données</translation>
    </message>
    <message>
        <source>is not required: Lockbox approves what the operator&apos;s manager approved</source>
        <translation>n&apos;est pas requise&#xa0;: Lockbox approuve ce que le responsable de l&apos;opérateur a approuvé</translation>
    </message>
    <message>
        <source>Apply approvals required</source>
        <translation>Appliquer les approbations requises</translation>
    </message>
    <message>
        <source>Saves the number of approvals required, after asking</source>
        <translation>Enregistre, après confirmation, le nombre d&apos;approbations requises</translation>
    </message>
    <message>
        <source>e.g. diego@contoso.com, lidia@contoso.com</source>
        <translation>p. ex. diego@contoso.com, lidia@contoso.com</translation>
    </message>
    <message>
        <source>Backup approvers</source>
        <translation>Approbateurs de secours</translation>
    </message>
    <message>
        <source>Sign-in names, separated by commas, of Global administrators or Lockbox access approvers who take over a request still undecided at the lead time. Empty: no escalation.</source>
        <translation>Noms de connexion, séparés par des virgules, d&apos;Administrateurs généraux ou d&apos;Approbateurs d&apos;accès Lockbox qui reprennent une demande encore sans décision au délai fixé. Vide&#xa0;: aucune escalade.</translation>
    </message>
    <message>
        <source> min before expiry</source>
        <translation> min avant l&apos;expiration</translation>
    </message>
    <message>
        <source>Escalation lead time</source>
        <translation>Délai d&apos;escalade</translation>
    </message>
    <message>
        <source>How many minutes before it expires an undecided request goes to the backup approvers.</source>
        <translation>Combien de minutes avant son expiration une demande sans décision est transmise aux approbateurs de secours.</translation>
    </message>
    <message>
        <source>Apply escalation</source>
        <translation>Appliquer l&apos;escalade</translation>
    </message>
    <message>
        <source>Saves the backup approvers and the lead time, after asking</source>
        <translation>Enregistre, après confirmation, les approbateurs de secours et le délai</translation>
    </message>
    <message>
        <source>Who changed the setting last, and when</source>
        <translation>Qui a modifié le paramètre en dernier, et quand</translation>
    </message>
    <message>
        <source>Why you cannot change the setting</source>
        <translation>Pourquoi vous ne pouvez pas modifier le paramètre</translation>
    </message>
    <message>
        <source>&amp;Backup approvers:</source>
        <translation>Approbateurs de &amp;secours&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Escalate undecided requests:</source>
        <translation>&amp;Escalader les demandes sans décision&#xa0;:</translation>
    </message>
    <message>
        <source>Change the escalation?</source>
        <translation>Modifier l&apos;escalade&#xa0;?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on are not escalated. Change it?</source>
        <translation>Les demandes qui parviennent désormais à vos approbateurs ne sont pas escaladées. Modifier&#xa0;?</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on go to %1 when still undecided %2 before they expire. Requests already waiting keep the escalation they started with. Change it?</source>
        <translation>Les demandes qui parviennent désormais à vos approbateurs sont transmises à %1 si elles restent sans décision %2 avant leur expiration. Les demandes déjà en attente conservent leur escalade initiale. Modifier&#xa0;?</translation>
    </message>
</context>
<context>
    <name>lockbox::SigningKey</name>
    <message>
        <source>A signing key is %1 bytes; this one has %2. The key is damaged: create a new one and register it.</source>
        <translation>Une clé de signature fait %1 octets&#xa0;; celle-ci en a %2. La clé est endommagée&#xa0;: créez-en une nouvelle et enregistrez-la.</translation>
    </message>
</context>
<context>
    <name>lockbox::SodiumLibrary</name>
    <message>
        <source>The cryptography library could not start: the system has no source of random numbers (/dev/urandom).</source>
        <translation>La bibliothèque de cryptographie n&apos;a pas pu démarrer&#xa0;: le système n&apos;a aucune source de nombres aléatoires (/dev/urandom).</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlConnection</name>
    <message>
        <source>Qt&apos;s %1 database driver is not installed, so %2 cannot be opened. Install the Debian package %3.</source>
        <translation>Le pilote de base de données %1 de Qt n&apos;est pas installé&#xa0;: %2 ne peut donc pas être ouvert. Installez le paquet Debian %3.</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: %2</source>
        <translation>%1 n&apos;est pas une base Lockbox&#xa0;: %2</translation>
    </message>
    <message>
        <source>Preparing the store</source>
        <translation>Préparation de la base</translation>
    </message>
    <message>
        <source>%1 failed in %2: %3</source>
        <translation>Échec de l&apos;opération «&#xa0;%1&#xa0;» dans %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>la connexion a été perdue</translation>
    </message>
    <message>
        <source>The database at %1 is unreachable: %2 Check that the PostgreSQL server is running and accepts connections from this machine, then try again.</source>
        <translation>La base de données à l&apos;adresse %1 est injoignable&#xa0;: %2 Vérifiez que le serveur PostgreSQL fonctionne et accepte les connexions de cette machine, puis réessayez.</translation>
    </message>
    <message>
        <source>Preparing a write</source>
        <translation>Préparation d&apos;une écriture</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlDialect</name>
    <message>
        <source>%1 is not a PostgreSQL database URL; write it as postgresql://user:password@host:port/database.</source>
        <translation>%1 n&apos;est pas une URL de base de données PostgreSQL&#xa0;; écrivez-la sous la forme postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; in %2 cannot be passed to PostgreSQL; give options as ?name=value&amp;name=value with no spaces.</source>
        <translation>L&apos;option «&#xa0;%1&#xa0;» de %2 ne peut pas être transmise à PostgreSQL&#xa0;; indiquez les options sous la forme ?name=value&amp;name=value, sans espaces.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlRepository</name>
    <message>
        <source>There is no request %1 in your organisation.</source>
        <translation>Il n&apos;y a pas de demande %1 dans votre organisation.</translation>
    </message>
    <message>
        <source>Looking up %1&apos;s role</source>
        <translation>Recherche du rôle de %1</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2.</source>
        <translation>%1 n&apos;a aucun rôle Lockbox dans le locataire %2.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>%1 n&apos;a aucun rôle Lockbox dans le locataire %2 et ne peut donc pas s&apos;y connecter.</translation>
    </message>
    <message>
        <source>Reading request %1</source>
        <translation>Lecture de la demande %1</translation>
    </message>
    <message>
        <source>Reading the settings of %1</source>
        <translation>Lecture des paramètres de %1</translation>
    </message>
    <message>
        <source>There is no tenant %1 in this store.</source>
        <translation>Il n&apos;y a pas de locataire %1 dans cette base.</translation>
    </message>
    <message>
        <source>Reading the roles of %1</source>
        <translation>Lecture des rôles de %1</translation>
    </message>
    <message>
        <source>Reading the audit log</source>
        <translation>Lecture du journal d&apos;audit</translation>
    </message>
    <message>
        <source>Writing the audit log</source>
        <translation>Écriture du journal d&apos;audit</translation>
    </message>
    <message>
        <source>Saving the role of %1</source>
        <translation>Enregistrement du rôle de %1</translation>
    </message>
    <message>
        <source>Saving request %1</source>
        <translation>Enregistrement de la demande %1</translation>
    </message>
    <message>
        <source>Updating request %1</source>
        <translation>Mise à jour de la demande %1</translation>
    </message>
    <message>
        <source>Recording the decision on %1</source>
        <translation>Enregistrement de la décision sur %1</translation>
    </message>
    <message>
        <source>Looking for requests that expire</source>
        <translation>Recherche des demandes qui expirent</translation>
    </message>
    <message>
        <source>Looking for expired requests</source>
        <translation>Recherche des demandes expirées</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 requests; %2 was asked for.</source>
        <translation>Une page contient de 1 à %1 demandes&#xa0;; %2 ont été demandées.</translation>
    </message>
    <message>
        <source>The search text is too long (at most 200 characters).</source>
        <translation>Le texte de recherche est trop long (200 caractères au maximum).</translation>
    </message>
    <message>
        <source>The page cursor is not valid for this list; start again from the first page.</source>
        <translation>Le curseur de page n&apos;est pas valide pour cette liste&#xa0;; recommencez à la première page.</translation>
    </message>
    <message>
        <source>Listing requests</source>
        <translation>Liste des demandes</translation>
    </message>
    <message>
        <source>Reading approvals</source>
        <translation>Lecture des approbations</translation>
    </message>
    <message>
        <source>Counting requests</source>
        <translation>Comptage des demandes</translation>
    </message>
    <message>
        <source>Numbering the request</source>
        <translation>Numérotation de la demande</translation>
    </message>
    <message>
        <source>No such request in the organisation.</source>
        <translation>Cette demande n&apos;existe pas dans l&apos;organisation.</translation>
    </message>
    <message>
        <source>Request %1 vanished.</source>
        <translation>La demande %1 a disparu.</translation>
    </message>
    <message>
        <source>Request %1 changed while you decided; look at it again.</source>
        <translation>La demande %1 a changé pendant que vous décidiez&#xa0;; consultez-la de nouveau.</translation>
    </message>
    <message>
        <source>Checking access</source>
        <translation>Vérification de l&apos;accès</translation>
    </message>
    <message>
        <source>%1 holds no approved request for %2 at %3.</source>
        <translation>%1 n&apos;a aucune demande approuvée pour %2 le %3.</translation>
    </message>
    <message>
        <source>%1 is on the operator&apos;s staff: lockbox settings belong to customer tenants.</source>
        <translation>%1 fait partie du personnel de l&apos;opérateur&#xa0;: les paramètres Lockbox appartiennent aux locataires clients.</translation>
    </message>
    <message>
        <source>Saving the settings</source>
        <translation>Enregistrement des paramètres</translation>
    </message>
    <message>
        <source>Removing the role of %1</source>
        <translation>Retrait du rôle de %1</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 audit records; %2 was asked for.</source>
        <translation>Une page contient de 1 à %1 enregistrements d&apos;audit&#xa0;; %2 ont été demandés.</translation>
    </message>
    <message>
        <source>A tenant id is one word, like contoso.onmicrosoft.com; &quot;%1&quot; cannot be used.</source>
        <translation>Un identifiant de locataire est un seul mot, par exemple contoso.onmicrosoft.com&#xa0;; «&#xa0;%1&#xa0;» ne peut pas être utilisé.</translation>
    </message>
    <message>
        <source>Approvals required must be between 1 and 3.</source>
        <translation>Le nombre d&apos;approbations requises doit être compris entre 1 et 3.</translation>
    </message>
    <message>
        <source>Give the first Global administrator&apos;s sign-in name, like megan@contoso.com.</source>
        <translation>Indiquez le nom de connexion du premier Administrateur général, par exemple megan@contoso.com.</translation>
    </message>
    <message>
        <source>Tenant %1 already exists.</source>
        <translation>Le locataire %1 existe déjà.</translation>
    </message>
    <message>
        <source>Creating tenant %1</source>
        <translation>Création du locataire %1</translation>
    </message>
    <message>
        <source>Operator staff are Support engineers or Support managers.</source>
        <translation>Le personnel de l&apos;opérateur se compose d&apos;Ingénieurs support ou de Responsables support.</translation>
    </message>
    <message>
        <source>Give the staff member&apos;s sign-in name, like alex@operator.example.</source>
        <translation>Indiquez le nom de connexion du membre du personnel, par exemple alex@operator.example.</translation>
    </message>
    <message>
        <source>Looking for requests that expire within the hour</source>
        <translation>Recherche des demandes qui expirent dans l&apos;heure</translation>
    </message>
    <message>
        <source>A public signing key is %1 bytes (Ed25519); this one has %2.</source>
        <translation>Une clé publique de signature fait %1 octets (Ed25519)&#xa0;; celle-ci en a %2.</translation>
    </message>
    <message>
        <source>Reading the signing keys</source>
        <translation>Lecture des clés de signature</translation>
    </message>
    <message>
        <source>The key %1 is registered to someone else already; create a key of your own.</source>
        <translation>La clé %1 est déjà enregistrée au nom de quelqu&apos;un d&apos;autre&#xa0;; créez votre propre clé.</translation>
    </message>
    <message>
        <source>Registering the signing key</source>
        <translation>Enregistrement de la clé de signature</translation>
    </message>
    <message>
        <source>Decisions are signed by the approver who takes them, and this one is not: decide in the Admin Center, or with &apos;lockboxctl %1 --key FILE&apos; (your key from &apos;lockboxctl key create FILE&apos;). A call to the API carries it in the body&apos;s &quot;signature&quot; field (&apos;lockboxctl key sign&apos; makes it).</source>
        <translation>Les décisions sont signées par l&apos;approbateur qui les prend, et celle-ci ne l&apos;est pas&#xa0;: décidez dans l&apos;Admin Center, ou avec «&#xa0;lockboxctl %1 --key FILE&#xa0;» (votre clé issue de «&#xa0;lockboxctl key create FILE&#xa0;»). Un appel à l&apos;API la porte dans le champ «&#xa0;signature&#xa0;» du corps («&#xa0;lockboxctl key sign&#xa0;» la produit).</translation>
    </message>
    <message>
        <source>Writing the decision</source>
        <translation>Écriture de la décision</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while your decision on %2 was being written, so it may or may not have been recorded: look at the request again before you decide once more.</source>
        <translation>La connexion à %1 a été perdue pendant l’enregistrement de votre décision sur %2 ; elle a donc peut-être été enregistrée, peut-être pas : consultez de nouveau la demande avant de décider une nouvelle fois.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlStore</name>
    <message>
        <source>The store %1 is not open.</source>
        <translation>La base %1 n&apos;est pas ouverte.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlWriteTransaction</name>
    <message>
        <source>Starting a write</source>
        <translation>Début d&apos;une écriture</translation>
    </message>
    <message>
        <source>Saving the change</source>
        <translation>Enregistrement de la modification</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpDialog</name>
    <message>
        <source>Confirm with a one-time code</source>
        <translation>Confirmer avec un code à usage unique</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; needs a one-time code from your authenticator app: decisions and changes need one entered within the last 5 minutes.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; nécessite un code à usage unique de votre application d&apos;authentification&#xa0;: les décisions et modifications exigent un code saisi au cours des 5 dernières minutes.</translation>
    </message>
    <message>
        <source>&amp;One-time code:</source>
        <translation>Code à usage &amp;unique&#xa0;:</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 chiffres</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Code à usage unique</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>Le code qu&apos;affiche actuellement votre application d&apos;authentification</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <source>Why the code was not accepted</source>
        <translation>Pourquoi le code n&apos;a pas été accepté</translation>
    </message>
    <message>
        <source>Sends the code, then does what you asked</source>
        <translation>Envoie le code, puis effectue ce que vous avez demandé</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is done</source>
        <translation>Ferme la boîte de dialogue&#xa0;; rien n&apos;est effectué</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpPrompt</name>
    <message>
        <source>Nothing was done: the one-time code was not entered.</source>
        <translation>Rien n&apos;a été fait&#xa0;: le code à usage unique n&apos;a pas été saisi.</translation>
    </message>
</context>
<context>
    <name>lockbox::TenantJson</name>
    <message>
        <source>The settings</source>
        <translation>Les paramètres</translation>
    </message>
    <message>
        <source>A role assignment</source>
        <translation>Une attribution de rôle</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>un rôle inconnu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>A list of role assignments should be a JSON list, not %1.</source>
        <translation>Une liste d&apos;attributions de rôles devrait être une liste JSON, pas %1.</translation>
    </message>
    <message>
        <source>A list of role assignments</source>
        <translation>Une liste d&apos;attributions de rôles</translation>
    </message>
    <message>
        <source>An access check</source>
        <translation>Une vérification d&apos;accès</translation>
    </message>
    <message>
        <source>A signing key</source>
        <translation>Une clé de signature</translation>
    </message>
</context>
<context>
    <name>lockbox::TimeFormat</name>
    <message>
        <source>%L1 d</source>
        <comment>days, abbreviated</comment>
        <translation>%L1 j</translation>
    </message>
    <message>
        <source>%L1 h</source>
        <comment>hours, abbreviated</comment>
        <translation>%L1 h</translation>
    </message>
    <message>
        <source>%L1 min</source>
        <comment>minutes, abbreviated</comment>
        <translation>%L1 min</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no time left</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <comment>seconds, abbreviated</comment>
        <translation>%L1 s</translation>
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
        <translation>&amp;Ouvrir le Centre d&apos;administration Lockbox</translation>
    </message>
    <message>
        <source>Open the last &amp;notification&apos;s request</source>
        <translation>Ouvrir la demande de la dernière &amp;notification</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: no request awaits approval</source>
        <translation>Centre d&apos;administration Lockbox&#xa0;: aucune demande n&apos;attend d&apos;approbation</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: 1 pending request</source>
        <translation>Centre d&apos;administration Lockbox&#xa0;: 1 demande en attente</translation>
    </message>
    <message numerus="yes">
        <source>Lockbox Admin Center: %n pending requests</source>
        <translation>
            <numerusform>Centre d&apos;administration Lockbox&#xa0;: %n demande en attente</numerusform>
            <numerusform>Centre d&apos;administration Lockbox&#xa0;: %n demandes en attente</numerusform>
        </translation>
    </message>
</context>
</TS>
