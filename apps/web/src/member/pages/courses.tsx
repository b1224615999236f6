import { useTranslation } from 'react-i18next';
import { STUDY_HOURS_SOURCE_LABELS } from '@hongyun/shared';
import { useMyCourses, useMyStudyHours } from '../../api/my-learning';
import { useLabel } from '../../shared/labels';
import { formatDate, thisYear } from './learning-format';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go } from '../router';
import './meetings.css';
import './learning.css';

/** 学习课程: my study hours this year against the requirement, then the courses I may study with my progress. */
export function CoursesPage() {
  const { t } = useTranslation();
  const list = useMyCourses();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Shell title={t('mlearning.courses.title')}>
      <StudyHours />
      {list.isLoading ? <Loading /> : null}
      {list.isError ? <Problem error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <p className="m-empty">{t('mlearning.courses.empty')}</p> : null}
      {items.length ? (
        <ul className="mm-list">
          {items.map((c) => (
            <li key={c.id}>
              <button type="button" className="mm-item" onClick={() => go('course', { id: c.id })}>
                <span className="mm-item-title">{c.title}</span>
                <span className="mm-item-meta">{[c.category, c.lecturer, t('mlearning.courses.hours', { n: c.studyHours })].filter(Boolean).join(' · ')}</span>
                <span className="ml-bar" aria-hidden="true"><span style={{ width: `${c.chapterCount ? (c.completedChapters / c.chapterCount) * 100 : 0}%` }} /></span>
                <span className="mm-item-badges">
                  {c.completedAt ? <span className="mm-badge mm-badge-green">{t('mlearning.courses.completed')}</span>
                    : <span className="mm-badge">{t('mlearning.courses.progress', { done: c.completedChapters, total: c.chapterCount })}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="m-button m-button-secondary mm-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? t('common.loading') : t('mlearning.more')}
        </button>
      ) : null}
    </Shell>
  );
}

function StudyHours() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const hours = useMyStudyHours(thisYear());
  const d = hours.data;
  if (hours.isLoading) return null;
  if (hours.isError) return <Problem error={hours.error} onRetry={() => void hours.refetch()} />;
  if (!d) return null;
  const share = d.required > 0 ? Math.min(1, d.total / d.required) : 1;
  return (
    <Section title={t('mlearning.hours.title', { year: d.year })}>
      <p style={{ margin: 0 }}><strong className="ml-big" style={{ fontSize: 30 }}>{d.total}</strong> / {t('mlearning.hours.required', { n: d.required })}</p>
      <div className="ml-bar" aria-hidden="true"><span style={{ width: `${share * 100}%` }} /></div>
      <p className={d.total >= d.required ? 'mm-done' : 'm-muted m-hint'}>
        {d.total >= d.required ? t('mlearning.hours.met') : t('mlearning.hours.left', { n: Math.round((d.required - d.total) * 10) / 10 })}
      </p>
      <p className="m-muted m-hint">{d.leader ? t('mlearning.hours.leader') : null}{d.requirementCitation}</p>
      {d.entries.length ? (
        <details style={{ marginTop: 8 }}>
          <summary>{t('mlearning.hours.entries', { n: d.entries.length })}</summary>
          {d.entries.map((e) => (
            <div key={e.id} className="ml-row">
              <span className="ml-row-main">{e.title}<span className="ml-row-sub">{label(STUDY_HOURS_SOURCE_LABELS[e.sourceType])} · {formatDate(e.recordedAt, i18n.language)}</span></span>
              <span className="ml-plus">{t('mlearning.courses.hours', { n: e.hours })}</span>
            </div>
          ))}
        </details>
      ) : null}
    </Section>
  );
}
