import type { TFunction } from 'i18next';
import type { Dashboard, DashboardItem } from '../../../api/coverage';
import type { ChartOption } from './echart';

// Chart options of the dashboard, built from the one dashboard answer. Each series' data
// index matches the list it was built from, so a click finds its figure's drill-down.

const RED = '#c41d1d';
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** Monthly rates: organisation, standalone, work (the running month last). */
export function trendOption(t: TFunction, trend: Dashboard['coverage']['trend'], dark = false): ChartOption {
  const text = dark ? '#e8e8e8' : undefined;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0, ...(dark ? { textStyle: { color: text } } : {}) },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.map((p) => (p.current ? t('coverage.dashboard.currentMonth', { month: p.month }) : p.month)), axisLabel: { color: text } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: text } },
    series: (['organisation', 'standalone', 'work'] as const).map((rate, i) => ({
      name: t(`coverage.rate.${rate}`),
      type: 'line',
      smooth: true,
      data: trend.map((p) => percent(p[rate].value)),
      itemStyle: { color: [RED, '#d48806', '#1677ff'][i] },
    })),
  };
}

/** Rates per town or carrier (bars); click a bar to open that town / carrier. */
export function childrenOption(t: TFunction, rows: NonNullable<Dashboard['coverage']['children']>['rows'], dark = false): ChartOption {
  const text = dark ? '#e8e8e8' : undefined;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    legend: { top: 0, ...(dark ? { textStyle: { color: text } } : {}) },
    grid: { left: 40, right: 16, top: 36, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: rows.length > 6 ? 30 : 0, color: text } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: text } },
    series: (['organisation', 'standalone', 'work'] as const).map((rate, i) => ({
      name: t(`coverage.rate.${rate}`),
      type: 'bar',
      data: rows.map((r) => percent(r[rate].value)),
      itemStyle: { color: [RED, '#d48806', '#1677ff'][i] },
    })),
  };
}

/** Counts of a list of figures as horizontal bars (organisations, members, stars). */
export function countBarOption(items: DashboardItem[], color = RED, dark = false): ChartOption {
  const text = dark ? '#e8e8e8' : undefined;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 40, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: text } },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: { color: text } },
    series: [{ type: 'bar', data: items.map((i) => i.figure.value ?? 0), itemStyle: { color }, label: { show: true, position: 'right', color: text } }],
  };
}

/** Shares of a list of figures (companies by kind, organisations by kind). */
export function pieOption(items: DashboardItem[], dark = false): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, ...(dark ? { textStyle: { color: '#e8e8e8' } } : {}) },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'], data: items.map((i) => ({ name: i.label, value: i.figure.value ?? 0 })), label: { color: dark ? '#e8e8e8' : undefined } }],
  };
}
