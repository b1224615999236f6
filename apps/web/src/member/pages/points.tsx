import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POINTS_CATEGORY_LABELS } from '@hongyun/shared';
import { useAppeal, useMyPoints, type MyPointsEntry } from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { useLabel } from '../../shared/labels';
import { formatDate, formatDateTime, thisYear } from './learning-format';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go, useQueryParams } from '../router';
import './meetings.css';
import './learning.css';

const KNOWN_SOURCES = ['award', 'appeal', 'exam', 'quizSession', 'course', 'meeting', 'volunteer'];
const APPEAL_MAX = 500;

/** The year from '?year=', defaulting to this year (Beijing time). */
export function useYearParam(): number {
  const raw = Number(useQueryParams().get('year'));
  return Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : thisYear();
}

export function YearSwitch({ year, screen }: { year: number; screen: 'points' | 'rulebook' }) {
  const { t } = useTranslation();
  const set = (y: number) => go(screen, { replace: true, query: y === thisYear() ? undefined : { year: String(y) } });
  return (
    <div className="ml-year">
      <button type="button" onClick={() => set(year - 1)} aria-label={t('mlearning.prevYear')}>‹</button>
      <strong>{t('mlearning.year', { year })}</strong>
      <button type="button" onClick={() => set(year + 1)} disabled={year >= thisYear()} aria-label={t('mlearning.nextYear')}>›</button>
    </div>
  );
}

/** 我的积分: my index and stars, where the points came from, each entry with its rule version, my appeals. No rankings. */
export function PointsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const year = useYearParam();
  const points = useMyPoints(year);
  const [appealing, setAppealing] = useState<number | 'year' | null>(null);
  const d = points.data;

  return (
    <Shell title={t('mlearning.points.title')}>
      <YearSwitch year={year} screen="points" />
      {points.isLoading ? <Loading /> : null}
      {points.isError ? <Problem error={points.error} onRetry={() => void points.refetch()} /> : null}
      {d ? (
        <>
          <Section title={t('mlearning.points.index')}>
            <p className="ml-big">{d.index.value}</p>
            <p className="ml-stars" aria-label={t('mlearning.points.stars', { n: d.index.stars })}>
              {'★'.repeat(d.index.stars)}{'☆'.repeat(Math.max(0, d.formulas.starThresholds.length - d.index.stars))}
            </p>
            <p className="m-muted m-hint">{t('mlearning.points.total', { points: d.index.points })}</p>
            <p className="m-muted m-hint">{t('mlearning.points.formula')}{d.formulas.member}</p>
            {/* The server's text names itself (星级：…). */}
            <p className="m-muted m-hint">{d.formulas.stars}</p>
            <button type="button" className="ml-link" onClick={() => go('rulebook', { query: year === thisYear() ? undefined : { year: String(year) } })}>
              {t('mlearning.points.rulebook')} ›
            </button>
            <button type="button" className="ml-link" onClick={() => go('pointsReport', { query: year === thisYear() ? undefined : { year: String(year) } })}>
              {t('mreport.link')} ›
            </button>
          </Section>

          <Section title={t('mlearning.points.byCategory')}>
            {d.byCategory.length === 0 ? <p className="m-muted">{t('mlearning.points.none')}</p> : d.byCategory.map((c) => (
              <div key={c.category} className="ml-row"><span>{label(POINTS_CATEGORY_LABELS[c.category])}</span><Num n={c.points} /></div>
            ))}
          </Section>

          <Section title={t('mlearning.points.byRule')}>
            {d.byRule.length === 0 ? <p className="m-muted">{t('mlearning.points.none')}</p> : d.byRule.map((r) => (
              <div key={r.ruleCode} className="ml-row">
                <span className="ml-row-main">{r.item}<span className="ml-row-sub">{label(POINTS_CATEGORY_LABELS[r.category])} · {t('mlearning.points.entryCount', { n: r.entries })}</span></span>
                <Num n={r.points} />
              </div>
            ))}
          </Section>

          <Section title={t('mlearning.points.entries')}>
            {d.entries.length === 0 ? <p className="m-muted">{t('mlearning.points.noEntries')}</p> : d.entries.map((e) => (
              <div key={e.id} className="ml-row" style={{ flexDirection: 'column', gap: 4 }}>
                <Entry entry={e} />
                {e.appealable && appealing !== e.id ? (
                  <button type="button" className="ml-link" style={{ alignSelf: 'flex-start' }} onClick={() => setAppealing(e.id)}>{t('mlearning.points.appeal')}</button>
                ) : null}
                {appealing === e.id ? <AppealForm entryId={e.id} onDone={() => setAppealing(null)} /> : null}
              </div>
            ))}
          </Section>

          <Section title={t('mlearning.points.appeals')}>
            {d.appeals.length === 0 ? <p className="m-muted">{t('mlearning.points.noAppeals')}</p> : d.appeals.map((a) => (
              <div key={a.id} className="ml-row" style={{ flexDirection: 'column', gap: 2 }}>
                <span>
                  <span className={`mm-badge ${a.status === 'open' ? 'mm-badge-gold' : a.status === 'corrected' ? 'mm-badge-green' : ''}`}>{t(`mlearning.appealStatus.${a.status}`)}</span>{' '}
                  {a.entryItem ? `${a.entryItem}（${a.entryPoints ?? 0}）` : t('mlearning.points.yearAppeal', { year: a.year })}
                </span>
                <span className="ml-row-sub">{t('mlearning.points.myReason')}{a.reason}</span>
                <span className="ml-row-sub">{formatDateTime(a.createdAt, i18n.language)}</span>
                {a.decision ? <span>{t('mlearning.points.decision')}{a.decision}{a.decidedAt ? `（${formatDateTime(a.decidedAt, i18n.language)}）` : ''}</span> : null}
              </div>
            ))}
            {appealing === 'year' ? <AppealForm year={year} onDone={() => setAppealing(null)} /> : (
              <button type="button" className="m-button m-button-secondary" style={{ width: '100%' }} onClick={() => setAppealing('year')}>{t('mlearning.points.appealYear')}</button>
            )}
          </Section>
        </>
      ) : null}
    </Shell>
  );
}

function Num({ n }: { n: number }) {
  return <span className={n < 0 ? 'ml-minus' : n > 0 ? 'ml-plus' : 'm-muted'}>{n > 0 ? `+${n}` : n}</span>;
}

/** "<source>：<title>", unless the title already begins with the source's name (一键答题：答对 5/5 题). */
function sourceLine(source: string, title: string | null): string {
  if (!title) return source;
  return title.startsWith(source) ? title : `${source}：${title}`;
}

function Entry({ entry: e }: { entry: MyPointsEntry }) {
  const { t, i18n } = useTranslation();
  const source = KNOWN_SOURCES.includes(e.sourceType) ? t(`mlearning.source.${e.sourceType}`) : t('mlearning.source.other');
  return (
    <span style={{ display: 'flex', gap: 12 }}>
      <span className="ml-row-main">
        <span style={{ textDecoration: e.status === 'reversed' || e.status === 'rejected' ? 'line-through' : undefined }}>{e.item}</span>{' '}
        {e.status !== 'active' ? <span className="mm-badge">{t(`mlearning.entryStatus.${e.status}`)}</span> : null}
        <span className="ml-row-sub">{formatDate(e.occurredOn, i18n.language)} · {sourceLine(source, e.sourceTitle)}</span>
        <span className="ml-row-sub">{t('mlearning.points.ruleVersion', { code: e.ruleCode, version: e.rulebookVersion })}</span>
        {e.decisionNote ? <span className="ml-row-sub">{t('mlearning.points.note')}{e.decisionNote}</span> : null}
      </span>
      <Num n={e.points} />
    </span>
  );
}

function AppealForm({ entryId, year, onDone }: { entryId?: number; year?: number; onDone: () => void }) {
  const { t } = useTranslation();
  const appeal = useAppeal();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = reason.trim() === '';
  const send = () => {
    setTouched(true);
    if (empty) return;
    appeal.mutate({ entryId, year: entryId ? undefined : year, reason: reason.trim() }, { onSuccess: onDone });
  };
  return (
    <div className="m-form" style={{ marginTop: 8 }}>
      <label className="m-label" htmlFor={`ml-appeal-${entryId ?? 'year'}`}>{t('mlearning.points.reason')}</label>
      <textarea id={`ml-appeal-${entryId ?? 'year'}`} className="mm-textarea" value={reason} maxLength={APPEAL_MAX}
        onChange={(e) => setReason(e.target.value)} placeholder={t('mlearning.points.reasonHint')} />
      {touched && empty ? <p className="m-field-error">{t('mlearning.points.reasonRequired')}</p> : null}
      {appeal.isError ? <p className="m-field-error" role="alert">{errorText(t, appeal.error)}</p> : null}
      <div className="mm-actions">
        <button type="button" className="m-button m-button-secondary" onClick={onDone}>{t('common.cancel')}</button>
        <button type="button" className="m-button" onClick={send} disabled={appeal.isPending}>{appeal.isPending ? t('common.loading') : t('mlearning.points.sendAppeal')}</button>
      </div>
    </div>
  );
}
