import { useTranslation } from 'react-i18next';
import { LEADERSHIP_POST_LABELS, ORG_KIND_INFO } from '@hongyun/shared';
import { useMyOrg } from '../../api/me';
import { formatDate } from '../../shared/format';
import { useLabel } from '../../shared/labels';
import { Fields, Loading, Problem, Section, Shell } from '../components/ui';

/** 我的组织: the member's organisation, its secretary and committee. */
export function OrgPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const query = useMyOrg();
  const d = query.data;

  return (
    <Shell title={t('m.home.org')}>
      {query.isLoading ? <Loading /> : null}
      {query.isError ? <Problem error={query.error} onRetry={() => void query.refetch()} /> : null}
      {d ? (
        <>
          <Section title={d.org.name}>
            <Fields
              rows={[
                { key: 'kind', label: t('org.field.kind'), value: label(ORG_KIND_INFO[d.org.kind]) },
                { key: 'members', label: t('org.counts.members'), value: d.memberCount },
                { key: 'contactName', label: t('org.field.contactName'), value: d.org.contactName },
                {
                  key: 'contactPhone', label: t('org.field.contactPhone'),
                  value: d.org.contactPhone ? <a href={`tel:${d.org.contactPhone}`}>{d.org.contactPhone}</a> : null,
                },
                { key: 'address', label: t('org.field.address'), value: d.org.address },
              ]}
            />
          </Section>
          <Section title={t('org.section.leadership')}>
            {d.leadership ? (
              <>
                <Fields
                  rows={[
                    { key: 'termStart', label: t('org.leadership.termStart'), value: formatDate(d.leadership.termStart) },
                    { key: 'termDue', label: t('org.leadership.termDue'), value: formatDate(d.leadership.termDue) },
                  ]}
                />
                <ul className="m-list">
                  {d.leadership.posts.map((p) => (
                    <li key={p.id} className="m-list-item">
                      <span className="m-post">{label(LEADERSHIP_POST_LABELS[p.post])}</span>
                      <span>{p.memberName}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="m-muted">{t('org.leadership.none')}</p>
            )}
          </Section>
        </>
      ) : null}
    </Shell>
  );
}
