import { Breadcrumb, Button, Flex, Typography } from 'antd';
import { DesktopOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDashboard, type Dashboard } from '../../../api/coverage';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { DashboardBody } from './dashboard-body';
import { formatAsOf } from './figure-card';
import './dashboard.css';

/** A positive integer from the address, or undefined. */
export function idParam(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** 数据驾驶舱: the viewer's whole scope, then one town, then one carrier (breadcrumbs go back up). */
export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const scope = { townOrgId: idParam(params.get('townOrgId')), carrierId: idParam(params.get('carrierId')) };
  const query = useDashboard(scope);
  const data = query.data;

  const open = (next: { townOrgId?: number; carrierId?: number }) => {
    const p = new URLSearchParams();
    if (next.townOrgId) p.set('townOrgId', String(next.townOrgId));
    if (next.carrierId) p.set('carrierId', String(next.carrierId));
    setParams(p);
  };
  const handleOpenChild = (level: 'town' | 'carrier', id: number) => open(level === 'town' ? { townOrgId: id } : { townOrgId: data?.scope.town?.id, carrierId: id });
  const screenUrl = `/dashboard/screen${params.toString() ? `?${params.toString()}` : ''}`;

  return (
    <div className="hy-dashboard">
      <PageHeader
        title={t('coverage.dashboard.title')}
        extra={
          <span className="hy-no-print">
            <Flex gap={8}>
              <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>{t('coverage.dashboard.refresh')}</Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data}>{t('coverage.dashboard.print')}</Button>
              <Button icon={<DesktopOutlined />} onClick={() => navigate(screenUrl)}>{t('coverage.dashboard.screen')}</Button>
            </Flex>
          </span>
        }
      >
        <ScopeTrail data={data} onOpen={open} />
        {data ? <Typography.Text type="secondary">{t('coverage.dashboard.asOf', { time: formatAsOf(data.asOf) })}</Typography.Text> : null}
      </PageHeader>
      <QueryState query={query}>
        {data ? <DashboardBody data={data} onOpenChild={handleOpenChild} /> : null}
      </QueryState>
    </div>
  );
}

/** 全部 → town → carrier, each level clickable back up. */
function ScopeTrail({ data, onOpen }: { data: Dashboard | undefined; onOpen: (scope: { townOrgId?: number; carrierId?: number }) => void }) {
  const { t } = useTranslation();
  const town = data?.scope.town;
  const carrier = data?.scope.carrier;
  const link = (label: string, scope: { townOrgId?: number }) => <Typography.Link onClick={() => onOpen(scope)}>{label}</Typography.Link>;
  const items = [
    { key: 'all', title: town ? link(t('coverage.dashboard.allScope'), {}) : t('coverage.dashboard.allScope') },
    ...(town ? [{ key: 'town', title: carrier ? link(town.name, { townOrgId: town.id }) : town.name }] : []),
    ...(carrier ? [{ key: 'carrier', title: carrier.name }] : []),
  ];
  return <Breadcrumb items={items} style={{ margin: '4px 0' }} />;
}
