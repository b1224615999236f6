import type { ReactNode } from 'react';
import { Button, Card, Col, Flex, Row, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardItem } from '../../../api/coverage';
import { childrenOption, countBarOption, pieOption, trendOption } from './charts';
import { EChart } from './echart';
import { FigureCard, FigureHelp } from './figure-card';

const col = { xs: 24, sm: 12, lg: 6 };

function ChartCard({ title, help, children }: { title: ReactNode; help?: DashboardItem['figure']; children: ReactNode }) {
  return (
    <Card size="small" title={<>{title}{help ? <FigureHelp figure={help} title={title} /> : null}</>} style={{ height: '100%', breakInside: 'avoid' }}>
      {children}
    </Card>
  );
}

/** Figure cards and charts of one dashboard answer; `onOpenChild` drills into a town or carrier. */
export function DashboardBody({ data, onOpenChild }: { data: Dashboard; onOpenChild: (level: 'town' | 'carrier', id: number) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { companies, coverage, orgs, members, standards, surveys, requests } = data;
  const go = (items: DashboardItem[]) => (e: { dataIndex: number }) => {
    const drill = items[e.dataIndex]?.figure.drill;
    if (drill) navigate(drill);
  };
  const children = coverage.children;

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col {...col}><FigureCard title={t('coverage.rate.organisation')} figure={coverage.organisation} format="rate" /></Col>
        <Col {...col}><FigureCard title={t('coverage.rate.standalone')} figure={coverage.standalone} format="rate" /></Col>
        <Col {...col}><FigureCard title={t('coverage.rate.work')} figure={coverage.work} format="rate" /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.companies')} figure={companies.total} extra={<Tag>{t('coverage.dashboard.inDenominator', { n: companies.inDenominator.value })}</Tag>} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.orgs')} figure={orgs.total} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.members')} figure={members.total} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.surveysOpen')} figure={surveys.open} extra={<FigureLink figure={surveys.overdue} label={t('coverage.dashboard.overdue', { n: surveys.overdue.value })} danger />} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.requestsOpen')} figure={requests.open} extra={<FigureLink figure={requests.overdue} label={t('coverage.dashboard.overdue', { n: requests.overdue.value })} danger />} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.requestsResolved')} figure={requests.resolved} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.avgDays')} figure={requests.avgDaysToResolve} format="days" /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.surveysDueSoon')} figure={surveys.dueSoon} /></Col>
        <Col {...col}><FigureCard title={t('coverage.dashboard.standardsAssessed', { year: standards.year })} figure={standards.assessed} /></Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChartCard title={t('coverage.dashboard.trend')} help={coverage.organisation}>
            {coverage.trend.length ? <EChart label={t('coverage.dashboard.trend')} option={trendOption(t, coverage.trend)} /> : <Empty />}
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={children ? t(`coverage.dashboard.by.${children.level}`) : t('coverage.dashboard.byMode')}>
            {children && children.rows.length ? (
              <EChart label={t(`coverage.dashboard.by.${children.level}`)} option={childrenOption(t, children.rows)} onClick={(e) => {
                const row = children.rows[e.dataIndex];
                if (row && row.id > 0) onOpenChild(children.level, row.id);
              }} />
            ) : (
              <Flex vertical gap={4}>
                {coverage.byMode.map((m) => (
                  <Button key={m.mode} type="link" style={{ justifyContent: 'flex-start' }} onClick={() => m.drill && navigate(m.drill)}>{m.label}：{m.n}</Button>
                ))}
              </Flex>
            )}
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.companiesByKind')} help={companies.total}>
            <EChart label={t('coverage.dashboard.companiesByKind')} option={pieOption(companies.byKind)} onClick={go(companies.byKind)} />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.orgsByKind')} help={orgs.total}>
            {orgs.byKind.length ? <EChart label={t('coverage.dashboard.orgsByKind')} option={countBarOption(orgs.byKind)} onClick={go(orgs.byKind)} /> : <Empty />}
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.companiesByStatus')}>
            <EChart label={t('coverage.dashboard.companiesByStatus')} option={countBarOption(companies.byStatus, '#8c8c8c')} onClick={go(companies.byStatus)} />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.membersByCategory')} help={members.total}>
            <EChart label={t('coverage.dashboard.membersByCategory')} height={160} option={countBarOption(members.byCategory)} onClick={go(members.byCategory)} />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.membersByKeyPosition')} help={members.byKeyPosition[0]?.figure}>
            <EChart label={t('coverage.dashboard.membersByKeyPosition')} option={countBarOption(members.byKeyPosition, '#d48806')} onClick={go(members.byKeyPosition)} />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('coverage.dashboard.stars', { year: standards.year })} help={standards.assessed}>
            {standards.byStars.length ? <EChart label={t('coverage.dashboard.stars', { year: standards.year })} option={countBarOption(standards.byStars, '#faad14')} onClick={go(standards.byStars)} /> : <Empty />}
          </ChartCard>
        </Col>
      </Row>
    </Flex>
  );
}

function Empty() {
  const { t } = useTranslation();
  return <Flex justify="center" align="center" style={{ height: 200, color: '#8c8c8c' }}>{t('coverage.dashboard.noRecords')}</Flex>;
}

/** A secondary number under a card's value, clickable to its records. */
function FigureLink({ figure, label, danger }: { figure: DashboardItem['figure']; label: string; danger?: boolean }) {
  const navigate = useNavigate();
  const drill = figure.drill;
  return (
    <Button type="link" size="small" danger={danger && (figure.value ?? 0) > 0} style={{ padding: 0 }} onClick={() => drill && navigate(drill)}>{label}</Button>
  );
}
