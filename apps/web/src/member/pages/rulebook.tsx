import { useTranslation } from 'react-i18next';
import { OUTCOME_KIND_LABELS, POINTS_CATEGORY_LABELS } from '@hongyun/shared';
import { useMyRulebook } from '../../api/my-learning';
import { useLabel } from '../../shared/labels';
import { formatDate } from './learning-format';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { useYearParam, YearSwitch } from './points';
import './learning.css';

/** 积分规则: the published rulebook of a year, so every member can see how points are earned. */
export function RulebookPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const year = useYearParam();
  const book = useMyRulebook(year);
  const r = book.data?.rulebook;

  return (
    <Shell title={t('mlearning.rulebook.title')}>
      <YearSwitch year={year} screen="rulebook" />
      {book.isLoading ? <Loading /> : null}
      {book.isError ? <Problem error={book.error} onRetry={() => void book.refetch()} /> : null}
      {book.data && !r ? <p className="m-empty">{t('mlearning.rulebook.none')}</p> : null}
      {r ? (
        <>
          <p className="m-intro">
            {r.title} · {r.orgName} · {t('mlearning.rulebook.version', { version: r.version })}
            {r.publishedAt ? ` · ${t('mlearning.rulebook.published', { date: formatDate(r.publishedAt, i18n.language) })}` : ''}
          </p>
          <Section title={t('mlearning.rulebook.rules')}>
            {r.rules.length === 0 ? <p className="m-muted">{t('mlearning.rulebook.noRules')}</p> : r.rules.map((rule) => {
              const caps = [
                rule.capDay !== null ? t('mlearning.rulebook.capDay', { n: rule.capDay }) : null,
                rule.capMonth !== null ? t('mlearning.rulebook.capMonth', { n: rule.capMonth }) : null,
                rule.capYear !== null ? t('mlearning.rulebook.capYear', { n: rule.capYear }) : null,
                rule.onceOnly ? t('mlearning.rulebook.onceOnly') : null,
              ].filter(Boolean);
              return (
                <div key={rule.id} className="ml-row">
                  <span className="ml-row-main">
                    {rule.item}
                    <span className="ml-row-sub">{label(POINTS_CATEGORY_LABELS[rule.category])} · {rule.earnMode === 'auto'
                      ? (rule.outcomeKind ? t('mlearning.rulebook.auto', { outcome: label(OUTCOME_KIND_LABELS[rule.outcomeKind]) }) : t('mlearning.rulebook.autoPlain'))
                      : t('mlearning.rulebook.award')}{rule.evidenceRequired ? ` · ${t('mlearning.rulebook.evidence')}` : ''}</span>
                    {rule.description ? <span className="ml-row-sub">{rule.description}</span> : null}
                    {caps.length ? <span className="ml-row-sub">{caps.join('，')}</span> : null}
                    {rule.validFrom || rule.validTo ? <span className="ml-row-sub">{t('mlearning.rulebook.valid', { from: rule.validFrom ?? '…', to: rule.validTo ?? '…' })}</span> : null}
                  </span>
                  <span className={rule.points < 0 ? 'ml-minus' : 'ml-plus'}>{rule.points > 0 ? `+${rule.points}` : rule.points}</span>
                </div>
              );
            })}
          </Section>
        </>
      ) : null}
    </Shell>
  );
}
