<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <comment>Translate this string to the string &apos;LTR&apos; in left-to-right languages or to &apos;RTL&apos; in right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.</comment>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Lockbox Admin Center</source>
        <translation>مركز إدارة Lockbox</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: review and decide on data access requests.</source>
        <translation>مركز إدارة Lockbox: راجِع طلبات الوصول إلى البيانات واتخذ القرار بشأنها.</translation>
    </message>
    <message>
        <source>Open a fresh training demo store (simulated data) in a temporary folder.</source>
        <translation>فتح مخزن تدريبي تجريبي جديد (بيانات محاكاة) في مجلد مؤقت.</translation>
    </message>
    <message>
        <source>Open the local store FILE.</source>
        <translation>فتح المخزن المحلي FILE.</translation>
    </message>
    <message>
        <source>Sign in as PRINCIPAL (default for the demo: megan.bowen@contoso.com).</source>
        <translation>تسجيل الدخول باسم PRINCIPAL (الافتراضي في العرض التجريبي: megan.bowen@contoso.com).</translation>
    </message>
    <message>
        <source>Act in TENANT (default for the demo: contoso.onmicrosoft.com).</source>
        <translation>العمل ضمن المستأجر TENANT (الافتراضي في العرض التجريبي: contoso.onmicrosoft.com).</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at URL (https://host:port). With --tenant and --user, a session saved in the keychain is used without asking.</source>
        <translation>تسجيل الدخول إلى خدمة Lockbox على العنوان URL (https://host:port). مع ‎--tenant و‎--user تُستخدم جلسة محفوظة في سلسلة المفاتيح دون سؤال.</translation>
    </message>
    <message>
        <source>Your user name at the service (with --url).</source>
        <translation>اسم المستخدم الخاص بك لدى الخدمة (مع ‎--url).</translation>
    </message>
    <message>
        <source>Choose a store file or a service in the connection dialog (recent ones are offered).</source>
        <translation>اختيار ملف مخزن أو خدمة في مربع حوار الاتصال (تُعرض الاتصالات الأخيرة).</translation>
    </message>
    <message>
        <source>Save a picture of every page into FOLDER, then quit.</source>
        <translation>حفظ صورة لكل صفحة في FOLDER ثم الخروج.</translation>
    </message>
    <message>
        <source>Show the Admin Center in LANGUAGE for this run: en, de, fr or ar (default: the language chosen in the Admin Center, else the system&apos;s).</source>
        <translation>عرض مركز الإدارة باللغة LANGUAGE في هذا التشغيل: en أو de أو fr أو ar (الافتراضي: اللغة المختارة في مركز الإدارة، وإلا فلغة النظام).</translation>
    </message>
    <message>
        <source>There is no %1 translation of the Admin Center; choose en, de, fr or ar.</source>
        <translation>لا توجد ترجمة «⁨%L1⁩» لمركز الإدارة؛ اختر en أو de أو fr أو ar.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the demo store.</source>
        <translation>تعذّر إنشاء مجلد مؤقت لمخزن العرض التجريبي.</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add ...&apos;, or try the demo with --demo.</source>
        <translation>لا يوجد مخزن Lockbox في ⁨%L1⁩. أنشئ واحدًا باستخدام &apos;lockboxctl --store ⁨%L1⁩ tenant add ...&apos;، أو جرّب العرض التجريبي باستخدام ‎--demo.</translation>
    </message>
    <message>
        <source>Paint with the PALETTE colours: system (the default: the desktop&apos;s), light or dark.</source>
        <translation>الرسم بألوان PALETTE: ‏system (الافتراضي: ألوان سطح المكتب) أو light أو dark.</translation>
    </message>
    <message>
        <source>There is no %1 palette; choose %2.</source>
        <translation>لا توجد لوحة ألوان «⁨%L1⁩»؛ اختر ⁨%L2⁩.</translation>
    </message>
</context>
<context>
    <name>lockbox::AccessRequest</name>
    <message>
        <source>Information requested</source>
        <translation>طُلبت معلومات</translation>
    </message>
    <message>
        <source>%1, escalated</source>
        <translation>‏⁨%L1⁩، مُصعَّد</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 approvals)</source>
        <translation>‏⁨%L1⁩ (⁨%L2⁩ من ⁨%L3⁩ موافقات)</translation>
    </message>
</context>
<context>
    <name>lockbox::AccountRepository</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>فشلت العملية «⁨%L1⁩»: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>A user name must not be empty or contain spaces.</source>
        <translation>يجب ألا يكون اسم المستخدم فارغًا أو يحتوي على مسافات.</translation>
    </message>
    <message>
        <source>There is no tenant %1.</source>
        <translation>لا يوجد مستأجر باسم ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>%1 already has an account in %2: reset it instead.</source>
        <translation>لدى ⁨%L1⁩ حساب بالفعل في ⁨%L2⁩: أعد تعيينه بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Adding the account of %1</source>
        <translation>إضافة حساب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Resetting the account of %1</source>
        <translation>إعادة تعيين حساب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 has no account in %2.</source>
        <translation>ليس لدى ⁨%L1⁩ حساب في ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Ending the sessions of %1</source>
        <translation>إنهاء جلسات ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Reading the account</source>
        <translation>قراءة الحساب</translation>
    </message>
    <message>
        <source>Counting a failed sign-in</source>
        <translation>احتساب محاولة تسجيل دخول فاشلة</translation>
    </message>
    <message>
        <source>Locking the account</source>
        <translation>قفل الحساب</translation>
    </message>
    <message>
        <source>The user name or password is wrong for tenant %1.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة للمستأجر ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: the account %1 is locked until %2 UTC. Try again then, or ask an administrator to reset it.</source>
        <translation>محاولات تسجيل دخول فاشلة كثيرة جدًا: الحساب ⁨%L1⁩ مقفل حتى ⁨%L2⁩ UTC. حاول مرة أخرى حينها، أو اطلب من مسؤول إعادة تعيينه.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>لا يملك ⁨%L1⁩ أي دور في Lockbox لدى المستأجر ⁨%L2⁩، لذا لا يمكنه تسجيل الدخول هناك.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app to finish signing in.</source>
        <translation>أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة لإكمال تسجيل الدخول.</translation>
    </message>
    <message>
        <source>The one-time code is wrong, expired or already used. Enter the current code from your authenticator app.</source>
        <translation>الرمز لمرة واحدة غير صحيح أو منتهي الصلاحية أو مستخدم من قبل. أدخل الرمز الحالي من تطبيق المصادقة.</translation>
    </message>
    <message>
        <source>Recording the sign-in</source>
        <translation>تسجيل عملية الدخول</translation>
    </message>
    <message>
        <source>Opening the session</source>
        <translation>فتح الجلسة</translation>
    </message>
    <message>
        <source>Removing expired sessions</source>
        <translation>إزالة الجلسات المنتهية</translation>
    </message>
    <message>
        <source>Your session has ended or is not valid: sign in again.</source>
        <translation>انتهت جلستك أو أنها غير صالحة: سجّل الدخول مجددًا.</translation>
    </message>
    <message>
        <source>Checking the session</source>
        <translation>التحقق من الجلسة</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role in tenant %2: sign in again once an administrator assigned one.</source>
        <translation>لم يعد ⁨%L1⁩ يملك دورًا في Lockbox لدى المستأجر ⁨%L2⁩: سجّل الدخول مجددًا بعد أن يعيّن لك مسؤول دورًا.</translation>
    </message>
    <message>
        <source>%1 has no authenticator app enrolled yet: enrol one first.</source>
        <translation>لم يسجّل ⁨%L1⁩ أي تطبيق مصادقة بعد: سجّل تطبيقًا أولًا.</translation>
    </message>
    <message>
        <source>Recording the one-time code</source>
        <translation>تسجيل الرمز لمرة واحدة</translation>
    </message>
    <message>
        <source>%1 already has an authenticator app enrolled. To replace it, an administrator resets it with `lockboxctl account reset --mfa`.</source>
        <translation>لدى ⁨%L1⁩ تطبيق مصادقة مسجّل بالفعل. لاستبداله، يعيد المسؤول تعيينه باستخدام `lockboxctl account reset --mfa`.</translation>
    </message>
    <message>
        <source>No random numbers were available for the new secret.</source>
        <translation>لم تتوفر أرقام عشوائية للسر الجديد.</translation>
    </message>
    <message>
        <source>Enrolling the authenticator app</source>
        <translation>تسجيل تطبيق المصادقة</translation>
    </message>
    <message>
        <source>%1 has no account in %2, or already has an authenticator app enrolled (reset it first with `lockboxctl account reset --mfa`).</source>
        <translation>ليس لدى ⁨%L1⁩ حساب في ⁨%L2⁩، أو لديه تطبيق مصادقة مسجّل بالفعل (أعد تعيينه أولًا باستخدام `lockboxctl account reset --mfa`).</translation>
    </message>
    <message>
        <source>Ending the session</source>
        <translation>إنهاء الجلسة</translation>
    </message>
</context>
<context>
    <name>lockbox::Action</name>
    <message>
        <source>view requests</source>
        <translation>عرض الطلبات</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>قراءة سجل التدقيق</translation>
    </message>
    <message>
        <source>file a request</source>
        <translation>تقديم طلب</translation>
    </message>
    <message>
        <source>approve as manager</source>
        <translation>الموافقة بصفة المدير</translation>
    </message>
    <message>
        <source>reject as manager</source>
        <translation>الرفض بصفة المدير</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>الموافقة</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>الرفض</translation>
    </message>
    <message>
        <source>revoke access</source>
        <translation>إلغاء الوصول</translation>
    </message>
    <message>
        <source>withdraw</source>
        <translation>السحب</translation>
    </message>
    <message>
        <source>expire</source>
        <translation>إنهاء الصلاحية</translation>
    </message>
    <message>
        <source>end the access window</source>
        <translation>إنهاء نافذة الوصول</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>تغيير الإعدادات</translation>
    </message>
    <message>
        <source>assign roles</source>
        <translation>تعيين الأدوار</translation>
    </message>
    <message>
        <source>check an engineer&apos;s access</source>
        <translation>التحقق من وصول مهندس</translation>
    </message>
    <message>
        <source>ask the engineer a question</source>
        <translation>طرح سؤال على المهندس</translation>
    </message>
    <message>
        <source>answer a question</source>
        <translation>الإجابة عن سؤال</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>التصعيد</translation>
    </message>
    <message>
        <source>register a signing key</source>
        <translation>تسجيل مفتاح توقيع</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditChainVerifier</name>
    <message>
        <source>record %1 appears after record %2 (reordered or duplicated).</source>
        <translation>السجل ⁨%L1⁩ يظهر بعد السجل ⁨%L2⁩ (أُعيد ترتيبه أو تكرّر).</translation>
    </message>
    <message>
        <source>record %1 of tenant %2 is missing (deleted or moved) before record %3.</source>
        <translation>السجل ⁨%L1⁩ للمستأجر ⁨%L2⁩ مفقود (محذوف أو منقول) قبل السجل ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>records %1 to %2 of tenant %3 are missing (deleted or moved) before record %4.</source>
        <translation>السجلات من ⁨%L1⁩ إلى ⁨%L2⁩ للمستأجر ⁨%L3⁩ مفقودة (محذوفة أو منقولة) قبل السجل ⁨%L4⁩.</translation>
    </message>
    <message>
        <source>record %1 is number %2 of tenant %3, which came before (reordered or duplicated).</source>
        <translation>السجل ⁨%L1⁩ يحمل الرقم ⁨%L2⁩ للمستأجر ⁨%L3⁩، وقد ورد هذا الرقم من قبل (أُعيد ترتيبه أو تكرّر).</translation>
    </message>
    <message>
        <source>record %1 does not start its tenant&apos;s chain: its link was changed.</source>
        <translation>السجل ⁨%L1⁩ لا يبدأ سلسلة المستأجر الخاص به: تم تغيير ارتباطه.</translation>
    </message>
    <message>
        <source>record %1 does not follow from record %2: the link to it was changed, or record %2 was replaced.</source>
        <translation>السجل ⁨%L1⁩ لا يتبع السجل ⁨%L2⁩: تم تغيير الارتباط به، أو استُبدل السجل ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>record %1 was changed after it was written (its content no longer matches its hash).</source>
        <translation>تم تغيير السجل ⁨%L1⁩ بعد كتابته (لم يعد محتواه يطابق قيمة التجزئة الخاصة به).</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>تعذّرت كتابة ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>تعذّر حفظ ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditExporter</name>
    <message>
        <source>Could not write the export: %1</source>
        <translation>تعذّرت كتابة ملف التصدير: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>The export was cancelled; records written before: %1.</source>
        <translation>أُلغي التصدير؛ السجلات المكتوبة قبل ذلك: ⁨%L1⁩.</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditPage</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;اعتبارًا من:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;وحتى:</translation>
    </message>
    <message>
        <source>A&amp;pply filter</source>
        <translation>&amp;أظهر النتائج</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>تصدير &amp;إلى ملف…</translation>
    </message>
    <message>
        <source>&amp;Verify integrity</source>
        <translation>&amp;راجع سلامة السجل</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>وقت البداية</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>وقت النهاية</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>العملية</translation>
    </message>
    <message>
        <source>Any operation</source>
        <translation>أي عملية</translation>
    </message>
    <message>
        <source>Actor, e.g. megan.bowen@contoso.com</source>
        <translation>المنفّذ، مثل megan.bowen@contoso.com</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>المنفّذ</translation>
    </message>
    <message>
        <source>Request reference, e.g. EXSR359423</source>
        <translation>مرجع الطلب، مثل EXSR359423</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;العملية:</translation>
    </message>
    <message>
        <source>A&amp;ctor:</source>
        <translation>&amp;المنفّذ:</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>&amp;الطلب:</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>تصدير سجل التدقيق</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>أسطر JSON (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>جارٍ تصدير سجل التدقيق…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Exporting the audit log… Records written: %1.</source>
        <translation>جارٍ تصدير سجل التدقيق… السجلات المكتوبة: ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Exported the audit log to %1. Records: %2.</source>
        <translation>تم تصدير سجل التدقيق إلى ⁨%L1⁩. السجلات: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Show only records from a time on</source>
        <translation>عرض السجلات بدءًا من وقت معيّن فقط</translation>
    </message>
    <message>
        <source>Show only records up to a time</source>
        <translation>عرض السجلات حتى وقت معيّن فقط</translation>
    </message>
    <message>
        <source>The earliest record to show, in UTC</source>
        <translation>أقدم سجل يُعرض، بتوقيت UTC</translation>
    </message>
    <message>
        <source>The latest record to show, in UTC</source>
        <translation>أحدث سجل يُعرض، بتوقيت UTC</translation>
    </message>
    <message>
        <source>Show only records of this operation</source>
        <translation>عرض سجلات هذه العملية فقط</translation>
    </message>
    <message>
        <source>Show only what this person did; Enter applies the filter</source>
        <translation>عرض ما فعله هذا الشخص فقط؛ يطبّق مفتاح Enter التصفية</translation>
    </message>
    <message>
        <source>Show only the records of this request; Enter applies the filter</source>
        <translation>عرض سجلات هذا الطلب فقط؛ يطبّق مفتاح Enter التصفية</translation>
    </message>
    <message>
        <source>Shows the records that match the filter</source>
        <translation>يعرض السجلات المطابقة لعامل التصفية</translation>
    </message>
    <message>
        <source>Saves the records shown to a JSON lines or CSV file</source>
        <translation>يحفظ السجلات المعروضة في ملف أسطر JSON أو CSV</translation>
    </message>
    <message>
        <source>Checks the hash chain of the whole log: any edited, deleted or reordered record is found</source>
        <translation>يتحقق من سلسلة التجزئة للسجل كله: يُكتشف أي سجل عُدّل أو حُذف أو أُعيد ترتيبه</translation>
    </message>
    <message>
        <source>The result of the last integrity check</source>
        <translation>نتيجة آخر تحقق من السلامة</translation>
    </message>
    <message>
        <source>One record a row, newest first</source>
        <translation>سجل واحد في كل صف، الأحدث أولًا</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditTableModel</name>
    <message>
        <source>on</source>
        <translation>مفعّل</translation>
    </message>
    <message>
        <source>off</source>
        <translation>معطّل</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>المنفّذ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>العملية</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>lockbox::AuditVerification</name>
    <message>
        <source>Audit log intact. Records checked: %1.</source>
        <translation>سجل التدقيق سليم. السجلات التي تم التحقق منها: ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Audit log broken at record %1: %2</source>
        <translation>سجل التدقيق مكسور عند السجل ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::CertificateProbe</name>
    <message>
        <source>Cannot read the certificate of %1: %2</source>
        <translation>تعذّرت قراءة شهادة ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>no answer within %1 seconds.</source>
        <translation>لا توجد إجابة خلال ⁨%L1⁩ ثانية.</translation>
    </message>
</context>
<context>
    <name>lockbox::ConnectDialog</name>
    <message>
        <source>Lockbox &amp;service</source>
        <translation>خدمة &amp;Lockbox</translation>
    </message>
    <message>
        <source>Local store &amp;file</source>
        <translation>ملف مخزن على هذا الجها&amp;ز</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>عنوان الخدمة</translation>
    </message>
    <message>
        <source>The address of the Lockbox service, https://host:port</source>
        <translation>عنوان خدمة Lockbox، https://host:port</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>المستأجر</translation>
    </message>
    <message>
        <source>Your organisation&apos;s tenant, such as contoso.onmicrosoft.com</source>
        <translation>مستأجر مؤسستك، مثل contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Your user name at the service</source>
        <translation>اسم المستخدم الخاص بك لدى الخدمة</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Your password at the service</source>
        <translation>كلمة المرور الخاصة بك لدى الخدمة</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>الرمز لمرة &amp;واحدة:</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>الرمز لمرة واحدة</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>الرمز الذي يعرضه تطبيق المصادقة الآن</translation>
    </message>
    <message>
        <source>&amp;Remember my password in the keychain</source>
        <translation>&amp;أبقِ كلمة المرور محفوظة في سلسلة المفاتيح</translation>
    </message>
    <message>
        <source>Store file</source>
        <translation>ملف المخزن</translation>
    </message>
    <message>
        <source>A Lockbox store file on this computer</source>
        <translation>ملف مخزن Lockbox على هذا الحاسوب</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate and connect</source>
        <translation>الثقة بهذه الشهادة و&amp;الاتصال</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>اتصا&amp;ل</translation>
    </message>
    <message>
        <source>Connect to Lockbox</source>
        <translation>الاتصال بـ Lockbox</translation>
    </message>
    <message>
        <source>Recent connections</source>
        <translation>الاتصالات الحديثة</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>العنوا&amp;ن:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;المستأجر:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>اسم المستخد&amp;م:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>كلمة المرو&amp;ر:</translation>
    </message>
    <message>
        <source>St&amp;ore:</source>
        <translation>المخز&amp;ن:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;استعراض…</translation>
    </message>
    <message>
        <source>Choose a store file</source>
        <translation>اختيار ملف مخزن</translation>
    </message>
    <message>
        <source>Open a Lockbox store</source>
        <translation>فتح مخزن Lockbox</translation>
    </message>
    <message>
        <source>Lockbox stores (*.db);;All files (*)</source>
        <translation>مخازن Lockbox (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>اتصال جديد</translation>
    </message>
    <message>
        <source>Store file %1</source>
        <translation>ملف المخزن ⁨%L1⁩</translation>
    </message>
    <message>
        <source>R&amp;ecent:</source>
        <translation>&amp;آخر الاتصالات:</translation>
    </message>
    <message>
        <source>No keychain is available on this desktop: Lockbox asks for your password each time and writes no secret to disk.</source>
        <translation>لا تتوفر سلسلة مفاتيح على سطح المكتب هذا: يطلب Lockbox كلمة المرور في كل مرة ولا يكتب أي سر على القرص.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>تسجيل الدخو&amp;ل</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;افتح</translation>
    </message>
    <message>
        <source>There is no Lockbox store at %1. Create one with &apos;lockboxctl --store %1 tenant add …&apos;, or choose another file.</source>
        <translation>لا يوجد مخزن Lockbox في ⁨%L1⁩. أنشئ واحدًا باستخدام &apos;lockboxctl --store ⁨%L1⁩ tenant add …&apos;، أو اختر ملفًا آخر.</translation>
    </message>
    <message>
        <source>%1 is plain HTTP: your password and token would cross the network unencrypted. Use the service&apos;s https:// address.</source>
        <translation>‏⁨%L1⁩ يستخدم HTTP غير المشفّر: ستنتقل كلمة المرور والرمز المميز عبر الشبكة دون تشفير. استخدم عنوان https:// الخاص بالخدمة.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>جارٍ تسجيل الدخول إلى ⁨%L1⁩…</translation>
    </message>
    <message>
        <source>Enter the one-time code from your authenticator app.</source>
        <translation>أدخل الرمز لمرة واحدة من تطبيق المصادقة.</translation>
    </message>
    <message>
        <source>Reading the service&apos;s certificate…</source>
        <translation>جارٍ قراءة شهادة الخدمة…</translation>
    </message>
    <message>
        <source>The service presents a certificate that no authority on this computer vouches for (issued to %1, valid until %2).
SHA-256 fingerprint: %3
Compare it with the one your service&apos;s administrator gave you; trust it only if they are the same.</source>
        <translation>تقدّم الخدمة شهادة لا تضمنها أي جهة على هذا الحاسوب (صادرة لـ ⁨%L1⁩، صالحة حتى ⁨%L2⁩).
بصمة SHA-256: ⁨%L3⁩
قارنها بالبصمة التي أعطاك إياها مسؤول الخدمة، ولا تثق بها إلا إذا كانتا متطابقتين.</translation>
    </message>
    <message>
        <source>an unnamed subject</source>
        <translation>جهة بلا اسم</translation>
    </message>
    <message>
        <source>Signing in to %1 with the saved session…</source>
        <translation>جارٍ تسجيل الدخول إلى ⁨%L1⁩ بالجلسة المحفوظة…</translation>
    </message>
    <message>
        <source>Sign in again: %1</source>
        <translation>سجّل الدخول مجددًا: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>A service or store file you used before, to fill in the form</source>
        <translation>خدمة أو ملف مخزن استخدمته من قبل، لملء النموذج</translation>
    </message>
    <message>
        <source>Sign in to a Lockbox service shared by several admins</source>
        <translation>تسجيل الدخول إلى خدمة Lockbox يتشاركها عدة مسؤولين</translation>
    </message>
    <message>
        <source>Open a store file on this computer</source>
        <translation>فتح ملف مخزن على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Keeps your password in the desktop&apos;s keychain, never in a file, so that you are not asked again</source>
        <translation>يحتفظ بكلمة المرور في سلسلة مفاتيح سطح المكتب، وليس في ملف أبدًا، كي لا تُسأل عنها مجددًا</translation>
    </message>
    <message>
        <source>Pins this certificate for this service and connects; only if its fingerprint is the one you were given</source>
        <translation>يثبّت هذه الشهادة لهذه الخدمة ويتصل؛ فقط إن كانت بصمتها هي التي أُعطيت لك</translation>
    </message>
    <message>
        <source>Signs in to the service or opens the store file</source>
        <translation>يسجّل الدخول إلى الخدمة أو يفتح ملف المخزن</translation>
    </message>
    <message>
        <source>How the connection goes</source>
        <translation>سير الاتصال</translation>
    </message>
    <message>
        <source>The service&apos;s certificate</source>
        <translation>شهادة الخدمة</translation>
    </message>
    <message>
        <source>Opens a file dialog to pick the store file</source>
        <translation>يفتح مربع حوار لاختيار ملف المخزن</translation>
    </message>
    <message>
        <source>Closes the dialog without connecting</source>
        <translation>يغلق مربع الحوار دون اتصال</translation>
    </message>
</context>
<context>
    <name>lockbox::CredentialVault</name>
    <message>
        <source>service token</source>
        <translation>الرمز المميز للخدمة</translation>
    </message>
    <message>
        <source>password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>No keychain is available (%1), so the Admin Center cannot remember the %2 and will ask for it each time. To have it remembered, run a Secret Service such as gnome-keyring or KWallet in your desktop session and unlock it.</source>
        <translation>لا تتوفر سلسلة مفاتيح (⁨%L1⁩)، لذا لا يستطيع مركز الإدارة تذكّر «⁨%L2⁩» وسيطلبه في كل مرة. لكي يُحفظ، شغّل خدمة أسرار مثل gnome-keyring أو KWallet في جلسة سطح المكتب وافتح قفلها.</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for this account.</source>
        <translation>لا يوجد «⁨%L1⁩» محفوظ في سلسلة المفاتيح لهذا الحساب.</translation>
    </message>
    <message>
        <source>Access to the keychain was declined, so the %1 is not remembered: the Admin Center will ask for it each time. Allow access when the keychain asks, to remember it.</source>
        <translation>تم رفض الوصول إلى سلسلة المفاتيح، لذا لن يُحفظ «⁨%L1⁩»: سيطلبه مركز الإدارة في كل مرة. اسمح بالوصول عندما تطلب سلسلة المفاتيح ذلك ليتم حفظه.</translation>
    </message>
    <message>
        <source>it is locked or refused access: %1</source>
        <translation>إنها مقفلة أو رفضت الوصول: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>The keychain could not read the %1: %2</source>
        <translation>تعذّر على سلسلة المفاتيح قراءة «⁨%L1⁩»: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>The keychain could not store the %1: %2</source>
        <translation>تعذّر على سلسلة المفاتيح حفظ «⁨%L1⁩»: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>The keychain could not remove the %1: %2</source>
        <translation>تعذّر على سلسلة المفاتيح إزالة «⁨%L1⁩»: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>There is no %1 to remember: it is empty.</source>
        <translation>لا يوجد ما يُحفظ: «⁨%L1⁩» فارغ.</translation>
    </message>
    <message>
        <source>signing key</source>
        <translation>مفتاح التوقيع</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionButtonsDelegate</name>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>رفض</translation>
    </message>
</context>
<context>
    <name>lockbox::DecisionDialog</name>
    <message>
        <source>Deny request %1</source>
        <translation>رفض الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 will not get access to %2 content (%3). The request is closed and the engineer sees your reason.</source>
        <translation>لن يحصل ⁨%L1⁩ على حق الوصول إلى محتوى ⁨%L2⁩ ‏(⁨%L3⁩). يُغلق الطلب ويرى المهندس السبب الذي ذكرته.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;السبب (مطلوب):</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Revoke access for %1</source>
        <translation>إلغاء وصول ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1&apos;s access to %2 content (%3) ends now. It would have lasted until %4.</source>
        <translation>ينتهي الآن وصول ⁨%L1⁩ إلى محتوى ⁨%L2⁩ ‏(⁨%L3⁩). كان سيستمر حتى ⁨%L4⁩.</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;التعليق (اختياري):</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>إلغاء الوصول</translation>
    </message>
    <message>
        <source>Approve request %1</source>
        <translation>الموافقة على الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 will get access to %2 content (%3) for %4: from when you approve until about %5.</source>
        <translation>سيحصل ⁨%L1⁩ على حق الوصول إلى محتوى ⁨%L2⁩ ‏(⁨%L3⁩) لمدة ⁨%L4⁩: من لحظة موافقتك حتى ⁨%L5⁩ تقريبًا.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: it completes the request and access starts.</source>
        <translation>موافقتك هي الموافقة ⁨%L1⁩ من ⁨%L2⁩: تكتمل بها الموافقات ويبدأ الوصول.</translation>
    </message>
    <message>
        <source>Yours is approval %1 of %2: access starts only when all %2 have approved.</source>
        <translation>موافقتك هي الموافقة ⁨%L1⁩ من ⁨%L2⁩: لا يبدأ الوصول إلا بعد موافقة جميع المعتمِدين الـ ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Reason given: %1</source>
        <translation>السبب المذكور: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <source>What this decision does</source>
        <translation>ما يترتب على هذا القرار</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <source>Confirm (Ctrl+Enter)</source>
        <translation>تأكيد (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ask about request %1</source>
        <translation>السؤال عن الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Your question goes to %1, who filed the request. It shows as &quot;Information requested&quot; until they answer; it still expires at %2 if nobody decides.</source>
        <translation>يُرسل سؤالك إلى ⁨%L1⁩، مقدّم الطلب. يظهر الطلب بحالة «طُلبت معلومات» حتى يجيب؛ وتنتهي صلاحيته مع ذلك في ⁨%L2⁩ إن لم يبتّ فيه أحد.</translation>
    </message>
    <message>
        <source>&amp;Question (required):</source>
        <translation>&amp;السؤال (مطلوب):</translation>
    </message>
    <message>
        <source>Send question</source>
        <translation>إرسال السؤال</translation>
    </message>
    <message>
        <source>The request changed while this dialog was open</source>
        <translation>تغيّر الطلب أثناء فتح مربع الحوار هذا</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>السؤال</translation>
    </message>
    <message>
        <source>Required. The engineer sees it; it is kept in the audit log. Ctrl+Enter confirms.</source>
        <translation>مطلوب. يراه المهندس، ويُحفظ في سجل التدقيق. يؤكّد Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Optional. Kept with your decision in the audit log. Ctrl+Enter confirms.</source>
        <translation>اختياري. يُحفظ مع قرارك في سجل التدقيق. يؤكّد Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Closes the dialog without deciding</source>
        <translation>يغلق مربع الحوار دون اتخاذ قرار</translation>
    </message>
</context>
<context>
    <name>lockbox::DemoBar</name>
    <message>
        <source>Training demo: simulated data</source>
        <translation>عرض تدريبي: بيانات محاكاة</translation>
    </message>
    <message>
        <source>Clock:</source>
        <translation>الساعة:</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Stop the demo clock</source>
        <translation>إيقاف ساعة العرض التجريبي</translation>
    </message>
    <message>
        <source>×1</source>
        <translation>×1</translation>
    </message>
    <message>
        <source>Real time</source>
        <translation>الوقت الفعلي</translation>
    </message>
    <message>
        <source>×60</source>
        <translation>×60</translation>
    </message>
    <message>
        <source>A minute a second</source>
        <translation>دقيقة في كل ثانية</translation>
    </message>
    <message>
        <source>×600</source>
        <translation>×600</translation>
    </message>
    <message>
        <source>Ten minutes a second: 12 hours in 72 seconds</source>
        <translation>عشر دقائق في كل ثانية: 12 ساعة في 72 ثانية</translation>
    </message>
    <message>
        <source>Sign in as</source>
        <translation>تسجيل الدخول باسم</translation>
    </message>
    <message>
        <source>Sign &amp;in as:</source>
        <translation>تسجيل الدخو&amp;ل باسم:</translation>
    </message>
    <message>
        <source>File a request…</source>
        <translation>تقديم طلب…</translation>
    </message>
    <message>
        <source>Play the engineer: file a request that reaches you as Pending</source>
        <translation>أدِّ دور المهندس: قدّم طلبًا يصلك بحالة «معلّق»</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>&amp;التمارين</translation>
    </message>
    <message>
        <source>Reset demo</source>
        <translation>إعادة تعيين العرض</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data</source>
        <translation>البدء من جديد ببيانات محاكاة جديدة</translation>
    </message>
    <message>
        <source>E&amp;xercises %1/%2</source>
        <translation>&amp;التمارين ⁨%L1⁩/⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 of %2 exercises done</source>
        <translation>التمارين المنجزة: ⁨%L1⁩ من ⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>‏⁨%L1⁩ (متوقف مؤقتًا)</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>‏⁨%L1⁩ (×⁨%L2⁩)</translation>
    </message>
    <message>
        <source>Nothing here is real: the demo never touches a real store</source>
        <translation>لا شيء هنا حقيقي: لا يلمس العرض التجريبي أي مخزن حقيقي أبدًا</translation>
    </message>
    <message>
        <source>The time on the demo clock and how fast it runs</source>
        <translation>الوقت على ساعة العرض التجريبي وسرعة سيرها</translation>
    </message>
    <message>
        <source>What just happened in the demo</source>
        <translation>ما حدث للتو في العرض التجريبي</translation>
    </message>
    <message>
        <source>Sets how fast the demo clock runs</source>
        <translation>يضبط سرعة ساعة العرض التجريبي</translation>
    </message>
    <message>
        <source>Another person of the demo, to see what their role may do</source>
        <translation>شخص آخر في العرض التجريبي، لترى ما يسمح به دوره</translation>
    </message>
</context>
<context>
    <name>lockbox::DemoController</name>
    <message>
        <source>%1 (%2)</source>
        <translation>‏⁨%L1⁩ (⁨%L2⁩)</translation>
    </message>
    <message>
        <source>Lockbox Admin Center — training demo</source>
        <translation>مركز إدارة Lockbox — عرض تدريبي</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>التمارين</translation>
    </message>
    <message>
        <source>%1 from %2 awaits approval: %3</source>
        <translation>الطلب ⁨%L1⁩ من ⁨%L2⁩ بانتظار الموافقة: ⁨%L3⁩</translation>
    </message>
    <message>
        <source>%1 was approved by the system: your tenant does not require approval.</source>
        <translation>وافق النظام على ⁨%L1⁩: لا يشترط المستأجر الخاص بك الموافقة.</translation>
    </message>
    <message>
        <source>Exercise done: %1</source>
        <translation>اكتمل التمرين: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>You filed %1; it awaits approval.</source>
        <translation>قدّمت الطلب ⁨%L1⁩؛ وهو بانتظار الموافقة.</translation>
    </message>
    <message>
        <source>You filed %1; it is %2.</source>
        <translation>قدّمت الطلب ⁨%L1⁩؛ حالته: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Reset the demo?</source>
        <translation>هل تريد إعادة تعيين العرض التجريبي؟</translation>
    </message>
    <message>
        <source>Start over with fresh simulated data? Your exercise progress is kept.</source>
        <translation>هل تريد البدء من جديد ببيانات محاكاة جديدة؟ سيُحتفظ بتقدّمك في التمارين.</translation>
    </message>
</context>
<context>
    <name>lockbox::ExerciseTracker</name>
    <message>
        <source>Approve a request</source>
        <translation>الموافقة على طلب</translation>
    </message>
    <message>
        <source>Select a pending request, read its details, then Approve.</source>
        <translation>حدّد طلبًا معلّقًا، واقرأ تفاصيله، ثم اختر «وافق».</translation>
    </message>
    <message>
        <source>Deny a request with a reason</source>
        <translation>رفض طلب مع ذكر السبب</translation>
    </message>
    <message>
        <source>Deny a pending request and say why.</source>
        <translation>ارفض طلبًا معلّقًا واذكر السبب.</translation>
    </message>
    <message>
        <source>Let a request expire</source>
        <translation>ترك طلب تنتهي صلاحيته</translation>
    </message>
    <message>
        <source>Speed the clock up until a pending request lapses, then open it: it can no longer be approved.</source>
        <translation>سرّع الساعة حتى تنتهي صلاحية طلب معلّق، ثم افتحه: لم يعد من الممكن الموافقة عليه.</translation>
    </message>
    <message>
        <source>Revoke an open access window</source>
        <translation>إلغاء نافذة وصول مفتوحة</translation>
    </message>
    <message>
        <source>Filter Approved, select one with time left, Revoke access.</source>
        <translation>صفِّ حسب «تمت الموافقة»، وحدّد طلبًا لا يزال له وقت متبقٍّ، ثم اختر «ألغِ الوصول».</translation>
    </message>
    <message>
        <source>Turn approval off, then on again</source>
        <translation>إيقاف اشتراط الموافقة ثم تشغيله مجددًا</translation>
    </message>
    <message>
        <source>Settings: turn off &quot;Require approval&quot;, watch the next request be approved by the system, then turn it on again.</source>
        <translation>الإعدادات: أوقف «اشتراط الموافقة»، وشاهد النظام يوافق على الطلب التالي، ثم أعد تشغيله.</translation>
    </message>
    <message>
        <source>Find a decision in the audit log and verify it</source>
        <translation>العثور على قرار في سجل التدقيق والتحقق منه</translation>
    </message>
    <message>
        <source>Audit log: filter for a decision (e.g. operation RequestApproved), then Verify integrity.</source>
        <translation>سجل التدقيق: صفِّ حسب قرار (مثل العملية RequestApproved)، ثم اختر «راجع سلامة السجل».</translation>
    </message>
</context>
<context>
    <name>lockbox::ExercisesPanel</name>
    <message>
        <source>Exercises</source>
        <translation>التمارين</translation>
    </message>
    <message>
        <source>Practise every path. Each exercise is checked against what you really did.</source>
        <translation>تدرّب على كل مسار. يُتحقق من كل تمرين مقارنةً بما فعلته فعلًا.</translation>
    </message>
    <message>
        <source>Clear progress</source>
        <translation>مسح التقدّم</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <source>Each exercise, done or to do, with a hint</source>
        <translation>كل تمرين، منجزًا أو قيد الانتظار، مع تلميح</translation>
    </message>
    <message>
        <source>Marks every exercise as to do again</source>
        <translation>يعيد وسم كل التمارين على أنها قيد الانتظار</translation>
    </message>
</context>
<context>
    <name>lockbox::FileRequestDialog</name>
    <message>
        <source>File a data access request (as an engineer)</source>
        <translation>تقديم طلب وصول إلى البيانات (بصفة مهندس)</translation>
    </message>
    <message>
        <source>Troubleshoot a mailbox that stopped receiving mail</source>
        <translation>استكشاف أخطاء صندوق بريد توقف عن استقبال الرسائل</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>&amp;Workload:</source>
        <translation>حمل &amp;العمل:</translation>
    </message>
    <message>
        <source>Service &amp;request:</source>
        <translation>&amp;رقم طلب الخدمة:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;السبب:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>النطا&amp;ق:</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>المد&amp;ة:</translation>
    </message>
    <message>
        <source>File request</source>
        <translation>تقديم الطلب</translation>
    </message>
    <message>
        <source>The service whose content the engineer needs</source>
        <translation>الخدمة التي يحتاج المهندس إلى محتواها</translation>
    </message>
    <message>
        <source>The support case the access is for</source>
        <translation>حالة الدعم التي يُطلب الوصول من أجلها</translation>
    </message>
    <message>
        <source>Why the engineer needs the access; the approvers read it</source>
        <translation>سبب حاجة المهندس إلى الوصول؛ يقرؤه المعتمِدون</translation>
    </message>
    <message>
        <source>Exactly which content, such as one mailbox</source>
        <translation>المحتوى بالتحديد، مثل صندوق بريد واحد</translation>
    </message>
    <message>
        <source>How long the access lasts once approved, in minutes</source>
        <translation>مدة الوصول بعد الموافقة، بالدقائق</translation>
    </message>
    <message>
        <source>Files the request as the engineer; their manager approves it at once, so it reaches you</source>
        <translation>يقدّم الطلب بصفة المهندس؛ ويوافق عليه مديره فورًا فيصل إليك</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is filed</source>
        <translation>يغلق مربع الحوار؛ لا يُقدَّم أي طلب</translation>
    </message>
</context>
<context>
    <name>lockbox::HomePage</name>
    <message>
        <source>Show them in the request list</source>
        <translation>عرضها في قائمة الطلبات</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>مرحبًا، ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Pending requests</source>
        <translation>الطلبات المعلّقة</translation>
    </message>
    <message>
        <source>Expiring within the hour</source>
        <translation>تنتهي صلاحيتها خلال ساعة</translation>
    </message>
    <message>
        <source>Decided today</source>
        <translation>تم البتّ فيها اليوم</translation>
    </message>
    <message>
        <source>Access windows open now</source>
        <translation>نوافذ الوصول المفتوحة الآن</translation>
    </message>
</context>
<context>
    <name>lockbox::JsonReader</name>
    <message>
        <source>%1 should be a JSON object, not %2.</source>
        <translation>يجب أن يكون ⁨%L1⁩ كائن JSON، وليس ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true أو false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>رقمًا</translation>
    </message>
    <message>
        <source>text</source>
        <translation>نصًا</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>قائمة</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>كائنًا</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>‏⁨%L1⁩: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds %2</source>
        <translation>«⁨%L1⁩» يحتوي على ⁨%L2⁩</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>«⁨%L1⁩» مفقود</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be %2, not %3</source>
        <translation>يجب أن يكون «⁨%L1⁩» ⁨%L2⁩، وليس ⁨%L3⁩</translation>
    </message>
    <message>
        <source>text or null</source>
        <translation>نصًا أو null</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>عددًا صحيحًا</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a whole number, not %2</source>
        <translation>يجب أن يكون «⁨%L1⁩» عددًا صحيحًا، وليس ⁨%L2⁩</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range: %2</source>
        <translation>«⁨%L1⁩» خارج النطاق المسموح: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>a time or null</source>
        <translation>وقتًا أو null</translation>
    </message>
    <message>
        <source>&quot;%1&quot;, not an ISO 8601 time with an offset</source>
        <translation>«⁨%L1⁩»، وهو ليس وقتًا بصيغة ISO 8601 مع فارق التوقيت</translation>
    </message>
    <message>
        <source>&quot;%1&quot; should be a time, not null</source>
        <translation>يجب أن يكون «⁨%L1⁩» وقتًا، وليس null</translation>
    </message>
    <message>
        <source>item %1 of &quot;%2&quot;: %3</source>
        <translation>العنصر ⁨%L1⁩ من «⁨%L2⁩»: ⁨%L3⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::KeyFile</name>
    <message>
        <source>%1 exists already; choose a new file name for the key.</source>
        <translation>‏⁨%L1⁩ موجود بالفعل؛ اختر اسم ملف جديدًا للمفتاح.</translation>
    </message>
    <message>
        <source>Cannot create the key file %1: %2.</source>
        <translation>تعذّر إنشاء ملف المفتاح ⁨%L1⁩: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Cannot make the key file %1 private to you: %2.</source>
        <translation>تعذّر جعل ملف المفتاح ⁨%L1⁩ خاصًا بك وحدك: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Cannot write the key file %1: %2.</source>
        <translation>تعذّرت كتابة ملف المفتاح ⁨%L1⁩: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>There is no key file %1. Create one with &apos;lockboxctl key create %1&apos;.</source>
        <translation>لا يوجد ملف مفتاح ⁨%L1⁩. أنشئ واحدًا بالأمر «lockboxctl key create ⁨%L1⁩».</translation>
    </message>
    <message>
        <source>The key file %1 can be read or changed by others than you: run &apos;chmod 600 %1&apos;, and if anyone may have copied it, create a new key.</source>
        <translation>يمكن لغيرك قراءة ملف المفتاح ⁨%L1⁩ أو تغييره: نفّذ «chmod 600 ⁨%L1⁩»، وإن كان أحد قد نسخه فأنشئ مفتاحًا جديدًا.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2.</source>
        <translation>تعذّرت قراءة ملف المفتاح ⁨%L1⁩: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox signing key file (it should start with &quot;%2&quot;).</source>
        <translation>‏⁨%L1⁩ ليس ملف مفتاح توقيع من Lockbox (يجب أن يبدأ بـ «⁨%L2⁩»).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the key file.</source>
        <translation>تعذّر إنشاء المجلد ⁨%L1⁩ لملف المفتاح.</translation>
    </message>
</context>
<context>
    <name>lockbox::LanguageChooser</name>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;اللغة:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>The language of the Admin Center. A change takes effect the next time the Admin Center starts.</source>
        <translation>لغة مركز الإدارة. يسري التغيير عند بدء تشغيل مركز الإدارة في المرة القادمة.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>افتراضي النظام</translation>
    </message>
    <message>
        <source>The Admin Center will use your system&apos;s language the next time it starts.</source>
        <translation>سيستخدم مركز الإدارة لغة نظامك عند بدء تشغيله في المرة القادمة.</translation>
    </message>
    <message>
        <source>The Admin Center will be in %1 the next time it starts.</source>
        <translation>سيظهر مركز الإدارة باللغة ⁨%L1⁩ عند بدء تشغيله في المرة القادمة.</translation>
    </message>
</context>
<context>
    <name>lockbox::LargeStoreGenerator</name>
    <message>
        <source>The large benchmark store is written straight into an SQLite file, so it cannot be generated in the PostgreSQL database %1. Give the path of a new file instead.</source>
        <translation>يُكتب مخزن قياس الأداء الكبير مباشرة في ملف SQLite، لذا لا يمكن إنشاؤه في قاعدة بيانات PostgreSQL ‏⁨%L1⁩. حدّد مسار ملف جديد بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>%1 already exists; choose a new file.</source>
        <translation>‏⁨%L1⁩ موجود بالفعل؛ اختر ملفًا جديدًا.</translation>
    </message>
    <message>
        <source>Ask for at least one request.</source>
        <translation>اطلب طلبًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>تعذّر فتح ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>The seeded store has no audit log.</source>
        <translation>المخزن المُهيّأ لا يحتوي على سجل تدقيق.</translation>
    </message>
    <message>
        <source>Writing request %1 failed: %2</source>
        <translation>فشلت كتابة الطلب ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Writing audit record %1 failed: %2</source>
        <translation>فشلت كتابة سجل التدقيق ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Building an index failed: %1</source>
        <translation>فشل إنشاء فهرس: ⁨%L1⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::Lifecycle</name>
    <message>
        <source>%1 holds no Lockbox role in this tenant, so cannot %2.</source>
        <translation>لا يملك ⁨%L1⁩ أي دور في Lockbox لدى هذا المستأجر، لذا لا يمكنه ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>A %1 cannot %2. Ask a Global administrator for the role that allows it.</source>
        <translation>بصفتك ⁨%L1⁩ لا يمكنك ⁨%L2⁩. اطلب من المسؤول العام الدور الذي يسمح بذلك.</translation>
    </message>
    <message>
        <source>A %1 cannot %2: that is for the customer&apos;s administrators.</source>
        <translation>بصفتك ⁨%L1⁩ لا يمكنك ⁨%L2⁩: هذا من صلاحيات مسؤولي العميل.</translation>
    </message>
    <message>
        <source>No such request in your organisation.</source>
        <translation>لا يوجد طلب كهذا في مؤسستك.</translation>
    </message>
    <message>
        <source>Name the customer tenant the request is for.</source>
        <translation>حدّد مستأجر العميل الذي يخصه الطلب.</translation>
    </message>
    <message>
        <source>The requested duration must be between %1 minute and %2 hours (%3 minutes); %4 minutes was asked for.</source>
        <translation>يجب أن تكون المدة المطلوبة بين ⁨%L1⁩ دقيقة و⁨%L2⁩ ساعات (⁨%L3⁩ دقيقة)؛ وقد طُلبت ⁨%L4⁩ دقيقة.</translation>
    </message>
    <message>
        <source>Give the service request (support ticket) number.</source>
        <translation>أدخل رقم طلب الخدمة (تذكرة الدعم).</translation>
    </message>
    <message>
        <source>Give a reason: the customer decides on it.</source>
        <translation>اذكر سببًا: فالعميل يقرر بناءً عليه.</translation>
    </message>
    <message>
        <source>Say which content is touched (a mailbox, a site, ...).</source>
        <translation>حدّد المحتوى المعني (صندوق بريد، موقع، ...).</translation>
    </message>
    <message>
        <source>Request %1 expired at %2; it can no longer be %3.</source>
        <translation>انتهت صلاحية الطلب ⁨%L1⁩ في ⁨%L2⁩؛ لم يعد من الممكن ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>الموافقة عليه</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>البتّ فيه</translation>
    </message>
    <message>
        <source>Request %1 was withdrawn by %2 at %3.</source>
        <translation>سحب ⁨%L2⁩ الطلب ⁨%L1⁩ في ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Request %1 was already %2 by %3 at %4.</source>
        <translation>الطلب ⁨%L1⁩ في حالة «⁨%L2⁩» بالفعل، بقرار من ⁨%L3⁩ في ⁨%L4⁩.</translation>
    </message>
    <message>
        <source>You cannot %1 now: request %2 is %3.</source>
        <translation>لا يمكنك ⁨%L1⁩ الآن: حالة الطلب ⁨%L2⁩ هي «⁨%L3⁩».</translation>
    </message>
    <message>
        <source>Request %1 was already decided by manager %2 at %3.</source>
        <translation>بتّ المدير ⁨%L2⁩ في الطلب ⁨%L1⁩ بالفعل في ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Give the engineer a reason for rejecting the request.</source>
        <translation>اذكر للمهندس سبب رفض الطلب.</translation>
    </message>
    <message>
        <source>Approved automatically: the tenant does not require approval.</source>
        <translation>تمت الموافقة تلقائيًا: لا يشترط المستأجر الموافقة.</translation>
    </message>
    <message>
        <source>Give a reason for denying the request.</source>
        <translation>اذكر سبب رفض الطلب.</translation>
    </message>
    <message>
        <source>You already approved request %1; it needs %2 different approvers.</source>
        <translation>سبق أن وافقت على الطلب ⁨%L1⁩؛ ويحتاج إلى ⁨%L2⁩ من المعتمِدين المختلفين.</translation>
    </message>
    <message>
        <source>Request %1 has no open access window to revoke (it is %2).</source>
        <translation>ليس للطلب ⁨%L1⁩ نافذة وصول مفتوحة لإلغائها (⁨%L2⁩).</translation>
    </message>
    <message>
        <source>ended at %1</source>
        <translation>انتهت في ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can withdraw it.</source>
        <translation>لا يمكن سحب الطلب ⁨%L2⁩ إلا لمن قدّمه، أي ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Nothing is due on request %1 at %2.</source>
        <translation>لا يوجد إجراء مستحق على الطلب ⁨%L1⁩ في ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>%1 is not an action on a request.</source>
        <translation>‏⁨%L1⁩ ليس إجراءً على طلب.</translation>
    </message>
    <message>
        <source>The access window of request %1 ended at %2.</source>
        <translation>انتهت نافذة الوصول للطلب ⁨%L1⁩ في ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Request %1 is %2; it grants no access.</source>
        <translation>حالة الطلب ⁨%L1⁩ هي «⁨%L2⁩»؛ ولا يمنح أي وصول.</translation>
    </message>
    <message>
        <source>Approvals required must be between %1 and %2; %3 was asked for.</source>
        <translation>يجب أن يكون عدد الموافقات المطلوبة بين ⁨%L1⁩ و⁨%L2⁩؛ وقد طُلب ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>The settings were changed by %1 at %2 after you loaded them; look at them again.</source>
        <translation>غيّر ⁨%L1⁩ الإعدادات في ⁨%L2⁩ بعد أن حمّلتها؛ راجعها مرة أخرى.</translation>
    </message>
    <message>
        <source>Give the person&apos;s sign-in name, like megan@contoso.com; &quot;%1&quot; is not one.</source>
        <translation>أدخل اسم تسجيل الدخول للشخص، مثل megan@contoso.com؛ فـ«⁨%L1⁩» ليس اسمًا صالحًا.</translation>
    </message>
    <message>
        <source>A customer tenant can assign only Global administrator, Lockbox access approver and Reader.</source>
        <translation>لا يمكن لمستأجر العميل أن يعيّن إلا الأدوار: المسؤول العام، ومعتمِد الوصول في Lockbox، والقارئ.</translation>
    </message>
    <message>
        <source>%1 holds no role to remove.</source>
        <translation>لا يملك ⁨%L1⁩ أي دور لإزالته.</translation>
    </message>
    <message>
        <source>%1 is already a %2.</source>
        <translation>لدى ⁨%L1⁩ دور ⁨%L2⁩ بالفعل.</translation>
    </message>
    <message>
        <source>%1 is the last Global administrator; assign another one first.</source>
        <translation>‏⁨%L1⁩ هو آخر مسؤول عام؛ عيّن مسؤولًا آخر أولًا.</translation>
    </message>
    <message>
        <source>You can ask about request %1 only while it awaits approval; it is %2.</source>
        <translation>لا يمكنك السؤال عن الطلب ⁨%L1⁩ إلا وهو بانتظار الموافقة؛ وحالته الآن «⁨%L2⁩».</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <source>Write the question for the engineer.</source>
        <translation>اكتب السؤال الموجّه إلى المهندس.</translation>
    </message>
    <message>
        <source>Write the answer to the approver&apos;s question.</source>
        <translation>اكتب الإجابة عن سؤال المعتمِد.</translation>
    </message>
    <message>
        <source>A message holds at most %1 characters; this one has %2.</source>
        <translation>تتسع الرسالة لـ ⁨%L1⁩ حرف على الأكثر؛ وهذه فيها ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Only %1, who filed request %2, can answer questions on it.</source>
        <translation>لا يمكن الإجابة عن الأسئلة بشأن الطلب ⁨%L2⁩ إلا لمن قدّمه، أي ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>There is no open question on request %1 to answer.</source>
        <translation>لا يوجد سؤال مفتوح بشأن الطلب ⁨%L1⁩ للإجابة عنه.</translation>
    </message>
    <message>
        <source>Still undecided %1 minutes before expiry: handed to the backup approvers.</source>
        <translation>لم يُبتّ فيه قبل ⁨%L1⁩ دقيقة من انتهاء الصلاحية: أُحيل إلى المعتمِدين الاحتياطيين.</translation>
    </message>
    <message>
        <source>The escalation lead time must be between %1 and %2 minutes before expiry; %3 was asked for.</source>
        <translation>يجب أن تكون مهلة التصعيد بين ⁨%L1⁩ و⁨%L2⁩ دقيقة قبل انتهاء الصلاحية؛ وقد طُلب ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Name at most %1 backup approvers; %2 were given.</source>
        <translation>حدّد ⁨%L1⁩ من المعتمِدين الاحتياطيين على الأكثر؛ وقد حُدّد ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>%1 cannot be a backup approver: only a Global administrator or a Lockbox access approver of this tenant can approve. Give them one of those roles first.</source>
        <translation>لا يمكن أن يكون ⁨%L1⁩ معتمِدًا احتياطيًا: لا يوافق إلا المسؤول العام أو معتمِد الوصول في Lockbox لدى هذا المستأجر. امنحه أحد هذين الدورين أولًا.</translation>
    </message>
    <message>
        <source>The decision was signed at %1, but the store&apos;s time is %2: check your computer&apos;s clock and decide again.</source>
        <translation>وُقّع القرار في ⁨%L1⁩، لكن وقت المخزن هو ⁨%L2⁩: تحقّق من ساعة حاسوبك وقرّر مجددًا.</translation>
    </message>
    <message>
        <source>The signature does not match this decision on request %1.</source>
        <translation>لا يطابق التوقيع هذا القرار بشأن الطلب ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>The signing key %1 is not registered to %2: register your own key first (lockboxctl key create).</source>
        <translation>مفتاح التوقيع ⁨%L1⁩ غير مسجّل باسم ⁨%L2⁩: سجّل مفتاحك الخاص أولًا (lockboxctl key create).</translation>
    </message>
    <message>
        <source>Only approvals, denials and revocations are signed.</source>
        <translation>لا تُوقَّع إلا الموافقات والرفض والإلغاء.</translation>
    </message>
    <message>
        <source>The decision of %1 at %2 carries no signature.</source>
        <translation>قرار ⁨%L1⁩ في ⁨%L2⁩ لا يحمل توقيعًا.</translation>
    </message>
    <message>
        <source>It was signed with a key that is not registered to %1.</source>
        <translation>وُقِّع بمفتاح غير مسجَّل باسم ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>It was signed at %1, more than 5 minutes from when it was recorded (%2).</source>
        <translation>وُقِّع في ⁨%L1⁩، أي بفارق يزيد على 5 دقائق عن وقت تسجيله (⁨%L2⁩).</translation>
    </message>
    <message>
        <source>Its signature does not match the decision as stored: the request or the decision was changed after it was signed.</source>
        <translation>توقيعه لا يطابق القرار المخزَّن: عُدِّل الطلب أو القرار بعد توقيعه.</translation>
    </message>
    <message>
        <source>The request was changed in the database outside Lockbox: check the store with &apos;lockboxctl audit verify&apos;, and have the approvers decide on a new request.</source>
        <translation>عُدِّل الطلب في قاعدة البيانات خارج Lockbox: افحص المخزن باستخدام ⁨&apos;lockboxctl audit verify&apos;⁩، واطلب من الموافقين البتّ في طلب جديد.</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 denied it at %3: it grants nothing. %4</source>
        <translation>الطلب ⁨%L1⁩ معلَّم بأنه موافَق عليه، لكن ⁨%L2⁩ رفضه في ⁨%L3⁩: فهو لا يمنح أي وصول. ⁨%L4⁩</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but %2 revoked it at %3: it grants nothing. %4</source>
        <translation>الطلب ⁨%L1⁩ معلَّم بأنه موافَق عليه، لكن ⁨%L2⁩ ألغاه في ⁨%L3⁩: فهو لا يمنح أي وصول. ⁨%L4⁩</translation>
    </message>
    <message>
        <source>The access window of request %1 reaches %2, later than its approvers signed for: it grants nothing. %3</source>
        <translation>تمتد نافذة الوصول للطلب ⁨%L1⁩ حتى ⁨%L2⁩، أبعد مما وقّع عليه الموافقون: فهو لا يمنح أي وصول. ⁨%L3⁩</translation>
    </message>
    <message>
        <source>The approval of %1: %2</source>
        <translation>موافقة ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Request %1 is marked approved, but only %2 of the %3 approvals it needs carry a valid signature of their approver: it grants nothing. %4 %5</source>
        <translation>الطلب ⁨%L1⁩ معلَّم بأنه موافَق عليه، لكن ⁨%L2⁩ فقط من الموافقات الـ⁨%L3⁩ المطلوبة تحمل توقيعًا صالحًا من صاحبها: فهو لا يمنح أي وصول. ⁨%L4⁩ ⁨%L5⁩</translation>
    </message>
    <message>
        <source>No approval is recorded.</source>
        <translation>لا توجد موافقة مسجَّلة.</translation>
    </message>
    <message>
        <source>The store does not trust the signing key %1 (its record was changed, or this Lockbox service did not endorse it): register it again (sign in to the Admin Center again, or make a new key with &apos;lockboxctl key create&apos;).</source>
        <translation>لا يثق المخزن بمفتاح التوقيع ⁨%L1⁩ (عُدِّل سجله، أو لم تصادق عليه خدمة Lockbox هذه): سجّله مرة أخرى (سجّل الدخول إلى مركز الإدارة من جديد، أو أنشئ مفتاحًا جديدًا باستخدام ⁨&apos;lockboxctl key create&apos;⁩).</translation>
    </message>
    <message>
        <source>It was signed with a key whose stored public key does not match its fingerprint: the key was changed in the database.</source>
        <translation>وُقِّع بمفتاح لا يطابق مفتاحه العام المخزَّن بصمته: عُدِّل المفتاح في قاعدة البيانات.</translation>
    </message>
    <message>
        <source>It was signed with a key this Lockbox service did not endorse: one registered before it endorsed keys, or added to the database outside Lockbox. Its owner registers it again by signing in to the Admin Center.</source>
        <translation>وُقِّع بمفتاح لم تصادق عليه خدمة Lockbox هذه: مفتاح سُجِّل قبل أن تبدأ المصادقة على المفاتيح، أو أُضيف إلى قاعدة البيانات خارج Lockbox. يعيد صاحبه تسجيله بتسجيل الدخول إلى مركز الإدارة.</translation>
    </message>
    <message>
        <source>It was signed with a key whose endorsement does not verify: the key was changed in the database, or lockboxd runs with another endorsement key than the one that endorsed it.</source>
        <translation>وُقِّع بمفتاح لا تصحّ المصادقة عليه: عُدِّل المفتاح في قاعدة البيانات، أو تعمل lockboxd بمفتاح مصادقة غير الذي صادق عليه.</translation>
    </message>
</context>
<context>
    <name>lockbox::MainWindow</name>
    <message>
        <source>Sign &amp;out</source>
        <translation>تسجيل الخرو&amp;ج</translation>
    </message>
    <message>
        <source>Lockbox Admin Center</source>
        <translation>مركز إدارة Lockbox</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>الصفحات</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Customer Lockbox requests</source>
        <translation>طلبات Customer Lockbox</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>الأدوار</translation>
    </message>
    <message>
        <source>Settings (Security &amp; privacy)</source>
        <translation>الإعدادات (الأمان والخصوصية)</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>‏⁨%L1⁩ (Ctrl+⁨%L2⁩)</translation>
    </message>
    <message>
        <source>Ends your session at the Lockbox service and forgets it on this computer</source>
        <translation>يُنهي جلستك لدى خدمة Lockbox ويحذفها من هذا الحاسوب</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>‏⁨%L1⁩. ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Open &amp;request</source>
        <translation>&amp;افتح الطلب</translation>
    </message>
    <message>
        <source>Connected to %1 again: the pages are up to date.</source>
        <translation>تمت إعادة الاتصال بـ ⁨%L1⁩: الصفحات محدّثة.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 cannot be reached. What you see may be out of date, and decisions are refused until it is back. Reconnecting…</source>
        <translation>تعذّر الوصول إلى خدمة Lockbox على ⁨%L1⁩. قد يكون ما تراه غير محدّث، وستُرفض القرارات حتى تعود الخدمة. جارٍ إعادة الاتصال…</translation>
    </message>
    <message>
        <source>Lockbox Admin Center (out of date)</source>
        <translation>مركز إدارة Lockbox (غير محدّث)</translation>
    </message>
    <message>
        <source>Not signed in · %1</source>
        <translation>لم يتم تسجيل الدخول · ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>‏⁨%L1⁩ ‏·‏ ⁨%L2⁩ ‏·‏ ⁨%L3⁩</translation>
    </message>
    <message>
        <source>Local store: %1 (open)</source>
        <translation>المخزن المحلي: ⁨%L1⁩ (مفتوح)</translation>
    </message>
    <message>
        <source>The organisation, person and role you are signed in as</source>
        <translation>المؤسسة والشخص والدور الذي سجّلت الدخول به</translation>
    </message>
    <message>
        <source>The pages of the Admin Center. Ctrl+1 to Ctrl+5 open them from anywhere in the window.</source>
        <translation>صفحات مركز الإدارة. تفتحها Ctrl+1 إلى Ctrl+5 من أي مكان في النافذة.</translation>
    </message>
</context>
<context>
    <name>lockbox::NotificationBanner</name>
    <message>
        <source>Close message</source>
        <translation>إغلاق الرسالة</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>لم يتم</translation>
    </message>
    <message>
        <source>Hides this message</source>
        <translation>يخفي هذه الرسالة</translation>
    </message>
</context>
<context>
    <name>lockbox::PasswordHasher</name>
    <message>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>كلمة المرور قصيرة جدًا: استخدم ⁨%L1⁩ حرفًا على الأقل.</translation>
    </message>
    <message>
        <source>The password is too long: use at most %1 characters.</source>
        <translation>كلمة المرور طويلة جدًا: استخدم ⁨%L1⁩ حرفًا على الأكثر.</translation>
    </message>
    <message>
        <source>The password must not be only spaces.</source>
        <translation>يجب ألا تتكون كلمة المرور من مسافات فقط.</translation>
    </message>
    <message>
        <source>Hashing the password ran out of memory (Argon2id needs %1 MiB).</source>
        <translation>نفدت الذاكرة أثناء تجزئة كلمة المرور (يحتاج Argon2id إلى ⁨%L1⁩ MiB).</translation>
    </message>
</context>
<context>
    <name>lockbox::PendingWatch</name>
    <message>
        <source>Request %1 awaits your approval</source>
        <translation>الطلب ⁨%L1⁩ بانتظار موافقتك</translation>
    </message>
    <message>
        <source>%1 asks for %2 access for %3. Reason: %4</source>
        <translation>يطلب ⁨%L1⁩ الوصول إلى ⁨%L2⁩ لمدة ⁨%L3⁩. السبب: ⁨%L4⁩</translation>
    </message>
    <message numerus="yes">
        <source>%n requests await your approval</source>
        <translation>
            <numerusform>لا طلبات بانتظار موافقتك</numerusform>
            <numerusform>طلب واحد بانتظار موافقتك</numerusform>
            <numerusform>طلبان بانتظار موافقتك</numerusform>
            <numerusform>‏⁨%Ln⁩ طلبات بانتظار موافقتك</numerusform>
            <numerusform>‏⁨%Ln⁩ طلبًا بانتظار موافقتك</numerusform>
            <numerusform>‏⁨%Ln⁩ طلب بانتظار موافقتك</numerusform>
        </translation>
    </message>
    <message>
        <source>Request %1 expires in %2</source>
        <translation>تنتهي صلاحية الطلب ⁨%L1⁩ خلال ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Approve or deny it before %1, or it expires undecided.</source>
        <translation>وافق عليه أو ارفضه قبل ⁨%L1⁩، وإلا انتهت صلاحيته دون قرار.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests expire within the hour</source>
        <translation>
            <numerusform>لا طلبات تنتهي صلاحيتها خلال ساعة</numerusform>
            <numerusform>طلب واحد تنتهي صلاحيته خلال ساعة</numerusform>
            <numerusform>طلبان تنتهي صلاحيتهما خلال ساعة</numerusform>
            <numerusform>‏⁨%Ln⁩ طلبات تنتهي صلاحيتها خلال ساعة</numerusform>
            <numerusform>‏⁨%Ln⁩ طلبًا تنتهي صلاحيتها خلال ساعة</numerusform>
            <numerusform>‏⁨%Ln⁩ طلب تنتهي صلاحيتها خلال ساعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Undecided: %1</source>
        <translation>دون قرار: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Request %1 was escalated to you</source>
        <translation>صُعّد الطلب ⁨%L1⁩ إليك</translation>
    </message>
    <message>
        <source>Nobody has decided on it yet, and it expires at %1. You are one of the backup approvers.</source>
        <translation>لم يبتّ فيه أحد بعد، وتنتهي صلاحيته في ⁨%L1⁩. أنت أحد المعتمِدين الاحتياطيين.</translation>
    </message>
    <message numerus="yes">
        <source>%n requests were escalated to you</source>
        <translation>
            <numerusform>لم يُصعَّد إليك أي طلب</numerusform>
            <numerusform>صُعّد إليك طلب واحد</numerusform>
            <numerusform>صُعّد إليك طلبان</numerusform>
            <numerusform>صُعّدت إليك ⁨%Ln⁩ طلبات</numerusform>
            <numerusform>صُعّد إليك ⁨%Ln⁩ طلبًا</numerusform>
            <numerusform>صُعّد إليك ⁨%Ln⁩ طلب</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lockbox::QueryCodec</name>
    <message>
        <source>Unknown parameter &quot;%1&quot;: the parameters here are %2.</source>
        <translation>معامل غير معروف «⁨%L1⁩»: المعاملات المتاحة هنا هي ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>&quot;limit&quot; must be a whole number from 1 to %1.</source>
        <translation>يجب أن يكون «limit» عددًا صحيحًا من 1 إلى ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>&quot;order&quot; must be asc or desc.</source>
        <translation>يجب أن يكون «order» إما asc أو desc.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; takes an ISO 8601 time with an offset, such as 2026-11-24T08:00:00Z; &quot;%2&quot; is not one.</source>
        <translation>يقبل «⁨%L1⁩» وقتًا بصيغة ISO 8601 مع فارق التوقيت، مثل 2026-11-24T08:00:00Z؛ و«⁨%L2⁩» ليس كذلك.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use one or more of %2, separated by commas.</source>
        <translation>حالة غير معروفة «⁨%L1⁩»: استخدم واحدة أو أكثر من ⁨%L2⁩، مفصولة بفواصل.</translation>
    </message>
    <message>
        <source>&quot;sort&quot; must be one of %1.</source>
        <translation>يجب أن يكون «sort» إحدى القيم ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>&quot;cursor&quot; must be the nextCursor of a previous page (a whole number).</source>
        <translation>يجب أن يكون «cursor» قيمة nextCursor من صفحة سابقة (عددًا صحيحًا).</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteConnection</name>
    <message>
        <source>The connection to the Lockbox service at %1 is closed.</source>
        <translation>الاتصال بخدمة Lockbox على ⁨%L1⁩ مغلق.</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>لا توجد إجابة خلال ⁨%L1⁩ ثانية</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>تم رفض الاتصال</translation>
    </message>
    <message>
        <source>there is no host named %1</source>
        <translation>لا يوجد مضيف باسم ⁨%L1⁩</translation>
    </message>
    <message>
        <source>the connection was closed before an answer came</source>
        <translation>أُغلق الاتصال قبل وصول إجابة</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>انتهت مهلة الاتصال</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>أُلغي الطلب</translation>
    </message>
    <message>
        <source>the TLS handshake failed (%1)</source>
        <translation>فشلت مصافحة TLS ‏(⁨%L1⁩)</translation>
    </message>
    <message>
        <source>its TLS certificate is not trusted (%1)</source>
        <translation>شهادة TLS الخاصة بها غير موثوقة (⁨%L1⁩)</translation>
    </message>
    <message>
        <source>Cannot reach the Lockbox service at %1: %2.</source>
        <translation>تعذّر الوصول إلى خدمة Lockbox على ⁨%L1⁩: ⁨%L2⁩.</translation>
    </message>
</context>
<context>
    <name>lockbox::RemoteStore</name>
    <message>
        <source>The Lockbox service at %1 sent an answer this Lockbox cannot read (is it another version?). %2</source>
        <translation>أرسلت خدمة Lockbox على ⁨%L1⁩ إجابة لا يستطيع هذا الإصدار من Lockbox قراءتها (هل هو إصدار آخر؟). ⁨%L2⁩</translation>
    </message>
    <message>
        <source>A page of requests</source>
        <translation>صفحة من الطلبات</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>ليس كائن JSON</translation>
    </message>
    <message>
        <source>An audit record: %1.</source>
        <translation>سجل تدقيق: ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>A page of the audit log</source>
        <translation>صفحة من سجل التدقيق</translation>
    </message>
    <message>
        <source>The role assignments</source>
        <translation>تعيينات الأدوار</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 answered %2 %3.</source>
        <translation>أجابت خدمة Lockbox على ⁨%L1⁩ بـ ⁨%L2⁩ ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Sign in to the Lockbox service at %1 first.</source>
        <translation>سجّل الدخول أولًا إلى خدمة Lockbox على ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>This connection to %1 is signed in as %2 in %3: it cannot act as %4 in %5.</source>
        <translation>هذا الاتصال بـ ⁨%L1⁩ مسجّل الدخول باسم ⁨%L2⁩ في ⁨%L3⁩: لا يمكنه التصرف باسم ⁨%L4⁩ في ⁨%L5⁩.</translation>
    </message>
    <message>
        <source>The Lockbox service at %1 is up, but not its database: %2</source>
        <translation>خدمة Lockbox على ⁨%L1⁩ تعمل، لكن قاعدة بياناتها لا تعمل: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 does not answer as a Lockbox service does (%2 %3 for /api/v1/health): check the URL.</source>
        <translation>لا يجيب ⁨%L1⁩ كما تجيب خدمة Lockbox ‏(⁨%L2⁩ ⁨%L3⁩ لـ /api/v1/health): تحقق من العنوان.</translation>
    </message>
    <message>
        <source>%1 is not something a person does to a request through the service.</source>
        <translation>‏⁨%L1⁩ ليس إجراءً يقوم به شخص على طلب عبر الخدمة.</translation>
    </message>
    <message>
        <source>Tenants are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE tenant add %1 ...` with the database lockboxd uses.</source>
        <translation>يُنشأ المستأجرون في قاعدة بيانات الخدمة، وليس عبر الخدمة: شغّل `lockboxctl --store DATABASE tenant add ⁨%L1⁩ ...` مع قاعدة البيانات التي يستخدمها lockboxd.</translation>
    </message>
    <message>
        <source>Operator staff are provisioned on the service&apos;s database, not through the service: run `lockboxctl --store DATABASE staff add %1 ...` with the database lockboxd uses.</source>
        <translation>يُنشأ موظفو المشغّل في قاعدة بيانات الخدمة، وليس عبر الخدمة: شغّل `lockboxctl --store DATABASE staff add ⁨%L1⁩ ...` مع قاعدة البيانات التي يستخدمها lockboxd.</translation>
    </message>
    <message>
        <source>The signing keys</source>
        <translation>مفاتيح التوقيع</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestDetailsPane</name>
    <message>
        <source>Select a request to see its details.</source>
        <translation>حدّد طلبًا لعرض تفاصيله.</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;وافق…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>ا&amp;رفض…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>&amp;ألغِ الوصول…</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>تفاصيل الطلب</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Service request</source>
        <translation>طلب الخدمة</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>حمل العمل</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>Requested duration</source>
        <translation>المدة المطلوبة</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>تاريخ الطلب</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>تنتهي الصلاحية</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>موافقة المدير</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <source>Access window</source>
        <translation>نافذة الوصول</translation>
    </message>
    <message>
        <source>Approve this request (Alt+A)</source>
        <translation>الموافقة على هذا الطلب (Alt+و)</translation>
    </message>
    <message>
        <source>Deny this request (Alt+D)</source>
        <translation>رفض هذا الطلب (Alt+ر)</translation>
    </message>
    <message>
        <source>End the open access window now (Alt+V)</source>
        <translation>إنهاء نافذة الوصول المفتوحة الآن (Alt+أ)</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>سجل الطلب</translation>
    </message>
    <message>
        <source>History</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Request not available</source>
        <translation>الطلب غير متاح</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>‏⁨%L1⁩ في ⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 of %2 approvals</source>
        <translation>‏⁨%L1⁩ من ⁨%L2⁩ موافقات</translation>
    </message>
    <message>
        <source>%1 of %2 approvals: %3</source>
        <translation>‏⁨%L1⁩ من ⁨%L2⁩ موافقات: ⁨%L3⁩</translation>
    </message>
    <message>
        <source>Waiting for the support manager</source>
        <translation>بانتظار مدير الدعم</translation>
    </message>
    <message>
        <source>Not decided yet</source>
        <translation>لم يُتخذ قرار بعد</translation>
    </message>
    <message>
        <source>%1 by %2 at %3</source>
        <translation>‏⁨%L1⁩ من ⁨%L2⁩ في ⁨%L3⁩</translation>
    </message>
    <message>
        <source>%1 by %2 at %3: &quot;%4&quot;</source>
        <translation>‏⁨%L1⁩ من ⁨%L2⁩ في ⁨%L3⁩: «⁨%L4⁩»</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>‏⁨%L1⁩ (متبقٍّ ⁨%L2⁩)</translation>
    </message>
    <message>
        <source>No access granted</source>
        <translation>لم يُمنح أي وصول</translation>
    </message>
    <message>
        <source>Open: %1 to %2 (%3 left)</source>
        <translation>مفتوحة: من ⁨%L1⁩ إلى ⁨%L2⁩ (متبقٍّ ⁨%L3⁩)</translation>
    </message>
    <message>
        <source>Closed: %1 to %2</source>
        <translation>مغلقة: من ⁨%L1⁩ إلى ⁨%L2⁩</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 · %2&lt;/b&gt; by %3%4&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;‏⁨%L1⁩ · ⁨%L2⁩&lt;/b&gt; من ⁨%L3⁩⁨%L4⁩&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ask the &amp;engineer…</source>
        <translation>&amp;اسأل المهندس…</translation>
    </message>
    <message>
        <source>The request whose details follow</source>
        <translation>الطلب الذي تلي تفاصيله</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>التصعيد</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>الأسئلة</translation>
    </message>
    <message>
        <source>Ask the engineer a question before deciding (Alt+E)</source>
        <translation>اطرح سؤالًا على المهندس قبل اتخاذ القرار (Alt+ا)</translation>
    </message>
    <message>
        <source>Sends a question to the engineer who filed the request; the expiry does not move</source>
        <translation>يرسل سؤالًا إلى المهندس مقدّم الطلب؛ ولا يتغير موعد انتهاء الصلاحية</translation>
    </message>
    <message>
        <source>Why you cannot decide on this request</source>
        <translation>سبب عدم قدرتك على البتّ في هذا الطلب</translation>
    </message>
    <message>
        <source>Every event of this request in the audit log, oldest first</source>
        <translation>كل أحداث هذا الطلب في سجل التدقيق، الأقدم أولًا</translation>
    </message>
    <message>
        <source>Every field of the request; the arrow keys scroll it</source>
        <translation>كل حقول الطلب؛ تمرّرها مفاتيح الأسهم</translation>
    </message>
    <message>
        <source>Question from %1 at %2:
%3</source>
        <translation>سؤال من ⁨%L1⁩ في ⁨%L2⁩:
⁨%L3⁩</translation>
    </message>
    <message>
        <source>Answer from %1 at %2:
%3</source>
        <translation>إجابة من ⁨%L1⁩ في ⁨%L2⁩:
⁨%L3⁩</translation>
    </message>
    <message>
        <source>Waiting for %1 to answer.</source>
        <translation>بانتظار إجابة ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>No questions asked</source>
        <translation>لم تُطرح أسئلة</translation>
    </message>
    <message>
        <source>Escalated to the backup approvers at %1</source>
        <translation>صُعّد إلى المعتمِدين الاحتياطيين في ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Goes to the backup approvers at %1 if still undecided</source>
        <translation>يُحال إلى المعتمِدين الاحتياطيين في ⁨%L1⁩ إن لم يُبتّ فيه</translation>
    </message>
    <message>
        <source>None</source>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>التوقيعات</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>وافق عليه ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Denied by %1</source>
        <translation>رفضه ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Revoked by %1</source>
        <translation>ألغاه ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1: signature verified (key %2)</source>
        <translation>‏⁨%L1⁩: تم التحقق من التوقيع (المفتاح ⁨%L2⁩)</translation>
    </message>
    <message>
        <source>%1: not signed</source>
        <translation>‏⁨%L1⁩: غير موقّع</translation>
    </message>
    <message>
        <source>%1: signature does not verify. %2</source>
        <translation>‏⁨%L1⁩: التوقيع غير صالح. ⁨%L2⁩</translation>
    </message>
    <message>
        <source>No approvals, denials or revocations yet</source>
        <translation>لا توجد موافقات أو رفض أو إلغاء بعد</translation>
    </message>
    <message>
        <source>The signatures cannot be checked now: %1</source>
        <translation>لا يمكن التحقق من التوقيعات الآن: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Checking the signatures…</source>
        <translation>جارٍ التحقق من التوقيعات…</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestJson</name>
    <message>
        <source>A decision</source>
        <translation>قرار</translation>
    </message>
    <message>
        <source>an unknown decision &quot;%1&quot;</source>
        <translation>قرارًا غير معروف «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>دورًا غير معروف «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>A request</source>
        <translation>طلب</translation>
    </message>
    <message>
        <source>an unknown workload &quot;%1&quot;</source>
        <translation>حمل عمل غير معروف «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>an unknown status &quot;%1&quot;</source>
        <translation>حالة غير معروفة «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>A list of requests should be a JSON list, not %1.</source>
        <translation>يجب أن تكون قائمة الطلبات قائمة JSON، وليس ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>A list of requests</source>
        <translation>قائمة طلبات</translation>
    </message>
    <message>
        <source>A signature</source>
        <translation>توقيع</translation>
    </message>
    <message>
        <source>not base64</source>
        <translation>ليس بترميز base64</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestStatus</name>
    <message>
        <source>Awaiting manager</source>
        <translation>بانتظار المدير</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>معلّق</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Rejected by manager</source>
        <translation>رفضه المدير</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>ملغى</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestTableModel</name>
    <message>
        <source>access: %1 left</source>
        <translation>الوصول: متبقٍّ ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Access window open until %1</source>
        <translation>نافذة الوصول مفتوحة حتى ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Not waiting for a decision</source>
        <translation>لا ينتظر قرارًا</translation>
    </message>
    <message>
        <source>Approve or deny this request. With the keyboard: select the row, then Alt+A or Alt+D.</source>
        <translation>وافق على هذا الطلب أو ارفضه. باستخدام لوحة المفاتيح: حدّد الصف، ثم Alt+و أو Alt+ر.</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Requested (UTC)</source>
        <translation>تاريخ الطلب (UTC)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>حمل العمل</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>مقدّم الطلب</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>تنتهي خلال</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>الإجراءات</translation>
    </message>
</context>
<context>
    <name>lockbox::RequestsPage</name>
    <message>
        <source>Pending</source>
        <translation>معلّق</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>تمت الموافقة</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهي الصلاحية</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>ملغى</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>Awaiting manager</source>
        <translation>بانتظار المدير</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>تم البتّ فيه</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;إعادة التحميل</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>عامل تصفية الحالة</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;الحالة:</translation>
    </message>
    <message>
        <source>Search reference, ticket, reason, requester, scope (Ctrl+F)</source>
        <translation>ابحث في المرجع أو التذكرة أو السبب أو مقدّم الطلب أو النطاق (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search requests</source>
        <translation>البحث في الطلبات</translation>
    </message>
    <message>
        <source>Reload the list from the store (F5)</source>
        <translation>إعادة تحميل القائمة من المخزن (F5)</translation>
    </message>
    <message>
        <source>Data access requests</source>
        <translation>طلبات الوصول إلى البيانات</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Only those that lapse within the hour (before %1).</source>
        <translation>فقط التي تنتهي صلاحيتها خلال ساعة (قبل ⁨%L1⁩).</translation>
    </message>
    <message>
        <source>Only those decided today (since %1).</source>
        <translation>فقط التي تم البتّ فيها اليوم (منذ ⁨%L1⁩).</translation>
    </message>
    <message>
        <source>Access windows open now.</source>
        <translation>نوافذ الوصول المفتوحة الآن.</translation>
    </message>
    <message>
        <source>This request has just changed: %1</source>
        <translation>تغيّر هذا الطلب للتو: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>This decision</source>
        <translation>هذا القرار</translation>
    </message>
    <message>
        <source>Denied %1. The engineer gets no access.</source>
        <translation>تم رفض ⁨%L1⁩. لن يحصل المهندس على أي وصول.</translation>
    </message>
    <message>
        <source>Revoked access for %1 at %2.</source>
        <translation>تم إلغاء وصول ⁨%L1⁩ في ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Approved %1: %2 has access until %3.</source>
        <translation>تمت الموافقة على ⁨%L1⁩: لدى ⁨%L2⁩ حق الوصول حتى ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Your approval of %1 is recorded: %2 of %3 approvals.</source>
        <translation>تم تسجيل موافقتك على ⁨%L1⁩: ⁨%L2⁩ من ⁨%L3⁩ موافقات.</translation>
    </message>
    <message>
        <source>Shows only the requests in this status (Alt+S)</source>
        <translation>يعرض الطلبات التي في هذه الحالة فقط (Alt+ا)</translation>
    </message>
    <message>
        <source>Finds requests by reference, service request, reason, requester or scope (Ctrl+F)</source>
        <translation>يبحث عن الطلبات حسب المرجع أو طلب الخدمة أو السبب أو مقدّم الطلب أو النطاق (Ctrl+F)</translation>
    </message>
    <message>
        <source>What the page is waiting for</source>
        <translation>ما تنتظره الصفحة</translation>
    </message>
    <message>
        <source>One request a row. Select one to see its details below; Alt+A approves it, Alt+D denies it, and Shift+F10 or the menu key lists what you may do with it.</source>
        <translation>طلب واحد في كل صف. حدّد طلبًا لترى تفاصيله أدناه؛ يوافق عليه Alt+و، ويرفضه Alt+ر، ويعرض Shift+F10 أو مفتاح القائمة ما يمكنك فعله به.</translation>
    </message>
    <message>
        <source>Which requests the list shows</source>
        <translation>الطلبات التي تعرضها القائمة</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>&amp;وافق…</translation>
    </message>
    <message>
        <source>&amp;Deny…</source>
        <translation>ا&amp;رفض…</translation>
    </message>
    <message>
        <source>Re&amp;voke access…</source>
        <translation>&amp;ألغِ الوصول…</translation>
    </message>
    <message>
        <source>Your question on %1 went to %2. The request shows &quot;Information requested&quot; until they answer.</source>
        <translation>أُرسل سؤالك بشأن ⁨%L1⁩ إلى ⁨%L2⁩. يظهر الطلب بحالة «طُلبت معلومات» حتى يجيب.</translation>
    </message>
</context>
<context>
    <name>lockbox::Role</name>
    <message>
        <source>Global administrator</source>
        <translation>المسؤول العام</translation>
    </message>
    <message>
        <source>Lockbox access approver</source>
        <translation>معتمِد الوصول في Lockbox</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>القارئ</translation>
    </message>
    <message>
        <source>Support engineer</source>
        <translation>مهندس الدعم</translation>
    </message>
    <message>
        <source>Support manager</source>
        <translation>مدير الدعم</translation>
    </message>
    <message>
        <source>Lockbox system</source>
        <translation>نظام Lockbox</translation>
    </message>
    <message>
        <source>No role</source>
        <translation>بلا دور</translation>
    </message>
</context>
<context>
    <name>lockbox::RoleTableModel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>اسم تسجيل الدخول</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Assigned by</source>
        <translation>عُيّن بواسطة</translation>
    </message>
    <message>
        <source>Assigned (UTC)</source>
        <translation>تاريخ التعيين (UTC)</translation>
    </message>
</context>
<context>
    <name>lockbox::RolesPage</name>
    <message>
        <source>&amp;Add role</source>
        <translation>&amp;إضافة الدور</translation>
    </message>
    <message>
        <source>&amp;Remove selected role</source>
        <translation>إ&amp;زالة الدور المحدد</translation>
    </message>
    <message>
        <source>Role assignments</source>
        <translation>تعيينات الأدوار</translation>
    </message>
    <message>
        <source>pradeep.gupta@contoso.com</source>
        <translation>pradeep.gupta@contoso.com</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>اسم تسجيل الدخول</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>الاسم المعروض</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>&amp;Sign-in name:</source>
        <translation>اسم تسجيل الدخو&amp;ل:</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>الاسم المعرو&amp;ض:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>الدو&amp;ر:</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>الأدوار</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>للقراءة فقط: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 is now a %2.</source>
        <translation>أصبح لدى ⁨%L1⁩ دور ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Changing roles</source>
        <translation>تغيير الأدوار</translation>
    </message>
    <message>
        <source>Select the person whose role to remove.</source>
        <translation>حدّد الشخص الذي تريد إزالة دوره.</translation>
    </message>
    <message>
        <source>Remove role?</source>
        <translation>هل تريد إزالة الدور؟</translation>
    </message>
    <message>
        <source>%1 will no longer be a %2 and loses what the role allows. Remove it?</source>
        <translation>لن يكون لدى ⁨%L1⁩ دور ⁨%L2⁩ بعد الآن، وسيفقد ما يتيحه هذا الدور. هل تريد إزالته؟</translation>
    </message>
    <message>
        <source>%1 no longer holds a Lockbox role.</source>
        <translation>لم يعد لدى ⁨%L1⁩ أي دور في Lockbox.</translation>
    </message>
    <message>
        <source>Who holds which Lockbox role in your organisation, one person a row</source>
        <translation>من يملك أي دور في Lockbox في مؤسستك، شخص واحد في كل صف</translation>
    </message>
    <message>
        <source>The sign-in name of the person to give a role; Enter adds it</source>
        <translation>اسم تسجيل الدخول للشخص الذي سيُعطى دورًا؛ يضيفه مفتاح Enter</translation>
    </message>
    <message>
        <source>How the person&apos;s name is shown; optional</source>
        <translation>كيف يظهر اسم الشخص؛ اختياري</translation>
    </message>
    <message>
        <source>The role to give: what the person may see and decide</source>
        <translation>الدور المراد منحه: ما يمكن للشخص رؤيته والبتّ فيه</translation>
    </message>
    <message>
        <source>Gives the person the chosen role</source>
        <translation>يمنح الشخص الدور المختار</translation>
    </message>
    <message>
        <source>Takes the role of the person selected in the table away, after asking</source>
        <translation>يسحب دور الشخص المحدد في الجدول، بعد السؤال</translation>
    </message>
    <message>
        <source>Why you cannot change roles</source>
        <translation>سبب عدم قدرتك على تغيير الأدوار</translation>
    </message>
</context>
<context>
    <name>lockbox::SchemaMigrations</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>فشلت العملية «⁨%L1⁩»: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: it holds other tables (%2).</source>
        <translation>‏⁨%L1⁩ ليس مخزن Lockbox: فهو يحتوي على جداول أخرى (⁨%L2⁩).</translation>
    </message>
    <message>
        <source>Reading the schema version</source>
        <translation>قراءة إصدار المخطط</translation>
    </message>
    <message>
        <source>Waiting for another process&apos;s schema upgrade</source>
        <translation>انتظار ترقية المخطط من عملية أخرى</translation>
    </message>
    <message>
        <source>%1 was written by a newer Lockbox (schema version %2; this version reads up to %3). Update Lockbox to open it; nothing was changed.</source>
        <translation>كُتب ⁨%L1⁩ بإصدار أحدث من Lockbox (إصدار المخطط ⁨%L2⁩؛ وهذا الإصدار يقرأ حتى ⁨%L3⁩). حدّث Lockbox لفتحه؛ لم يتغير أي شيء.</translation>
    </message>
    <message>
        <source>Starting schema upgrade %1</source>
        <translation>بدء ترقية المخطط ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Schema upgrade %1 (%2)</source>
        <translation>ترقية المخطط ⁨%L1⁩ (⁨%L2⁩)</translation>
    </message>
    <message>
        <source>Recording schema version %1</source>
        <translation>تسجيل إصدار المخطط ⁨%L1⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::ScreenshotTour</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>تعذّر إنشاء المجلد ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>تعذّرت كتابة ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>تم الحفظ: ⁨%L1⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::SeedGenerator</name>
    <message>
        <source>%1 already exists; the demo never overwrites a file.</source>
        <translation>‏⁨%L1⁩ موجود بالفعل؛ لا يستبدل العرض التجريبي أي ملف أبدًا.</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceConnection</name>
    <message>
        <source>%1 at %2 on %3</source>
        <translation>‏⁨%L1⁩ لدى ⁨%L2⁩ على ⁨%L3⁩</translation>
    </message>
</context>
<context>
    <name>lockbox::ServiceJson</name>
    <message>
        <source>A session</source>
        <translation>جلسة</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>دورًا غير معروف «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>The summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>The verification</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>The enrolment</source>
        <translation>التسجيل</translation>
    </message>
</context>
<context>
    <name>lockbox::Session</name>
    <message>
        <source>The Lockbox service cannot be reached just now, so nothing can be decided or changed, and what you see may be out of date. The Admin Center reconnects by itself; try again once it has. Nothing is queued.</source>
        <translation>تعذّر الوصول إلى خدمة Lockbox حاليًا، لذا لا يمكن اتخاذ أي قرار أو إجراء أي تغيير، وقد يكون ما تراه غير محدّث. يعيد مركز الإدارة الاتصال تلقائيًا؛ حاول مرة أخرى بعد ذلك. لا يُؤجَّل أي شيء للتنفيذ لاحقًا.</translation>
    </message>
    <message>
        <source>A local store needs no one-time code: it has no accounts to sign in to.</source>
        <translation>لا يحتاج المخزن المحلي إلى رمز لمرة واحدة: فلا توجد فيه حسابات لتسجيل الدخول إليها.</translation>
    </message>
</context>
<context>
    <name>lockbox::SettingsPage</name>
    <message>
        <source>Require approval for all data access requests</source>
        <translation>اشتراط الموافقة على جميع طلبات الوصول إلى البيانات</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>When on, no engineer gets access to your content without a decision by one of your approvers.</source>
        <translation>عند التشغيل، لا يحصل أي مهندس على حق الوصول إلى المحتوى الخاص بك دون قرار من أحد المعتمِدين لديك.</translation>
    </message>
    <message>
        <source>When this is on, an engineer&apos;s request reaches your approvers after the operator&apos;s manager approved it, and nothing is granted without your decision. When it is off, Lockbox approves what the manager approved, and the audit log says so.</source>
        <translation>عند تشغيل هذا الخيار، يصل طلب المهندس إلى المعتمِدين لديك بعد أن يوافق عليه مدير المشغّل، ولا يُمنح أي شيء دون قرارك. وعند إيقافه، يوافق Lockbox على ما وافق عليه المدير، ويذكر سجل التدقيق ذلك.</translation>
    </message>
    <message>
        <source>Approvals required</source>
        <translation>الموافقات المطلوبة</translation>
    </message>
    <message>
        <source>How many different approvers must approve a request before access is granted.</source>
        <translation>عدد المعتمِدين المختلفين الذين يجب أن يوافقوا على الطلب قبل منح الوصول.</translation>
    </message>
    <message>
        <source>Security &amp; privacy</source>
        <translation>الأمان والخصوصية</translation>
    </message>
    <message>
        <source>Customer Lockbox</source>
        <translation>Customer Lockbox</translation>
    </message>
    <message>
        <source>&amp;Approvals required (distinct approvers):</source>
        <translation>&amp;الموافقات المطلوبة (من معتمِدين مختلفين):</translation>
    </message>
    <message>
        <source>Set when the tenant was created, %1.</source>
        <translation>عُيّن عند إنشاء المستأجر، ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Last changed by %1 at %2.</source>
        <translation>آخر تغيير بواسطة ⁨%L1⁩ في ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>للقراءة فقط: ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Require approval?</source>
        <translation>هل تريد اشتراط الموافقة؟</translation>
    </message>
    <message>
        <source>Stop requiring approval?</source>
        <translation>هل تريد إيقاف اشتراط الموافقة؟</translation>
    </message>
    <message>
        <source>From now on, no data access request is granted without a decision by one of your approvers. Turn it on?</source>
        <translation>من الآن فصاعدًا، لن يُمنح أي طلب وصول إلى البيانات دون قرار من أحد المعتمِدين لديك. هل تريد تشغيله؟</translation>
    </message>
    <message>
        <source>From now on, Lockbox approves every request that the operator&apos;s manager approved, without asking your approvers. Requests already waiting still need a decision. Turn it off?</source>
        <translation>من الآن فصاعدًا، سيوافق Lockbox على كل طلب وافق عليه مدير المشغّل، دون الرجوع إلى المعتمِدين لديك. أما الطلبات المنتظرة حاليًا فما زالت تحتاج إلى قرار. هل تريد إيقافه؟</translation>
    </message>
    <message>
        <source>Change the approvals required?</source>
        <translation>هل تريد تغيير عدد الموافقات المطلوبة؟</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on need %1 different approvers before access is granted; one deny still denies. Requests already waiting keep the number they started with. Change it?</source>
        <translation>الطلبات التي تصل إلى المعتمِدين لديك من الآن فصاعدًا تحتاج إلى ⁨%L1⁩ من المعتمِدين المختلفين قبل منح الوصول؛ ويظل رفض واحد كافيًا للرفض. أما الطلبات المنتظرة حاليًا فتحتفظ بالعدد الذي بدأت به. هل تريد التغيير؟</translation>
    </message>
    <message>
        <source>Changing the settings</source>
        <translation>تغيير الإعدادات</translation>
    </message>
    <message>
        <source>Saved. Approval %1; approvals required: %2.</source>
        <translation>تم الحفظ. الموافقة ⁨%L1⁩؛ عدد الموافقات المطلوبة: ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>is required for all data access requests</source>
        <translation>مطلوبة لجميع طلبات الوصول إلى البيانات</translation>
    </message>
    <message>
        <source>is not required: Lockbox approves what the operator&apos;s manager approved</source>
        <translation>غير مطلوبة: يوافق Lockbox على ما وافق عليه مدير المشغّل</translation>
    </message>
    <message>
        <source>Apply approvals required</source>
        <translation>تطبيق عدد الموافقات المطلوبة</translation>
    </message>
    <message>
        <source>Saves the number of approvals required, after asking</source>
        <translation>يحفظ عدد الموافقات المطلوبة، بعد السؤال</translation>
    </message>
    <message>
        <source>e.g. diego@contoso.com, lidia@contoso.com</source>
        <translation>مثل diego@contoso.com, lidia@contoso.com</translation>
    </message>
    <message>
        <source>Backup approvers</source>
        <translation>المعتمِدون الاحتياطيون</translation>
    </message>
    <message>
        <source>Sign-in names, separated by commas, of Global administrators or Lockbox access approvers who take over a request still undecided at the lead time. Empty: no escalation.</source>
        <translation>أسماء تسجيل الدخول، مفصولة بفواصل، لمسؤولين عامين أو معتمِدي وصول في Lockbox يتولّون الطلب إن لم يُبتّ فيه عند حلول المهلة. فارغ: لا تصعيد.</translation>
    </message>
    <message>
        <source> min before expiry</source>
        <translation> دقيقة قبل انتهاء الصلاحية</translation>
    </message>
    <message>
        <source>Escalation lead time</source>
        <translation>مهلة التصعيد</translation>
    </message>
    <message>
        <source>How many minutes before it expires an undecided request goes to the backup approvers.</source>
        <translation>كم دقيقة قبل انتهاء صلاحيته يُحال الطلب الذي لم يُبتّ فيه إلى المعتمِدين الاحتياطيين.</translation>
    </message>
    <message>
        <source>Apply escalation</source>
        <translation>تطبيق التصعيد</translation>
    </message>
    <message>
        <source>Saves the backup approvers and the lead time, after asking</source>
        <translation>يحفظ المعتمِدين الاحتياطيين والمهلة، بعد السؤال</translation>
    </message>
    <message>
        <source>Who changed the setting last, and when</source>
        <translation>من غيّر الإعداد آخر مرة، ومتى</translation>
    </message>
    <message>
        <source>Why you cannot change the setting</source>
        <translation>سبب عدم قدرتك على تغيير الإعداد</translation>
    </message>
    <message>
        <source>&amp;Backup approvers:</source>
        <translation>المعتمِدون الاحتياطيو&amp;ن:</translation>
    </message>
    <message>
        <source>&amp;Escalate undecided requests:</source>
        <translation>تصعيد الطلبات &amp;دون قرار:</translation>
    </message>
    <message>
        <source>Change the escalation?</source>
        <translation>هل تريد تغيير التصعيد؟</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on are not escalated. Change it?</source>
        <translation>لن تُصعَّد الطلبات التي تصل إلى المعتمِدين لديك من الآن فصاعدًا. هل تريد التغيير؟</translation>
    </message>
    <message>
        <source>Requests that reach your approvers from now on go to %1 when still undecided %2 before they expire. Requests already waiting keep the escalation they started with. Change it?</source>
        <translation>الطلبات التي تصل إلى المعتمِدين لديك من الآن فصاعدًا تُحال إلى ⁨%L1⁩ إن لم يُبتّ فيها قبل ⁨%L2⁩ من انتهاء صلاحيتها. أما الطلبات المنتظرة حاليًا فتحتفظ بالتصعيد الذي بدأت به. هل تريد التغيير؟</translation>
    </message>
</context>
<context>
    <name>lockbox::SigningKey</name>
    <message>
        <source>A signing key is %1 bytes; this one has %2. The key is damaged: create a new one and register it.</source>
        <translation>يتكوّن مفتاح التوقيع من ⁨%L1⁩ بايت؛ وهذا فيه ⁨%L2⁩. المفتاح تالف: أنشئ مفتاحًا جديدًا وسجّله.</translation>
    </message>
</context>
<context>
    <name>lockbox::SodiumLibrary</name>
    <message>
        <source>The cryptography library could not start: the system has no source of random numbers (/dev/urandom).</source>
        <translation>تعذّر بدء مكتبة التشفير: لا يملك النظام مصدرًا للأرقام العشوائية (/dev/urandom).</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlConnection</name>
    <message>
        <source>Qt&apos;s %1 database driver is not installed, so %2 cannot be opened. Install the Debian package %3.</source>
        <translation>برنامج تشغيل قاعدة البيانات ⁨%L1⁩ الخاص بـ Qt غير مثبّت، لذا لا يمكن فتح ⁨%L2⁩. ثبّت حزمة Debian ‏⁨%L3⁩.</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>تعذّر فتح المخزن ⁨%L1⁩: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>%1 is not a Lockbox store: %2</source>
        <translation>‏⁨%L1⁩ ليس مخزن Lockbox: ⁨%L2⁩</translation>
    </message>
    <message>
        <source>Preparing the store</source>
        <translation>تهيئة المخزن</translation>
    </message>
    <message>
        <source>%1 failed in %2: %3</source>
        <translation>فشلت العملية «⁨%L1⁩» في ⁨%L2⁩: ⁨%L3⁩</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>انقطع الاتصال</translation>
    </message>
    <message>
        <source>The database at %1 is unreachable: %2 Check that the PostgreSQL server is running and accepts connections from this machine, then try again.</source>
        <translation>تعذّر الوصول إلى قاعدة البيانات على ⁨%L1⁩: ⁨%L2⁩ تحقق من أن خادم PostgreSQL يعمل ويقبل الاتصالات من هذا الجهاز، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Preparing a write</source>
        <translation>تحضير عملية كتابة</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlDialect</name>
    <message>
        <source>%1 is not a PostgreSQL database URL; write it as postgresql://user:password@host:port/database.</source>
        <translation>‏⁨%L1⁩ ليس عنوان URL لقاعدة بيانات PostgreSQL؛ اكتبه بالشكل postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; in %2 cannot be passed to PostgreSQL; give options as ?name=value&amp;name=value with no spaces.</source>
        <translation>لا يمكن تمرير الخيار «⁨%L1⁩» في ⁨%L2⁩ إلى PostgreSQL؛ اكتب الخيارات بالشكل ?name=value&amp;name=value دون مسافات.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlRepository</name>
    <message>
        <source>There is no request %1 in your organisation.</source>
        <translation>لا يوجد طلب ⁨%L1⁩ في مؤسستك.</translation>
    </message>
    <message>
        <source>Looking up %1&apos;s role</source>
        <translation>البحث عن دور ⁨%L1⁩</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2.</source>
        <translation>لا يملك ⁨%L1⁩ أي دور في Lockbox لدى المستأجر ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>%1 holds no Lockbox role in tenant %2, so cannot sign in there.</source>
        <translation>لا يملك ⁨%L1⁩ أي دور في Lockbox لدى المستأجر ⁨%L2⁩، لذا لا يمكنه تسجيل الدخول هناك.</translation>
    </message>
    <message>
        <source>Reading request %1</source>
        <translation>قراءة الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Reading the settings of %1</source>
        <translation>قراءة إعدادات ⁨%L1⁩</translation>
    </message>
    <message>
        <source>There is no tenant %1 in this store.</source>
        <translation>لا يوجد مستأجر ⁨%L1⁩ في هذا المخزن.</translation>
    </message>
    <message>
        <source>Reading the roles of %1</source>
        <translation>قراءة أدوار ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Reading the audit log</source>
        <translation>قراءة سجل التدقيق</translation>
    </message>
    <message>
        <source>Writing the audit log</source>
        <translation>الكتابة في سجل التدقيق</translation>
    </message>
    <message>
        <source>Saving the role of %1</source>
        <translation>حفظ دور ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Saving request %1</source>
        <translation>حفظ الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Updating request %1</source>
        <translation>تحديث الطلب ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Recording the decision on %1</source>
        <translation>تسجيل القرار بشأن ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Looking for requests that expire</source>
        <translation>البحث عن الطلبات التي تنتهي صلاحيتها</translation>
    </message>
    <message>
        <source>Looking for expired requests</source>
        <translation>البحث عن الطلبات المنتهية الصلاحية</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 requests; %2 was asked for.</source>
        <translation>تضم الصفحة من 1 إلى ⁨%L1⁩ طلب؛ وقد طُلب ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>The search text is too long (at most 200 characters).</source>
        <translation>نص البحث طويل جدًا (200 حرف على الأكثر).</translation>
    </message>
    <message>
        <source>The page cursor is not valid for this list; start again from the first page.</source>
        <translation>مؤشر الصفحة غير صالح لهذه القائمة؛ ابدأ من جديد من الصفحة الأولى.</translation>
    </message>
    <message>
        <source>Listing requests</source>
        <translation>سرد الطلبات</translation>
    </message>
    <message>
        <source>Reading approvals</source>
        <translation>قراءة الموافقات</translation>
    </message>
    <message>
        <source>Counting requests</source>
        <translation>عدّ الطلبات</translation>
    </message>
    <message>
        <source>Numbering the request</source>
        <translation>ترقيم الطلب</translation>
    </message>
    <message>
        <source>No such request in the organisation.</source>
        <translation>لا يوجد طلب كهذا في المؤسسة.</translation>
    </message>
    <message>
        <source>Request %1 vanished.</source>
        <translation>اختفى الطلب ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>Request %1 changed while you decided; look at it again.</source>
        <translation>تغيّر الطلب ⁨%L1⁩ بينما كنت تتخذ قرارك؛ راجعه مرة أخرى.</translation>
    </message>
    <message>
        <source>Checking access</source>
        <translation>التحقق من الوصول</translation>
    </message>
    <message>
        <source>%1 holds no approved request for %2 at %3.</source>
        <translation>ليس لدى ⁨%L1⁩ طلب موافَق عليه لـ ⁨%L2⁩ في ⁨%L3⁩.</translation>
    </message>
    <message>
        <source>%1 is on the operator&apos;s staff: lockbox settings belong to customer tenants.</source>
        <translation>‏⁨%L1⁩ من موظفي المشغّل: إعدادات Lockbox خاصة بمستأجري العملاء.</translation>
    </message>
    <message>
        <source>Saving the settings</source>
        <translation>حفظ الإعدادات</translation>
    </message>
    <message>
        <source>Removing the role of %1</source>
        <translation>إزالة دور ⁨%L1⁩</translation>
    </message>
    <message>
        <source>A page holds 1 to %1 audit records; %2 was asked for.</source>
        <translation>تضم الصفحة من 1 إلى ⁨%L1⁩ سجل تدقيق؛ وقد طُلب ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>A tenant id is one word, like contoso.onmicrosoft.com; &quot;%1&quot; cannot be used.</source>
        <translation>معرّف المستأجر كلمة واحدة، مثل contoso.onmicrosoft.com؛ ولا يمكن استخدام «⁨%L1⁩».</translation>
    </message>
    <message>
        <source>Approvals required must be between 1 and 3.</source>
        <translation>يجب أن يكون عدد الموافقات المطلوبة بين 1 و3.</translation>
    </message>
    <message>
        <source>Give the first Global administrator&apos;s sign-in name, like megan@contoso.com.</source>
        <translation>أدخل اسم تسجيل الدخول لأول مسؤول عام، مثل megan@contoso.com.</translation>
    </message>
    <message>
        <source>Tenant %1 already exists.</source>
        <translation>المستأجر ⁨%L1⁩ موجود بالفعل.</translation>
    </message>
    <message>
        <source>Creating tenant %1</source>
        <translation>إنشاء المستأجر ⁨%L1⁩</translation>
    </message>
    <message>
        <source>Operator staff are Support engineers or Support managers.</source>
        <translation>موظفو المشغّل إما مهندسو دعم أو مديرو دعم.</translation>
    </message>
    <message>
        <source>Give the staff member&apos;s sign-in name, like alex@operator.example.</source>
        <translation>أدخل اسم تسجيل الدخول للموظف، مثل alex@operator.example.</translation>
    </message>
    <message>
        <source>Looking for requests that expire within the hour</source>
        <translation>البحث عن الطلبات التي تنتهي صلاحيتها خلال ساعة</translation>
    </message>
    <message>
        <source>A public signing key is %1 bytes (Ed25519); this one has %2.</source>
        <translation>يتكوّن مفتاح التوقيع العام من ⁨%L1⁩ بايت (Ed25519)؛ وهذا فيه ⁨%L2⁩.</translation>
    </message>
    <message>
        <source>Reading the signing keys</source>
        <translation>قراءة مفاتيح التوقيع</translation>
    </message>
    <message>
        <source>The key %1 is registered to someone else already; create a key of your own.</source>
        <translation>المفتاح ⁨%L1⁩ مسجّل باسم شخص آخر بالفعل؛ أنشئ مفتاحًا خاصًا بك.</translation>
    </message>
    <message>
        <source>Registering the signing key</source>
        <translation>تسجيل مفتاح التوقيع</translation>
    </message>
    <message>
        <source>Decisions are signed by the approver who takes them, and this one is not: decide in the Admin Center, or with &apos;lockboxctl %1 --key FILE&apos; (your key from &apos;lockboxctl key create FILE&apos;). A call to the API carries it in the body&apos;s &quot;signature&quot; field (&apos;lockboxctl key sign&apos; makes it).</source>
        <translation>يوقّع القرارات الموافِقُ الذي يتخذها، وهذا القرار غير موقّع: اتخذ القرار في مركز الإدارة، أو باستخدام ⁨&apos;lockboxctl %L1 --key FILE&apos;⁩ (مفتاحك من ⁨&apos;lockboxctl key create FILE&apos;⁩). ويحمله استدعاء الواجهة البرمجية في الحقل ⁨&quot;signature&quot;⁩ من المتن (ينشئه ⁨&apos;lockboxctl key sign&apos;⁩).</translation>
    </message>
    <message>
        <source>Writing the decision</source>
        <translation>كتابة القرار</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while your decision on %2 was being written, so it may or may not have been recorded: look at the request again before you decide once more.</source>
        <translation>انقطع الاتصال بـ ⁨%1⁩ أثناء كتابة قرارك بشأن ⁨%2⁩، لذا ربما سُجّل وربما لم يُسجَّل: راجع الطلب مرة أخرى قبل أن تقرر من جديد.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlStore</name>
    <message>
        <source>The store %1 is not open.</source>
        <translation>المخزن ⁨%L1⁩ غير مفتوح.</translation>
    </message>
</context>
<context>
    <name>lockbox::SqlWriteTransaction</name>
    <message>
        <source>Starting a write</source>
        <translation>بدء عملية كتابة</translation>
    </message>
    <message>
        <source>Saving the change</source>
        <translation>حفظ التغيير</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpDialog</name>
    <message>
        <source>Confirm with a one-time code</source>
        <translation>التأكيد برمز لمرة واحدة</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; needs a one-time code from your authenticator app: decisions and changes need one entered within the last 5 minutes.</source>
        <translation>يتطلب &lt;b&gt;⁨%L1⁩&lt;/b&gt; رمزًا لمرة واحدة من تطبيق المصادقة: تحتاج القرارات والتغييرات إلى رمز أُدخل خلال آخر 5 دقائق.</translation>
    </message>
    <message>
        <source>&amp;One-time code:</source>
        <translation>الرمز لمرة &amp;واحدة:</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 أرقام</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>الرمز لمرة واحدة</translation>
    </message>
    <message>
        <source>The code your authenticator app shows now</source>
        <translation>الرمز الذي يعرضه تطبيق المصادقة الآن</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <source>Why the code was not accepted</source>
        <translation>سبب عدم قبول الرمز</translation>
    </message>
    <message>
        <source>Sends the code, then does what you asked</source>
        <translation>يرسل الرمز، ثم ينفّذ ما طلبته</translation>
    </message>
    <message>
        <source>Closes the dialog; nothing is done</source>
        <translation>يغلق مربع الحوار؛ لا يُنفَّذ أي شيء</translation>
    </message>
</context>
<context>
    <name>lockbox::StepUpPrompt</name>
    <message>
        <source>Nothing was done: the one-time code was not entered.</source>
        <translation>لم يُنفَّذ أي شيء: لم يُدخل الرمز لمرة واحدة.</translation>
    </message>
</context>
<context>
    <name>lockbox::TenantJson</name>
    <message>
        <source>The settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>A role assignment</source>
        <translation>تعيين دور</translation>
    </message>
    <message>
        <source>an unknown role &quot;%1&quot;</source>
        <translation>دورًا غير معروف «⁨%L1⁩»</translation>
    </message>
    <message>
        <source>A list of role assignments should be a JSON list, not %1.</source>
        <translation>يجب أن تكون قائمة تعيينات الأدوار قائمة JSON، وليس ⁨%L1⁩.</translation>
    </message>
    <message>
        <source>A list of role assignments</source>
        <translation>قائمة تعيينات أدوار</translation>
    </message>
    <message>
        <source>An access check</source>
        <translation>فحص وصول</translation>
    </message>
    <message>
        <source>A signing key</source>
        <translation>مفتاح توقيع</translation>
    </message>
</context>
<context>
    <name>lockbox::TimeFormat</name>
    <message>
        <source>%L1 d</source>
        <comment>days, abbreviated</comment>
        <translation>%L1 يوم</translation>
    </message>
    <message>
        <source>%L1 h</source>
        <comment>hours, abbreviated</comment>
        <translation>%L1 س</translation>
    </message>
    <message>
        <source>%L1 min</source>
        <comment>minutes, abbreviated</comment>
        <translation>%L1 د</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no time left</comment>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <comment>seconds, abbreviated</comment>
        <translation>%L1 ث</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <comment>a date and time in Coordinated Universal Time</comment>
        <translation>%L1 UTC‏</translation>
    </message>
</context>
<context>
    <name>lockbox::TrayIcon</name>
    <message>
        <source>&amp;Open Lockbox Admin Center</source>
        <translation>فتح مركز &amp;إدارة Lockbox</translation>
    </message>
    <message>
        <source>Open the last &amp;notification&apos;s request</source>
        <translation>فتح طلب آخر إشعا&amp;ر</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>خرو&amp;ج</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: no request awaits approval</source>
        <translation>مركز إدارة Lockbox: لا توجد طلبات بانتظار الموافقة</translation>
    </message>
    <message>
        <source>Lockbox Admin Center: 1 pending request</source>
        <translation>مركز إدارة Lockbox: طلب معلّق واحد</translation>
    </message>
    <message numerus="yes">
        <source>Lockbox Admin Center: %n pending requests</source>
        <translation>
            <numerusform>مركز إدارة Lockbox: لا طلبات معلّقة</numerusform>
            <numerusform>مركز إدارة Lockbox: طلب معلّق واحد</numerusform>
            <numerusform>مركز إدارة Lockbox: طلبان معلّقان</numerusform>
            <numerusform>مركز إدارة Lockbox: ⁨%Ln⁩ طلبات معلّقة</numerusform>
            <numerusform>مركز إدارة Lockbox: ⁨%Ln⁩ طلبًا معلّقًا</numerusform>
            <numerusform>مركز إدارة Lockbox: ⁨%Ln⁩ طلب معلّق</numerusform>
        </translation>
    </message>
</context>
</TS>
