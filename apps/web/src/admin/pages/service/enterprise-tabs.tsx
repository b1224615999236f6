import { useState } from 'react';
import { Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterpriseService, type EnterpriseService } from '../../../api/service';
import { formatDate, orDash } from '../../../shared/format';
import { QueryState } from '../../components/page-state';
import { LogVisitModal } from './log-visit-modal';
import { RaiseRequestModal, type RequestPreset } from './raise-request-modal';
import { RequestDrawer } from './request-drawer';
import { CategoryTag, RequestStatusTag } from './request-status';

type VisitRow = EnterpriseService['visits'][number];
type RequestRow = EnterpriseService['requests'][number];

/** 一企一册: one company's cadres, visits and requests, for the enterprise ledger page. */
export function EnterpriseServiceTabs({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const service = useEnterpriseService(enterpriseId);
  const [logging, setLogging] = useState(false);
  const [raising, setRaising] = useState<RequestPreset | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  // The ledger answers 404 to those who see the company only through another area (no service role).
  if (service.isError && (service.error as { statusCode?: number }).statusCode === 404) return null;
  const s = service.data;
  const company = s ? { id: s.enterprise.id, name: s.enterprise.name } : undefined;

  return (
    <Card
      title={t('service.ledger.title')}
      extra={s ? (
        <Space>
          {s.abilities.visit ? <Button size="small" onClick={() => setLogging(true)}>{t('service.visit.log')}</Button> : null}
          {s.abilities.request ? <Button size="small" type="primary" onClick={() => setRaising({ enterprise: company })}>{t('service.request.raise')}</Button> : null}
        </Space>
      ) : null}
    >
      <QueryState query={service}>
        {s ? (
          <>
            <Typography.Paragraph>
              {t('service.ledger.cadres')}：{s.cadres.length ? s.cadres.map((c) => <Tag key={c.assignmentId}>{c.name}</Tag>) : <Typography.Text type="secondary">{t('service.ledger.noCadre')}</Typography.Text>}
            </Typography.Paragraph>
            <Tabs
              items={[
                { key: 'requests', label: t('service.ledger.requests', { count: s.requests.length }), children: <RequestsTab rows={s.requests} onOpen={setOpen} /> },
                { key: 'visits', label: t('service.ledger.visits', { count: s.visits.length }), children: <VisitsTab rows={s.visits} onRequest={s.abilities.request ? (v) => setRaising({ enterprise: company, visitId: v.id }) : undefined} /> },
              ]}
            />
          </>
        ) : null}
      </QueryState>
      {logging ? <LogVisitModal enterprise={company} onClose={() => setLogging(false)} /> : null}
      {raising ? <RaiseRequestModal preset={raising} onClose={() => setRaising(null)} /> : null}
      <RequestDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function RequestsTab({ rows, onOpen }: { rows: RequestRow[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty description={t('service.request.empty')} />;
  return (
    <Table<RequestRow> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { key: 'title', title: t('service.request.title'), render: (_, r) => <Typography.Link onClick={() => onOpen(r.id)}>{r.title}</Typography.Link> },
        { key: 'category', title: t('service.request.category'), width: 100, render: (_, r) => <CategoryTag category={r.category} /> },
        { key: 'department', title: t('service.request.department'), width: 140, render: (_, r) => r.departmentName },
        { key: 'status', title: t('service.request.status'), width: 150, render: (_, r) => <RequestStatusTag status={r.status} overdue={r.overdue} /> },
        { key: 'due', title: t('service.request.dueOn'), width: 110, render: (_, r) => formatDate(r.dueOn) },
      ]} />
  );
}

function VisitsTab({ rows, onRequest }: { rows: VisitRow[]; onRequest?: (v: VisitRow) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty description={t('service.visit.empty')} />;
  return (
    <Table<VisitRow> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { key: 'visitedOn', title: t('service.visit.visitedOn'), width: 110, render: (_, v) => formatDate(v.visitedOn) },
        { key: 'cadre', title: t('service.visit.cadre'), width: 100, render: (_, v) => v.cadreName },
        { key: 'peopleMet', title: t('service.visit.peopleMet'), width: 150, render: (_, v) => v.peopleMet },
        { key: 'topics', title: t('service.visit.topics'), render: (_, v) => v.topics },
        { key: 'followUps', title: t('service.visit.followUps'), width: 160, render: (_, v) => orDash(v.followUps) },
        { key: 'actions', title: t('common.actions'), width: 100, render: (_, v) => (onRequest ? <Button type="link" size="small" onClick={() => onRequest(v)}>{t('service.request.raise')}</Button> : null) },
      ]} />
  );
}
