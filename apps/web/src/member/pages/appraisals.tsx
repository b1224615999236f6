import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_STAGE_LABELS } from '@hongyun/shared';
import { useMyAppraisalHistory, useMyAppraisals, type MyAppraisalSummary } from '../../api/appraisal';
import { useLabel } from '../../shared/labels';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go } from '../router';
import './appraisal.css';

/** 民主评议: the appraisals I take part in (what is left for me to do) and my grades by year. */
export function AppraisalsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const list = useMyAppraisals();
  const history = useMyAppraisalHistory();
  const items = list.data?.items ?? [];
  const years = history.data?.items ?? [];

  return (
    <Shell title={t('mappraisal.list.title')}>
      <p className="m-intro">{t('mappraisal.list.intro')}</p>
      {list.isLoading ? <Loading /> : null}
      {list.isError ? <Problem error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <p className="m-empty">{t('mappraisal.list.empty')}</p> : null}
      {items.length ? (
        <ul className="ma-list">
          {items.map((c) => <li key={c.id}><CampaignItem campaign={c} /></li>)}
        </ul>
      ) : null}
      {years.length ? (
        <Section title={t('mappraisal.list.history')}>
          <ul className="m-list">
            {years.map((h) => (
              <li key={h.year} className="m-list-item">
                <span>{t('mappraisal.yearLabel', { year: h.year })}<span className="ma-sub"> · {h.orgName}</span></span>
                <strong>{label(APPRAISAL_GRADE_LABELS[h.grade])}</strong>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Shell>
  );
}

function CampaignItem({ campaign: c }: { campaign: MyAppraisalSummary }) {
  const { t } = useTranslation();
  const label = useLabel();
  const total = c.reviewed + c.toReview;
  let status: string;
  if (c.stage === 'reviewing') status = c.finished ? t('mappraisal.list.done') : t('mappraisal.list.todo', { self: c.selfSubmitted ? t('mappraisal.list.selfDone') : t('mappraisal.list.selfTodo'), n: c.reviewed, total, date: c.reviewDueOn });
  else if (c.myGrade) status = t('mappraisal.list.grade', { grade: label(APPRAISAL_GRADE_LABELS[c.myGrade]) });
  else status = t('mappraisal.list.waiting');

  return (
    <button type="button" className="ma-item" onClick={() => go('appraisal', { id: c.id })}>
      <span className="ma-item-title">{c.title}</span>
      <span className="ma-sub">{c.orgName}</span>
      <span className="ma-badges">
        <span className={`ma-badge${c.stage === 'reviewing' && !c.finished ? ' ma-badge-red' : ''}`}>{label(APPRAISAL_STAGE_LABELS[c.stage])}</span>
        {c.stage === 'published' && c.appealUntil ? <span className="ma-badge ma-badge-gold">{t('mappraisal.list.appealUntil', { date: c.appealUntil })}</span> : null}
      </span>
      <span className="ma-sub">{status}</span>
    </button>
  );
}
