#include "AuditChainHead.h"

namespace lockbox {

std::optional<AuditChainHead::Link> AuditChainHead::forTenant(const QString& tenantId) const
{
    const auto found = m_tenants.constFind(tenantId);
    if (!m_seq || found == m_tenants.cend())
        return std::nullopt;
    Link link = *found;
    link.seq = *m_seq;
    return link;
}

void AuditChainHead::advance(qint64 from, const QString& tenantId, const Link& last)
{
    if (m_seq != from || m_tenants.size() >= maxTenants)
        m_tenants.clear();
    m_seq = last.seq;
    m_tenants.insert(tenantId, last);
}

void AuditChainHead::forget()
{
    m_seq.reset();
    m_tenants.clear();
}

} // namespace lockbox
