import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Flex, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { useAssignments, useVisits, type Assignment, type Visit } from '../../../api/service';
import { formatDate, orDash } from '../../../shared/format';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { LogVisitModal } from './log-visit-modal';
import { RaiseRequestModal, type RequestPreset } from './raise-request-modal';

type Company = { id: number; name: string };

/** 走访记录: a cadre's companies (if paired) and the visits in scope, each able to raise a request. */
export function VisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const userId = me.data?.user.id;
  const isCadre = !!me.data?.grants.some((g) => g.role === 'cadre');
  const [logging, setLogging] = useState<{ enterprise?: Company } | null>(null);
  const [raising, setRaising] = useState<RequestPreset | null>(null);

  return (
    <>
      <PageHeader title={t('service.visit.pageTitle')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging({})}>{t('service.visit.log')}</Button>} />
      <Flex vertical gap={16}>
        {isCadre && userId ? <MyCompanies userId={userId} onVisit={(c) => setLogging({ enterprise: c })} onRequest={can('request.write') ? (c) => setRaising({ enterprise: c }) : undefined} /> : null}
        <VisitList mineOnly={isCadre ? userId : undefined} onRequest={can('request.write') ? (v) => setRaising({ enterprise: { id: v.enterpriseId, name: v.enterpriseName }, visitId: v.id }) : undefined} />
      </Flex>
      {logging ? <LogVisitModal enterprise={logging.enterprise} onClose={() => setLogging(null)} /> : null}
      {raising ? <RaiseRequestModal preset={raising} onClose={() => setRaising(null)} /> : null}
    </>
  );
}

function MyCompanies({ userId, onVisit, onRequest }: { userId: number; onVisit: (c: Company) => void; onRequest?: (c: Company) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const pairs = useAssignments({ userId, ...page });
  const company = (a: Assignment) => ({ id: a.enterpriseId, name: a.enterpriseName });
  const columns: TableColumnsType<Assignment> = [
    { key: 'enterprise', title: t('service.field.enterprise'), render: (_, a) => a.enterpriseName },
    { key: 'town', title: t('service.field.town'), width: 160, render: (_, a) => orDash(a.townName) },
    { key: 'assignedOn', title: t('service.cadre.assignedOn'), width: 120, render: (_, a) => formatDate(a.assignedOn) },
    { key: 'visits', title: t('service.cadre.visits'), width: 90, render: (_, a) => a.visits },
    { key: 'last', title: t('service.cadre.lastVisitOn'), width: 120, render: (_, a) => formatDate(a.lastVisitOn) },
    {
      key: 'actions', title: t('common.actions'), width: 200,
      render: (_, a) => (
        <Space size={0}>
          {a.abilities.visit ? <Button type="link" size="small" onClick={() => onVisit(company(a))}>{t('service.visit.log')}</Button> : null}
          {onRequest ? <Button type="link" size="small" onClick={() => onRequest(company(a))}>{t('service.request.raise')}</Button> : null}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('service.visit.myCompanies')}>
      {pairs.isError ? <ErrorAlert error={pairs.error} onRetry={() => void pairs.refetch()} /> : null}
      <Table<Assignment> rowKey="id" size="small" columns={columns} dataSource={pairs.data?.items ?? []} loading={pairs.isFetching} locale={{ emptyText: t('service.visit.noCompanies') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: pairs.data?.total ?? 0, hideOnSinglePage: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
    </Card>
  );
}

function VisitList({ mineOnly, onRequest }: { mineOnly?: number; onRequest?: (v: Visit) => void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [mine, setMine] = useState(true);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const visits = useVisits({ ...range, cadreUserId: mineOnly && mine ? mineOnly : undefined, ...page });
  const columns: TableColumnsType<Visit> = [
    { key: 'visitedOn', title: t('service.visit.visitedOn'), width: 110, render: (_, v) => formatDate(v.visitedOn) },
    { key: 'enterprise', title: t('service.field.enterprise'), width: 220, render: (_, v) => <>{v.enterpriseName}<div style={{ fontSize: 12, color: '#888' }}>{v.townName}</div></> },
    { key: 'cadre', title: t('service.visit.cadre'), width: 110, render: (_, v) => v.cadreName },
    { key: 'peopleMet', title: t('service.visit.peopleMet'), width: 160, render: (_, v) => v.peopleMet },
    { key: 'topics', title: t('service.visit.topics'), render: (_, v) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{v.topics}</Typography.Paragraph> },
    { key: 'followUps', title: t('service.visit.followUps'), width: 180, render: (_, v) => orDash(v.followUps) },
    { key: 'requests', title: t('service.visit.requests'), width: 80, render: (_, v) => v.requests },
    { key: 'actions', title: t('common.actions'), width: 110, render: (_, v) => (onRequest ? <Button type="link" size="small" onClick={() => onRequest(v)}>{t('service.request.raise')}</Button> : null) },
  ];
  return (
    <Card title={t('service.visit.listTitle')}>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t('service.visit.range')}
          onChange={(v) => {
            setRange({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
        {mineOnly ? <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('service.visit.onlyMine')}</Checkbox> : null}
      </Flex>
      {visits.isError ? <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} /> : null}
      <Table<Visit> rowKey="id" size="middle" columns={columns} dataSource={visits.data?.items ?? []} loading={visits.isFetching} scroll={{ x: 1200 }} locale={{ emptyText: t('service.visit.empty') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: visits.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
    </Card>
  );
}
