import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, type ExemptionStatus } from '@hongyun/shared';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';
import { useDecideExemption, useExemptions, type Exemption } from './api';

const PAGE_SIZE = 20;
const COLORS: Record<ExemptionStatus, string> = { requested: 'gold', approved: 'blue', rejected: 'default' };
type Filter = ExemptionStatus | 'all';

/** 豁免申请: requests to be excused from a period's meeting; the waiting ones are the approver's queue. */
export function ExemptionsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const [status, setStatus] = useState<Filter>('requested');
  const [page, setPage] = useState(1);
  const list = useExemptions({ status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE });
  const [deciding, setDeciding] = useState<Exemption | null>(null);

  const columns: TableColumnsType<Exemption> = [
    { key: 'org', title: t('compliance.exemption.org'), width: 220, render: (_, e) => <Link to={`/compliance/${e.orgId}?year=${e.periodKey.slice(0, 4)}`}>{e.orgName}</Link> },
    { key: 'what', title: t('compliance.exemption.period'), width: 180, render: (_, e) => `${e.periodLabel} ${label(MEETING_KIND_LABELS[e.kind])}` },
    { key: 'reason', title: t('compliance.exemption.reason'), render: (_, e) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{e.reason}</Typography.Paragraph> },
    { key: 'requested', title: t('compliance.exemption.requestedBy'), width: 160, render: (_, e) => <>{e.requestedByName ?? '—'}<div style={{ fontSize: 12, color: '#888' }}>{formatDateTime(e.requestedAt)}</div></> },
    {
      key: 'status', title: t('compliance.exemption.status'), width: 200,
      render: (_, e) => (
        <Space orientation="vertical" size={2}>
          <Tag color={COLORS[e.status]}>{t(`compliance.exemption.statuses.${e.status}`)}</Tag>
          {e.decidedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.decidedByName} · {formatDateTime(e.decidedAt)}{e.decisionNote ? `：${e.decisionNote}` : ''}</Typography.Text> : null}
        </Space>
      ),
    },
    { key: 'actions', title: t('common.actions'), width: 100, render: (_, e) => (e.canDecide ? <Button size="small" type="primary" onClick={() => setDeciding(e)}>{t('compliance.exemption.decide')}</Button> : null) },
  ];

  return (
    <>
      <PageHeader title={t('compliance.exemption.pageTitle')}>
        <Typography.Text type="secondary">{t('compliance.exemption.pageHint')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented<Filter> value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={(['requested', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('compliance.exemption.all') : t(`compliance.exemption.statuses.${s}`) }))} />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Exemption>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 1100 }}
          locale={{ emptyText: status === 'requested' ? t('compliance.exemption.queueEmpty') : t('compliance.exemption.none') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {deciding ? <DecideModal exemption={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

function DecideModal({ exemption, onClose }: { exemption: Exemption; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ decision: 'approved' | 'rejected'; note?: string }>();
  const decision = Form.useWatch('decision', form);
  const decide = useDecideExemption();
  const errors = useServerErrors(form, onClose);
  const what = `${exemption.orgName} ${exemption.periodLabel} ${label(MEETING_KIND_LABELS[exemption.kind])}`;

  const handleFinish = (v: { decision: 'approved' | 'rejected'; note?: string }) =>
    modal.confirm({
      title: v.decision === 'approved' ? t('compliance.exemption.confirmApprove', { what }) : t('compliance.exemption.confirmReject', { what }),
      okText: t('compliance.exemption.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => {
        errors.clear();
        return decide.mutateAsync({ id: exemption.id, decision: v.decision, note: v.note?.trim() || null }).then(
          () => { message.success(t('compliance.exemption.decided')); onClose(); },
          errors.handle,
        );
      },
    });

  return (
    <Modal open title={t('compliance.exemption.decideTitle')} okText={t('compliance.exemption.submitDecision')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={decide.isPending} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph><Typography.Text strong>{what}</Typography.Text></Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('compliance.exemption.reasonGiven', { reason: exemption.reason })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ decision: 'approved' }}>
        <Form.Item name="decision" label={t('compliance.exemption.decision')} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'approved', label: t('compliance.exemption.approve') }, { value: 'rejected', label: t('compliance.exemption.reject') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('compliance.exemption.note')}
          rules={[{ required: decision === 'rejected', whitespace: true, message: t('compliance.exemption.noteRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder={decision === 'rejected' ? t('compliance.exemption.notePlaceholderReject') : t('compliance.exemption.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
