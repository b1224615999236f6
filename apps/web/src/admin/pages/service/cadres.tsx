import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignCadre, useAssignments, useCadres, useEndAssignment, type Assignment, type Cadre } from '../../../api/service';
import { errorText } from '../../../shared/errors';
import { formatDate, orDash } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';
import { EnterpriseSelect } from '../../components/enterprise-select';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';

/** 联系干部: cadre accounts in scope, the companies paired with each, pairing and ending pairs. */
export function CadresPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const cadres = useCadres({ q: q || undefined, ...page });
  const [selected, setSelected] = useState<Cadre | null>(null);
  const [assigning, setAssigning] = useState<Cadre | null>(null);

  const columns: TableColumnsType<Cadre> = [
    { key: 'name', title: t('service.cadre.name'), render: (_, c) => <><Typography.Text strong>{c.displayName}</Typography.Text> <Typography.Text type="secondary">{c.username}</Typography.Text></> },
    { key: 'scope', title: t('service.cadre.scope'), render: (_, c) => <Space size={[4, 4]} wrap>{c.grants.map((g) => <Tag key={g.orgId}>{g.orgName}</Tag>)}</Space> },
    { key: 'companies', title: t('service.cadre.companies'), width: 100, render: (_, c) => c.companies },
    {
      key: 'actions', title: t('common.actions'), width: 200,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setSelected(c)}>{t('service.cadre.viewCompanies')}</Button>
          <Button type="link" size="small" onClick={() => setAssigning(c)}>{t('service.cadre.assign')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('service.cadre.pageTitle')}>
        <Typography.Text type="secondary">{t('service.cadre.hint')}</Typography.Text>
      </PageHeader>
      <Row gutter={16}>
        <Col xs={24} xl={selected ? 11 : 24}>
          <Card>
            <Input.Search allowClear style={{ width: 260, marginBottom: 16 }} placeholder={t('service.cadre.search')} aria-label={t('service.cadre.search')}
              onSearch={(v) => { setQ(v.trim()); setPage((p) => ({ ...p, page: 1 })); }} />
            {cadres.isError ? <ErrorAlert error={cadres.error} onRetry={() => void cadres.refetch()} /> : null}
            <Table<Cadre> rowKey="userId" size="middle" columns={columns} dataSource={cadres.data?.items ?? []} loading={cadres.isFetching}
              rowClassName={(c) => (c.userId === selected?.userId ? 'ant-table-row-selected' : '')}
              locale={{ emptyText: t('service.cadre.empty') }}
              pagination={{ current: page.page, pageSize: page.pageSize, total: cadres.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
          </Card>
        </Col>
        {selected ? (
          <Col xs={24} xl={13}>
            <CadreCompanies cadre={selected} onAssign={() => setAssigning(selected)} />
          </Col>
        ) : null}
      </Row>
      {assigning ? <AssignModal cadre={assigning} onClose={() => setAssigning(null)} /> : null}
    </>
  );
}

function CadreCompanies({ cadre, onAssign }: { cadre: Cadre; onAssign: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [includeEnded, setIncludeEnded] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const pairs = useAssignments({ userId: cadre.userId, includeEnded: includeEnded ? 'true' : 'false', ...page });
  const end = useEndAssignment();
  const columns: TableColumnsType<Assignment> = [
    { key: 'enterprise', title: t('service.field.enterprise'), render: (_, a) => <>{a.enterpriseName}<div style={{ fontSize: 12, color: '#888' }}>{a.townName}</div></> },
    { key: 'assignedOn', title: t('service.cadre.assignedOn'), width: 110, render: (_, a) => formatDate(a.assignedOn) },
    { key: 'visits', title: t('service.cadre.visits'), width: 80, render: (_, a) => a.visits },
    { key: 'last', title: t('service.cadre.lastVisitOn'), width: 110, render: (_, a) => formatDate(a.lastVisitOn) },
    {
      key: 'actions', title: t('common.actions'), width: 110,
      render: (_, a) => (a.endedOn ? <Tag>{t('service.cadre.endedOn', { date: a.endedOn })}</Tag> : a.abilities.end ? (
        <Popconfirm title={t('service.cadre.endConfirm', { cadre: a.cadreName, enterprise: a.enterpriseName })} okText={t('service.cadre.end')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
          onConfirm={() => end.mutateAsync(a.id).then(() => message.success(t('service.cadre.ended')), (e: unknown) => message.error(errorText(t, e)))}>
          <Button type="link" size="small" danger>{t('service.cadre.end')}</Button>
        </Popconfirm>
      ) : null),
    },
  ];
  return (
    <Card
      title={t('service.cadre.companiesOf', { name: cadre.displayName })}
      extra={<Space><Button size="small" onClick={() => setIncludeEnded((v) => !v)}>{includeEnded ? t('service.cadre.hideEnded') : t('service.cadre.showEnded')}</Button><Button size="small" type="primary" onClick={onAssign}>{t('service.cadre.assign')}</Button></Space>}
    >
      {pairs.isError ? <ErrorAlert error={pairs.error} onRetry={() => void pairs.refetch()} /> : null}
      <Table<Assignment> rowKey="id" size="small" columns={columns} dataSource={pairs.data?.items ?? []} loading={pairs.isFetching} locale={{ emptyText: t('service.cadre.noCompanies') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: pairs.data?.total ?? 0, hideOnSinglePage: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
    </Card>
  );
}

function AssignModal({ cadre, onClose }: { cadre: Cadre; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ enterpriseIds: number[] }>();
  const assign = useAssignCadre();
  const errors = useServerErrors(form);
  const handleFinish = (v: { enterpriseIds: number[] }) => {
    errors.clear();
    assign.mutate({ userId: cadre.userId, enterpriseIds: v.enterpriseIds }, {
      onSuccess: (r) => {
        message.success(t('service.cadre.assigned', { assigned: r.assigned, already: r.alreadyAssigned }));
        onClose();
      },
      onError: errors.handle,
    });
  };
  return (
    <Modal open title={t('service.cadre.assignTitle', { name: cadre.displayName })} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={assign.isPending} width={640} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('service.cadre.assignHint', { scope: orDash(cadre.grants.map((g) => g.orgName).join('、')) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('service.cadre.companies')} name="enterpriseIds" rules={[{ required: true, message: t('common.required') }]}>
          <EnterpriseSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
