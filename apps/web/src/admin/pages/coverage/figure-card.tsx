import type { ReactNode } from 'react';
import { Button, Card, Descriptions, Popover, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatRate } from '@hongyun/shared';
import type { DashboardFigure } from '../../../api/coverage';

export type FigureFormat = 'count' | 'rate' | 'days';

/** A figure's value as shown: rates as percentages, "—" when there is nothing to divide by. */
export function formatFigure(value: number | null, format: FigureFormat): string {
  if (format === 'rate') return formatRate(value);
  if (value === null) return '—';
  return format === 'days' ? value.toFixed(1) : value.toLocaleString('zh-CN');
}

export function formatAsOf(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** What a figure counts: definition, numerator and denominator, and when it was read. */
export function FigureHelp({ figure, title }: { figure: DashboardFigure; title: ReactNode }) {
  const { t } = useTranslation();
  const content = (
    <Descriptions size="small" column={1} style={{ maxWidth: 420 }} items={[
      { key: 'definition', label: t('coverage.figure.definition'), children: figure.definition },
      ...(figure.denominator !== null ? [
        { key: 'numerator', label: t('coverage.figure.numerator'), children: String(figure.numerator) },
        { key: 'denominator', label: t('coverage.figure.denominator'), children: String(figure.denominator) },
      ] : []),
      { key: 'asOf', label: t('coverage.figure.asOf'), children: formatAsOf(figure.asOf) },
    ]} />
  );
  return (
    <Popover title={title} content={content} trigger={['hover', 'click']}>
      <Button type="text" size="small" className="hy-no-print" icon={<QuestionCircleOutlined />} aria-label={t('coverage.figure.help')} />
    </Popover>
  );
}

interface FigureCardProps {
  title: ReactNode;
  figure: DashboardFigure;
  format?: FigureFormat;
  /** A line under the value (e.g. numerator / denominator). */
  extra?: ReactNode;
}

/** A dashboard number: click it for the records behind it; "?" for how it is counted. */
export function FigureCard({ title, figure, format = 'count', extra }: FigureCardProps) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { drill, denominatorDrill } = figure;
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: 16 } }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <FigureHelp figure={figure} title={title} />
      <div>
        {drill ? (
          <Button type="link" onClick={() => navigate(drill)} style={{ padding: 0, fontSize: 28, fontWeight: 600, height: 'auto' }} aria-label={`${String(title)}：${t('coverage.figure.drill')}`}>
            {formatFigure(figure.value, format)}
          </Button>
        ) : (
          <span style={{ fontSize: 28, fontWeight: 600 }}>{formatFigure(figure.value, format)}</span>
        )}
      </div>
      {figure.denominator !== null ? (
        <Typography.Text type="secondary">
          {t('coverage.figure.ratio', { numerator: figure.numerator, denominator: figure.denominator })}
          {denominatorDrill ? (
            <Button type="link" size="small" className="hy-no-print" onClick={() => navigate(denominatorDrill)}>{t('coverage.figure.denominatorList')}</Button>
          ) : null}
        </Typography.Text>
      ) : extra}
    </Card>
  );
}
