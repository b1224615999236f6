import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, OUTCOME_KIND_LABELS, POINTS_CATEGORY_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { useMyPointsReport, type MyPointsReport } from '../../api/learning';
import { useLabel } from '../../shared/labels';
import { formatDate, formatDateTime, thisYear } from './learning-format';
import { Fields, Loading, Problem, Section, Shell } from '../components/ui';
import { go, useQueryParams } from '../router';
import './meetings.css';
import './learning.css';

// On paper: the report only (no top bar, no buttons), black on white, sections kept whole.
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 15mm 12mm; }
  .m-bar, .mr-no-print { display: none !important; }
  .m-app, .m-main { background: #fff !important; padding: 0 !important; max-width: none !important; }
  .m-card { break-inside: avoid; box-shadow: none !important; border: 1px solid #999; }
  body { color: #000; }
}`;

function useYear(): number {
  const raw = Number(useQueryParams().get('year'));
  return Number.isInteger(raw) && raw >= 2000 && raw <= thisYear() ? raw : thisYear();
}

/** 我的年度体检报告: what I did in a year, generated from the records already entered; printable; no ranking. */
export function PointsReportPage() {
  const { t } = useTranslation();
  const year = useYear();
  const report = useMyPointsReport(year);
  const setYear = (y: number) => go('pointsReport', { replace: true, query: y === thisYear() ? undefined : { year: String(y) } });
  return (
    <Shell title={t('mreport.title')}>
      <style>{PRINT_CSS}</style>
      <div className="ml-year mr-no-print">
        <button type="button" onClick={() => setYear(year - 1)} aria-label={t('mreport.prevYear')}>‹</button>
        <strong>{t('mreport.year', { year })}</strong>
        <button type="button" onClick={() => setYear(year + 1)} disabled={year >= thisYear()} aria-label={t('mreport.nextYear')}>›</button>
      </div>
      {report.isLoading ? <Loading /> : null}
      {report.isError ? <Problem error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data ? <ReportBody r={report.data} /> : null}
    </Shell>
  );
}

function ReportBody({ r }: { r: MyPointsReport }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const done = r.outcomes.filter((o) => o.count > 0);
  const grade = r.appraisalGrade && r.appraisalGrade in APPRAISAL_GRADE_LABELS ? label(APPRAISAL_GRADE_LABELS[r.appraisalGrade as AppraisalGrade]) : null;
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return (
    <>
      <Section title={t('mreport.heading', { year: r.year })}>
        <Fields rows={[
          { key: 'name', label: t('mreport.name'), value: r.member.name },
          { key: 'org', label: t('mreport.org'), value: r.member.orgName },
        ]} />
        <p className="m-muted m-hint">{t('mreport.fromRecords')}</p>
      </Section>

      <Section title={t('mreport.index')}>
        <p className="ml-big">{r.index.value}</p>
        <p className="ml-stars" aria-label={t('mreport.stars', { n: r.index.stars })}>
          {'★'.repeat(r.index.stars)}{'☆'.repeat(Math.max(0, r.formulas.starThresholds.length - r.index.stars))}
        </p>
        <p className="m-muted m-hint">{t('mreport.points', { points: r.index.points })}</p>
        <p className="m-muted m-hint">{t('mreport.formula', { formula: r.formulas.member })}</p>
        {r.byCategory.map((c) => (
          <div key={c.category} className="ml-row">
            <span className="ml-row-main">{label(POINTS_CATEGORY_LABELS[c.category])}</span>
            <span className={c.points < 0 ? 'ml-minus' : c.points > 0 ? 'ml-plus' : 'm-muted'}>{sign(c.points)}</span>
          </div>
        ))}
      </Section>

      <Section title={t('mreport.done')}>
        {done.length === 0 ? <p className="m-muted">{t('mreport.noOutcomes')}</p> : done.map((o) => (
          <div key={o.kind} className="ml-row">
            <span className="ml-row-main">{label(OUTCOME_KIND_LABELS[o.kind])}</span>
            <span>{t('mreport.times', { n: o.count })}</span>
          </div>
        ))}
      </Section>

      <Section title={t('mreport.studyHours')}>
        <p>{t('mreport.hoursLine', { hours: r.studyHours.hours, required: r.studyHours.required, records: r.studyHours.records })}</p>
        <div className="ml-bar" aria-hidden="true"><span style={{ width: `${r.studyHours.required ? Math.min(100, (r.studyHours.hours / r.studyHours.required) * 100) : 0}%` }} /></div>
        <p className="m-muted m-hint">{t('mreport.hoursNote')}</p>
      </Section>

      <Section title={t('mreport.appraisal')}>
        <p>{grade ?? t('mreport.noAppraisal')}</p>
      </Section>

      <Section title={t('mreport.awards')}>
        {r.awards.length === 0 ? <p className="m-muted">{t('mreport.noAwards')}</p> : r.awards.map((a, i) => (
          <div key={i} className="ml-row">
            <span className="ml-row-main">{a.item}<span className="ml-row-sub">{formatDate(a.occurredOn, i18n.language)}{a.reason ? ` · ${a.reason}` : ''}</span></span>
            <span className={a.points < 0 ? 'ml-minus' : 'ml-plus'}>{sign(a.points)}</span>
          </div>
        ))}
      </Section>

      <Section title={t('mreport.appeals')}>
        <p>{t('mreport.appealsLine', { open: r.appeals.open, decided: r.appeals.decided })}</p>
      </Section>

      <p className="m-muted m-hint">{t('mreport.generated', { at: formatDateTime(r.generatedAt, i18n.language) })}</p>
      <div className="mr-no-print" style={{ display: 'flex', gap: 12, marginTop: 12 }}>
        <button type="button" className="m-button" style={{ flex: 1 }} onClick={() => window.print()}>{t('mreport.print')}</button>
        <button type="button" className="m-button m-button-secondary" style={{ flex: 1 }} onClick={() => go('points', { query: r.year === thisYear() ? undefined : { year: String(r.year) } })}>{t('mreport.toPoints')}</button>
      </div>
    </>
  );
}
