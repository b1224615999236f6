import { Button, Flex, InputNumber, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { APPRAISAL_GRADE_LABELS, OUTCOME_KIND_LABELS, POINTS_CATEGORY_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { useOrgPointsReport, type OrgPointsReport } from '../../../api/learning';
import { formatDateTime, orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { QueryState } from '../../components/page-state';

// A4 portrait, black on white; on paper only the report shows (the layout's menu and header are hidden).
const PRINT_CSS = `
.hy-report { max-width: 186mm; margin: 0 auto; padding: 24px 32px; background: #fff; color: #000; font-size: 13px; line-height: 1.6; font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; }
.hy-report h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.hy-report .sub { text-align: center; margin-bottom: 16px; }
.hy-report h2 { font-size: 15px; margin: 18px 0 6px; }
.hy-report table { width: 100%; border-collapse: collapse; }
.hy-report th, .hy-report td { border: 1px solid #000; padding: 4px 6px; text-align: left; vertical-align: top; }
.hy-report th { background: #f2f2f2; font-weight: 600; }
.hy-report td.n { text-align: center; white-space: nowrap; }
.hy-report .note { color: #444; font-size: 12px; }
.hy-report .foot { margin-top: 24px; display: flex; justify-content: space-between; }
@media print {
  @page { size: A4 portrait; margin: 15mm 12mm; }
  body * { visibility: hidden; }
  .hy-report, .hy-report * { visibility: visible; }
  .hy-report { position: absolute; left: 0; top: 0; width: 100%; max-width: none; padding: 0; }
  .hy-report th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** 组织年度体检报告: an organisation's year as counts from the records already entered, printable; never a ranking of people. */
export function OrgPointsReportPage() {
  const { t } = useTranslation();
  const orgId = Number(useParams().orgId);
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : thisYear();
  const report = useOrgPointsReport(orgId, year);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Flex gap={12} align="center" wrap justify="center" style={{ marginBottom: 16 }}>
        <Link to="/points"><Button>{t('learning.report.back')}</Button></Link>
        <Typography.Text>{t('learning.pointsPage.year')}</Typography.Text>
        <InputNumber min={2000} max={thisYear()} precision={0} value={year} aria-label={t('learning.pointsPage.year')}
          onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} />
        <Button type="primary" icon={<PrinterOutlined />} disabled={!report.data} onClick={() => window.print()}>{t('learning.report.print')}</Button>
      </Flex>
      <QueryState query={report}>{report.data ? <ReportBody r={report.data} /> : null}</QueryState>
    </>
  );
}

function ReportBody({ r }: { r: OrgPointsReport }) {
  const { t } = useTranslation();
  const label = useLabel();
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const gradeLabel = (g: string) => (g in APPRAISAL_GRADE_LABELS ? label(APPRAISAL_GRADE_LABELS[g as AppraisalGrade]) : g);
  return (
    <article className="hy-report">
      <h1>{t('learning.report.heading', { year: r.year })}</h1>
      <div className="sub">{r.org.orgName}</div>
      <p className="note">{t('learning.report.fromRecords')}</p>

      <h2>{t('learning.report.index')}</h2>
      <table>
        <tbody>
          <tr><th style={{ width: '30%' }}>{t('learning.pointsPage.index')}</th><td>{orDash(r.org.value)}（{t('learning.report.stars', { n: r.org.stars })}）</td></tr>
          <tr><th>{t('learning.pointsPage.members')}</th><td>{r.org.members}</td></tr>
          <tr><th>{t('learning.report.active')}</th><td>{r.org.activeMembers}（{pct(r.org.activeShare)}）</td></tr>
          <tr><th>{t('learning.pointsPage.formula')}</th><td>{r.formulas.org}；{r.formulas.stars}</td></tr>
        </tbody>
      </table>

      <h2>{t('learning.report.byCategory')}</h2>
      <table>
        <thead><tr>{r.byCategory.map((c) => <th key={c.category}>{label(POINTS_CATEGORY_LABELS[c.category])}</th>)}</tr></thead>
        <tbody><tr>{r.byCategory.map((c) => <td key={c.category} className="n">{c.points}</td>)}</tr></tbody>
      </table>

      <h2>{t('learning.report.outcomes')}</h2>
      <table>
        <thead><tr><th>{t('learning.report.outcome')}</th><th style={{ width: '25%' }}>{t('learning.report.count')}</th></tr></thead>
        <tbody>
          {r.outcomes.map((o) => <tr key={o.kind}><td>{label(OUTCOME_KIND_LABELS[o.kind])}</td><td className="n">{o.count}</td></tr>)}
        </tbody>
      </table>

      <h2>{t('learning.report.studyHours')}</h2>
      <p>{t('learning.report.hoursLine', { hours: r.studyHours.hours, members: r.studyHours.members, meeting: r.studyHours.membersMeetingRequired, required: r.studyHours.required })}</p>
      <p className="note">{t('learning.report.hoursNote')}</p>

      <h2>{t('learning.report.appraisal')}</h2>
      {r.appraisalGrades.length === 0 ? <p>{t('learning.report.noAppraisal')}</p> : (
        <table>
          <thead><tr>{r.appraisalGrades.map((g) => <th key={g.grade}>{gradeLabel(g.grade)}</th>)}</tr></thead>
          <tbody><tr>{r.appraisalGrades.map((g) => <td key={g.grade} className="n">{g.count}</td>)}</tr></tbody>
        </table>
      )}

      <h2>{t('learning.report.starCounts')}</h2>
      <table>
        <thead><tr>{r.starCounts.map((s) => <th key={s.stars}>{t('learning.report.stars', { n: s.stars })}</th>)}</tr></thead>
        <tbody><tr>{r.starCounts.map((s) => <td key={s.stars} className="n">{s.count}</td>)}</tr></tbody>
      </table>
      <p className="note">{t('learning.report.noRanking')}</p>

      <h2>{t('learning.report.appeals')}</h2>
      <p>{t('learning.report.appealsLine', { open: r.appeals.open, decided: r.appeals.decided })}</p>

      <div className="foot">
        <span>{t('learning.report.generated', { at: formatDateTime(r.generatedAt) })}</span>
        <span>{t('learning.report.signature')}</span>
      </div>
    </article>
  );
}
