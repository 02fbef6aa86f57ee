#include "ConnectDialog.h"

#include "connection/CertificateProbe.h"
#include "connection/CredentialVault.h"
#include "core/Guarded.h"
#include "settings/AppSettings.h"
#include "store/RemoteStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace lockbox {

namespace {

// The recent list's entries: a service (index into recentServices) or a store file.
constexpr int kindRole = Qt::UserRole;
constexpr int indexRole = Qt::UserRole + 1;

QLineEdit* field(QWidget* parent, const QString& name, const QString& description)
{
    auto* edit = new QLineEdit(parent);
    edit->setAccessibleName(name);
    edit->setAccessibleDescription(description);
    return edit;
}

} // namespace

ConnectDialog::ConnectDialog(AppSettings* settings, CredentialVault* vault, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_vault(vault)
    , m_recent(new QComboBox(this))
    , m_serviceChoice(new QRadioButton(tr("Lockbox &service"), this))
    , m_fileChoice(new QRadioButton(tr("Local store &file"), this))
    , m_forms(new QStackedWidget(this))
    , m_url(field(this, tr("Service address"), tr("The address of the Lockbox service, https://host:port")))
    , m_tenant(field(this, tr("Tenant"), tr("Your organisation's tenant, such as contoso.onmicrosoft.com")))
    , m_user(field(this, tr("User name"), tr("Your user name at the service")))
    , m_password(field(this, tr("Password"), tr("Your password at the service")))
    , m_codeLabel(new QLabel(tr("One-time &code:"), this))
    , m_code(field(this, tr("One-time code"), tr("The code your authenticator app shows now")))
    , m_rememberPassword(new QCheckBox(tr("&Remember my password in the keychain"), this))
    , m_file(field(this, tr("Store file"), tr("A Lockbox store file on this computer")))
    , m_status(new QLabel(this))
    , m_certificate(new QLabel(this))
    , m_trust(new QPushButton(tr("&Trust this certificate and connect"), this))
    , m_connect(new QPushButton(tr("&Connect"), this))
{
    setWindowTitle(tr("Connect to Lockbox"));
    setObjectName(QStringLiteral("connectDialog"));
    m_serviceChoice->setObjectName(QStringLiteral("serviceChoice"));
    m_fileChoice->setObjectName(QStringLiteral("fileChoice"));
    m_recent->setObjectName(QStringLiteral("recentConnections"));
    m_url->setObjectName(QStringLiteral("serviceUrl"));
    m_tenant->setObjectName(QStringLiteral("serviceTenant"));
    m_user->setObjectName(QStringLiteral("serviceUser"));
    m_password->setObjectName(QStringLiteral("servicePassword"));
    m_code->setObjectName(QStringLiteral("serviceCode"));
    m_rememberPassword->setObjectName(QStringLiteral("rememberPassword"));
    m_file->setObjectName(QStringLiteral("storeFile"));
    m_status->setObjectName(QStringLiteral("connectStatus"));
    m_certificate->setObjectName(QStringLiteral("serviceCertificate"));
    m_trust->setObjectName(QStringLiteral("trustCertificate"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_url->setPlaceholderText(QStringLiteral("https://lockbox.example:8443"));
    m_tenant->setPlaceholderText(QStringLiteral("contoso.onmicrosoft.com"));
    m_user->setPlaceholderText(QStringLiteral("megan@contoso.com"));
    m_password->setEchoMode(QLineEdit::Password);
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_code->setMaxLength(8);
    m_codeLabel->setBuddy(m_code);
    m_codeLabel->hide();
    m_code->hide();
    m_recent->setAccessibleName(tr("Recent connections"));
    m_recent->setAccessibleDescription(tr("A service or store file you used before, to fill in the form"));
    m_serviceChoice->setAccessibleDescription(tr("Sign in to a Lockbox service shared by several admins"));
    m_fileChoice->setAccessibleDescription(tr("Open a store file on this computer"));
    m_rememberPassword->setAccessibleDescription(
        tr("Keeps your password in the desktop's keychain, never in a file, so that you are not asked again"));
    m_trust->setAccessibleDescription(
        tr("Pins this certificate for this service and connects; only if its fingerprint is the one you were given"));
    m_connect->setAccessibleDescription(tr("Signs in to the service or opens the store file"));
    m_status->setWordWrap(true);
    // Screen readers read these messages themselves; the descriptions say what they are.
    m_status->setAccessibleDescription(tr("How the connection goes"));
    m_certificate->setWordWrap(true);
    m_certificate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificate->setAccessibleDescription(tr("The service's certificate"));
    m_certificate->hide();
    m_trust->hide();
    m_connect->setDefault(true);

    // The service form.
    auto* serviceForm = new QWidget(m_forms);
    auto* serviceLayout = new QFormLayout(serviceForm);
    serviceLayout->addRow(tr("&Address:"), m_url);
    serviceLayout->addRow(tr("&Tenant:"), m_tenant);
    serviceLayout->addRow(tr("&User name:"), m_user);
    serviceLayout->addRow(tr("&Password:"), m_password);
    serviceLayout->addRow(m_codeLabel, m_code);
    serviceLayout->addRow(QString(), m_rememberPassword);
    if (!m_vault->isAvailable())
        m_rememberPassword->setEnabled(false);

    // The local file form.
    auto* fileForm = new QWidget(m_forms);
    auto* fileLayout = new QHBoxLayout(fileForm);
    auto* fileLabel = new QLabel(tr("St&ore:"), fileForm);
    fileLabel->setBuddy(m_file);
    auto* browse = new QPushButton(tr("&Browse…"), fileForm);
    browse->setObjectName(QStringLiteral("browseStoreFile"));
    browse->setAccessibleName(tr("Choose a store file"));
    browse->setAccessibleDescription(tr("Opens a file dialog to pick the store file"));
    fileLayout->addWidget(fileLabel);
    fileLayout->addWidget(m_file, 1);
    fileLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getOpenFileName(
            this, tr("Open a Lockbox store"), m_file->text(), tr("Lockbox stores (*.db);;All files (*)"));
        if (!chosen.isEmpty())
            m_file->setText(chosen);
    });
    m_forms->addWidget(serviceForm);
    m_forms->addWidget(fileForm);

    // Recent connections, newest first.
    m_recent->addItem(tr("New connection"));
    const QList<ServiceConnection> services = m_settings->recentServices();
    for (qsizetype i = 0; i < services.size(); ++i) {
        m_recent->addItem(services.at(i).label());
        m_recent->setItemData(m_recent->count() - 1, QStringLiteral("service"), kindRole);
        m_recent->setItemData(m_recent->count() - 1, int(i), indexRole);
    }
    for (const QString& store : m_settings->recentStores()) {
        m_recent->addItem(tr("Store file %1").arg(QDir::toNativeSeparators(store)));
        m_recent->setItemData(m_recent->count() - 1, QStringLiteral("file"), kindRole);
        m_recent->setItemData(m_recent->count() - 1, store, indexRole);
    }
    connect(m_recent, &QComboBox::activated, this, &ConnectDialog::showRecent);

    m_serviceChoice->setChecked(true);
    connect(m_serviceChoice, &QRadioButton::toggled, this, [this](bool service) {
        m_forms->setCurrentIndex(service ? 0 : 1);
        updateButtons();
    });
    for (QLineEdit* edit : {m_url, m_tenant, m_user, m_password, m_code, m_file})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateButtons);
    connect(m_trust, &QPushButton::clicked, this, [this] {
        m_pinned = m_offeredDigest;
        m_certificate->hide();
        m_trust->hide();
        signIn();
    });
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::connectNow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelConnect"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(tr("Closes the dialog without connecting"));
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* recentLabel = new QLabel(tr("R&ecent:"), this);
    recentLabel->setBuddy(m_recent);
    auto* recentRow = new QHBoxLayout;
    recentRow->addWidget(recentLabel);
    recentRow->addWidget(m_recent, 1);
    auto* choices = new QHBoxLayout;
    choices->addWidget(m_serviceChoice);
    choices->addWidget(m_fileChoice);
    choices->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(recentRow);
    layout->addLayout(choices);
    layout->addWidget(m_forms);
    layout->addWidget(m_status);
    layout->addWidget(m_certificate);
    layout->addWidget(m_trust);
    layout->addWidget(buttons);
    if (!m_vault->isAvailable())
        m_status->setText(tr("No keychain is available on this desktop: Lockbox asks for your password each time "
                             "and writes no secret to disk."));
    if (!services.isEmpty())
        showRecent(1);
    updateButtons();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::showRecent(int index)
{
    m_recent->setCurrentIndex(index);
    const QString kind = m_recent->itemData(index, kindRole).toString();
    if (kind == QLatin1String("file")) {
        m_fileChoice->setChecked(true);
        m_file->setText(m_recent->itemData(index, indexRole).toString());
    } else if (kind == QLatin1String("service")) {
        const QList<ServiceConnection> services = m_settings->recentServices();
        const int at = m_recent->itemData(index, indexRole).toInt();
        if (at >= 0 && at < services.size())
            setService(services.at(at));
    }
}

void ConnectDialog::setService(const ServiceConnection& connection)
{
    m_serviceChoice->setChecked(true);
    m_url->setText(connection.url.toString());
    m_tenant->setText(connection.tenant);
    m_user->setText(connection.user);
    m_pinned = connection.pinnedSha256.isEmpty() ? QByteArray() : QByteArray::fromHex(connection.pinnedSha256);
    m_password->clear();
    m_code->clear();
    if (!m_vault->isAvailable() || !connection.isValid())
        return;
    // A remembered password fills the field; it is sent only when the admin connects.
    const QString key = CredentialVault::accountKey(connection.url, connection.tenant, connection.user);
    m_vault->read(key, CredentialVault::Secret::Password)
        .then(QCoreApplication::instance(), guarded(this, [this, key](const Result<QString>& password) {
                  if (!password
                      || key != CredentialVault::accountKey(QUrl(m_url->text()), m_tenant->text(), m_user->text()))
                      return;
                  m_password->setText(*password);
                  m_rememberPassword->setChecked(true);
              }));
}

ServiceConnection ConnectDialog::connection() const
{
    return ServiceConnection {QUrl(m_url->text().trimmed()),
                              m_tenant->text().trimmed(),
                              m_user->text().trimmed(),
                              m_pinned.isEmpty() ? QByteArray() : m_pinned.toHex()};
}

std::unique_ptr<RemoteStore> ConnectDialog::takeRemoteStore()
{
    return std::move(m_store);
}

void ConnectDialog::updateButtons()
{
    bool ready = false;
    if (m_serviceChoice->isChecked()) {
        const QUrl url(m_url->text().trimmed());
        ready = url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
            && !url.host().isEmpty() && !m_tenant->text().trimmed().isEmpty() && !m_user->text().trimmed().isEmpty()
            && !m_password->text().isEmpty() && (m_code->isHidden() || m_code->text().size() >= 6);
        m_connect->setText(tr("&Sign in"));
    } else {
        ready = !m_file->text().trimmed().isEmpty();
        m_connect->setText(tr("&Open"));
    }
    m_connect->setEnabled(ready && !m_busy);
}

void ConnectDialog::setBusy(const QString& text)
{
    m_busy = !text.isEmpty();
    m_status->setText(text);
    m_forms->setEnabled(!m_busy);
    m_recent->setEnabled(!m_busy);
    updateButtons();
}

void ConnectDialog::showProblem(const QString& text)
{
    setBusy({});
    m_status->setText(QStringLiteral("⚠ ") + text);
}

void ConnectDialog::connectNow()
{
    if (m_fileChoice->isChecked()) {
        const QString path = m_file->text().trimmed();
        if (!QFileInfo(path).isFile()) {
            showProblem(tr("There is no Lockbox store at %1. Create one with 'lockboxctl --store %1 tenant add …', or "
                           "choose another file.")
                            .arg(QDir::toNativeSeparators(path)));
            return;
        }
        m_localPath = QFileInfo(path).absoluteFilePath();
        accept();
        return;
    }
    const QUrl url(m_url->text().trimmed());
    if (url.scheme() == QLatin1String("http") && url.host() != QLatin1String("127.0.0.1")
        && url.host() != QLatin1String("localhost") && url.host() != QLatin1String("::1")) {
        showProblem(tr("%1 is plain HTTP: your password and token would cross the network unencrypted. Use the "
                       "service's https:// address.")
                        .arg(url.toDisplayString()));
        return;
    }
    signIn();
}

RemoteStore* ConnectDialog::freshStore()
{
    m_store = std::make_unique<RemoteStore>(QUrl(m_url->text().trimmed()));
    if (!m_pinned.isEmpty())
        m_store->setPinnedCertificate(m_pinned);
    return m_store.get();
}

void ConnectDialog::signIn()
{
    setBusy(tr("Signing in to %1…").arg(m_url->text().trimmed()));
    RemoteStore* store = freshStore();
    const ServiceConnection target = connection();
    store
        ->signInWithPassword(
            target.tenant, target.user, m_password->text(), m_code->isVisible() ? m_code->text() : QString())
        .then(QCoreApplication::instance(), guarded(this, [this, store](const Result<AuthSession>& session) {
                  if (store != m_store.get())
                      return;
                  if (session) {
                      signedIn(session->token);
                      return;
                  }
                  const Error& error = session.error();
                  if (error.code() == Error::Code::MfaRequired) {
                      setBusy({});
                      m_codeLabel->show();
                      m_code->show();
                      m_code->setFocus();
                      m_status->setText(tr("Enter the one-time code from your authenticator app."));
                      updateButtons();
                      return;
                  }
                  if (error.code() == Error::Code::Unavailable
                      && QUrl(m_url->text()).scheme() == QLatin1String("https")) {
                      offerCertificate(error.message());
                      return;
                  }
                  showProblem(error.message());
                  if (m_code->isVisible())
                      m_code->clear();
              }));
}

void ConnectDialog::offerCertificate(const QString& why)
{
    setBusy(tr("Reading the service's certificate…"));
    CertificateProbe::fetch(QUrl(m_url->text().trimmed()))
        .then(QCoreApplication::instance(), guarded(this, [this, why](const Result<QList<QSslCertificate>>& chain) {
                  // Only a certificate that nothing on this computer vouches for can be trusted here;
                  // any other failure (refused, wrong host name, expired) stops the connection.
                  const QString host = QUrl(m_url->text().trimmed()).host();
                  if (!chain || chain->isEmpty() || CertificateProbe::trustProblems(*chain, host).isEmpty()) {
                      showProblem(why);
                      return;
                  }
                  const QSslCertificate* certificate = &chain->first();
                  showProblem(why);
                  m_offeredDigest = certificate->digest(QCryptographicHash::Sha256);
                  const QString subject
                      = certificate->subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
                  m_certificate->setText(
                      tr("The service presents a certificate that no authority on this computer vouches for "
                         "(issued to %1, valid until %2).\nSHA-256 fingerprint: %3\nCompare it with the one your "
                         "service's administrator gave you; trust it only if they are the same.")
                          .arg(subject.isEmpty() ? tr("an unnamed subject") : subject,
                               certificate->expiryDate().toUTC().toString(Qt::ISODate),
                               CertificateProbe::fingerprint(*certificate)));
                  m_certificate->show();
                  m_trust->show();
                  m_trust->setFocus();
              }));
}

void ConnectDialog::signedIn(const QString& token)
{
    std::optional<AuthSession> session = m_store->session();
    m_actor = session ? session->actor : Actor {m_user->text().trimmed(), m_tenant->text().trimmed()};
    const ServiceConnection target = connection();
    m_settings->addRecentService(target);
    if (!m_vault->isAvailable()) {
        accept();
        return;
    }
    const QString key = CredentialVault::accountKey(target.url, target.tenant, target.user);
    m_vault->write(key, CredentialVault::Secret::Token, token);
    if (m_rememberPassword->isChecked())
        m_vault->write(key, CredentialVault::Secret::Password, m_password->text());
    else
        m_vault->remove(key, CredentialVault::Secret::Password);
    accept();
}

void ConnectDialog::signInWithStoredToken()
{
    const ServiceConnection target = connection();
    if (!target.isValid() || !m_vault->isAvailable())
        return;
    setBusy(tr("Signing in to %1 with the saved session…").arg(target.url.toDisplayString()));
    const QString key = CredentialVault::accountKey(target.url, target.tenant, target.user);
    m_vault->read(key, CredentialVault::Secret::Token)
        .then(QCoreApplication::instance(), guarded(this, [this, key](const Result<QString>& token) {
                  if (!token) {
                      setBusy({});
                      if (token.error().code() != Error::Code::NotFound)
                          showProblem(token.error().message());
                      return;
                  }
                  RemoteStore* store = freshStore();
                  store->setToken(*token);
                  store->currentSession().then(
                      QCoreApplication::instance(),
                      guarded(this, [this, store, key, saved = *token](const Result<AuthSession>& session) {
                          if (store != m_store.get())
                              return;
                          if (session) {
                              m_actor = session->actor;
                              accept();
                              return;
                          }
                          // Expired or signed out elsewhere: forget it and ask.
                          if (session.error().code() == Error::Code::Unauthenticated)
                              m_vault->remove(key, CredentialVault::Secret::Token);
                          m_store.reset();
                          setBusy({});
                          m_status->setText(tr("Sign in again: %1").arg(session.error().message()));
                          m_password->setFocus();
                      }));
              }));
}

} // namespace lockbox
