import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDashboard, type DashboardFigure } from '../../../api/coverage';
import { errorText } from '../../../shared/errors';
import { childrenOption, countBarOption, pieOption, trendOption } from './charts';
import { idParam } from './dashboard';
import { EChart } from './echart';
import { formatAsOf, formatFigure, type FigureFormat } from './figure-card';
import './dashboard.css';

const REFRESH_MS = 60_000;

/** The window's scale for a 1920×1080 canvas (the page fills any screen without scrolling). */
function useScreenScale(): number {
  const fit = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const handleResize = () => setScale(fit());
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return scale;
}

function Panel({ title, children, style }: { title: string; children: ReactNode; style?: CSSProperties }) {
  return (
    <section className="hy-screen-panel" style={style}>
      <h2 style={{ margin: '0 0 8px', fontSize: 20, fontWeight: 600, color: '#ffccc7' }}>{title}</h2>
      {children}
    </section>
  );
}

/** One big number; click for the records behind it. */
function BigNumber({ label, figure, format = 'count' }: { label: string; figure: DashboardFigure; format?: FigureFormat }) {
  const navigate = useNavigate();
  const drill = figure.drill;
  return (
    <div title={figure.definition}>
      <div className="hy-screen-label">{label}</div>
      <button type="button" className="hy-screen-number" onClick={() => drill && navigate(drill)}>{formatFigure(figure.value, format)}</button>
      {figure.denominator !== null ? <div style={{ fontSize: 14, color: '#bfbfbf' }}>{figure.numerator} / {figure.denominator}</div> : null}
    </div>
  );
}

/** 大屏: the dashboard for a wall screen, dark, refreshed every minute, with the data's time. */
export function DashboardScreenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scope = { townOrgId: idParam(params.get('townOrgId')), carrierId: idParam(params.get('carrierId')) };
  const query = useDashboard(scope, { refetchInterval: REFRESH_MS });
  const scale = useScreenScale();
  const d = query.data;
  const scopeName = d?.scope.carrier?.name ?? d?.scope.town?.name ?? t('coverage.dashboard.allScope');

  return (
    <div style={{ background: '#07040a', width: '100vw', height: '100vh', overflow: 'hidden' }}>
      <div className="hy-screen" style={{ transform: `scale(${scale})` }}>
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', marginBottom: 16 }}>
          <h1 style={{ margin: 0, fontSize: 40, letterSpacing: 4, color: '#fff1f0' }}>{t('coverage.screen.title')} · {scopeName}</h1>
          <div style={{ fontSize: 18, color: '#d9d9d9' }}>
            {d ? t('coverage.dashboard.asOf', { time: formatAsOf(d.asOf) }) : null}
            {query.isError && d ? <span style={{ color: '#ff7875', marginLeft: 16 }}>{t('coverage.screen.stale')}</span> : null}
            <button type="button" onClick={() => navigate(`/dashboard${params.toString() ? `?${params.toString()}` : ''}`)} style={{ marginLeft: 24, background: 'none', border: '1px solid #8c8c8c', color: '#d9d9d9', borderRadius: 4, cursor: 'pointer' }}>{t('coverage.screen.exit')}</button>
          </div>
        </header>
        {!d ? (
          <div style={{ display: 'flex', height: 900, alignItems: 'center', justifyContent: 'center', fontSize: 24 }}>
            {query.isError ? errorText(t, query.error) : <Spin size="large" />}
          </div>
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: '440px 1fr 440px', gap: 16, height: 960 }}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
              <Panel title={t('coverage.screen.coverage')}>
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
                  <BigNumber label={t('coverage.rate.organisation')} figure={d.coverage.organisation} format="rate" />
                  <BigNumber label={t('coverage.rate.standalone')} figure={d.coverage.standalone} format="rate" />
                  <BigNumber label={t('coverage.rate.work')} figure={d.coverage.work} format="rate" />
                  <BigNumber label={t('coverage.dashboard.companies')} figure={d.companies.total} />
                </div>
              </Panel>
              <Panel title={t('coverage.dashboard.companiesByKind')} style={{ flex: 1 }}>
                <EChart theme="dark" height={300} label={t('coverage.dashboard.companiesByKind')} option={{ ...pieOption(d.companies.byKind, true), backgroundColor: 'transparent' }} />
              </Panel>
              <Panel title={t('coverage.screen.service')}>
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
                  <BigNumber label={t('coverage.dashboard.surveysOpen')} figure={d.surveys.open} />
                  <BigNumber label={t('coverage.dashboard.surveysOverdue')} figure={d.surveys.overdue} />
                  <BigNumber label={t('coverage.dashboard.requestsOpen')} figure={d.requests.open} />
                  <BigNumber label={t('coverage.dashboard.avgDays')} figure={d.requests.avgDaysToResolve} format="days" />
                </div>
              </Panel>
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
              <Panel title={t('coverage.dashboard.trend')} style={{ flex: 1 }}>
                <EChart theme="dark" height={400} label={t('coverage.dashboard.trend')} option={{ ...trendOption(t, d.coverage.trend, true), backgroundColor: 'transparent' }} />
              </Panel>
              {d.coverage.children ? (
                <Panel title={t(`coverage.dashboard.by.${d.coverage.children.level}`)} style={{ flex: 1 }}>
                  <EChart theme="dark" height={400} label={t(`coverage.dashboard.by.${d.coverage.children.level}`)} option={{ ...childrenOption(t, d.coverage.children.rows, true), backgroundColor: 'transparent' }} />
                </Panel>
              ) : null}
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
              <Panel title={t('coverage.dashboard.membersByKeyPosition')} style={{ flex: 1 }}>
                <div style={{ display: 'flex', gap: 24, marginBottom: 8 }}>
                  <BigNumber label={t('coverage.dashboard.members')} figure={d.members.total} />
                  <BigNumber label={t('coverage.dashboard.orgs')} figure={d.orgs.total} />
                </div>
                <EChart theme="dark" height={260} label={t('coverage.dashboard.membersByKeyPosition')} option={{ ...countBarOption(d.members.byKeyPosition, '#d48806', true), backgroundColor: 'transparent' }} />
              </Panel>
              <Panel title={t('coverage.dashboard.stars', { year: d.standards.year })} style={{ flex: 1 }}>
                {d.standards.byStars.length ? (
                  <EChart theme="dark" height={300} label={t('coverage.dashboard.stars', { year: d.standards.year })} option={{ ...countBarOption(d.standards.byStars, '#faad14', true), backgroundColor: 'transparent' }} />
                ) : <div className="hy-screen-label" style={{ textAlign: 'center', paddingTop: 120 }}>{t('coverage.dashboard.noRecords')}</div>}
              </Panel>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
