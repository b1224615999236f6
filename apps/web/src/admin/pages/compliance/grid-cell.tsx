import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Popover, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_STATUS_LABELS, MEETING_KIND_LABELS } from '@hongyun/shared';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useServerErrors } from '../../components/server-error';
import { STATUS_COLORS, useRequestExemption, type GridCell, type GridRow } from './api';

const BACKGROUND: Record<GridCell['status'], string> = {
  met: '#f6ffed', due: '#fff7e6', missed: '#fff1f0', exempt: '#e6f4ff', upcoming: '#fafafa', notRequired: '#fafafa',
};

/**
 * One period of one kind: its status and count; opens the meetings behind it, and for the
 * organisation's secretary a request to be exempted from that period.
 */
export function GridCellView({ orgId, row, cell, canRequest }: { orgId: number; row: GridRow; cell: GridCell; canRequest: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [asking, setAsking] = useState(false);
  const requestable = canRequest && !cell.exemption && (cell.status === 'due' || cell.status === 'missed' || cell.status === 'upcoming');
  const text = cell.status === 'notRequired' ? '—' : t('compliance.grid.count', { held: cell.held, required: cell.required });

  const content = (
    <Flex vertical gap={6} style={{ maxWidth: 320 }}>
      <Typography.Text strong>{cell.label} · {row.partyGroupName ?? ''}{label(MEETING_KIND_LABELS[row.kind])}</Typography.Text>
      <span><Tag color={STATUS_COLORS[cell.status]}>{label(COMPLIANCE_STATUS_LABELS[cell.status])}</Tag>{cell.status === 'due' ? t('compliance.grid.daysLeft', { n: cell.daysLeft ?? 0 }) : null}</span>
      {cell.meetings.length === 0 ? <Typography.Text type="secondary">{t('compliance.grid.noMeetings')}</Typography.Text> : null}
      {cell.meetings.map((m) => (
        <div key={m.id}>
          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
          <div style={{ fontSize: 12, color: '#888' }}>{formatDateTime(m.startsAt)} · {m.held ? t('compliance.grid.counted') : t('compliance.grid.notConfirmed')}</div>
        </div>
      ))}
      {cell.exemption ? <Typography.Text type="secondary">{cell.exemption.status === 'approved' ? t('compliance.grid.exemptApproved') : t('compliance.grid.exemptRequested')}</Typography.Text> : null}
      {requestable ? <Button size="small" onClick={() => setAsking(true)}>{t('compliance.exemption.request')}</Button> : null}
    </Flex>
  );

  return (
    <>
      <Popover content={content} trigger="click">
        <button
          type="button"
          aria-label={`${cell.label} ${label(MEETING_KIND_LABELS[row.kind])} ${label(COMPLIANCE_STATUS_LABELS[cell.status])}`}
          style={{ width: '100%', minHeight: 40, border: 'none', borderRadius: 4, cursor: 'pointer', background: BACKGROUND[cell.status], padding: '4px 2px', fontSize: 12 }}
        >
          <div>{text}</div>
          {cell.status !== 'notRequired' && cell.status !== 'upcoming' ? <div style={{ color: cell.status === 'missed' ? '#cf1322' : cell.status === 'due' ? '#d46b08' : '#389e0d' }}>{label(COMPLIANCE_STATUS_LABELS[cell.status])}</div> : null}
          {cell.exemption?.status === 'requested' ? <div style={{ color: '#1677ff' }}>{t('compliance.grid.pending')}</div> : null}
        </button>
      </Popover>
      {asking ? <ExemptionModal orgId={orgId} row={row} cell={cell} onClose={() => setAsking(false)} /> : null}
    </>
  );
}

function ExemptionModal({ orgId, row, cell, onClose }: { orgId: number; row: GridRow; cell: GridCell; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const ask = useRequestExemption();
  const errors = useServerErrors(form);
  const handleFinish = (v: { reason: string }) => {
    errors.clear();
    ask.mutate({ orgId, kind: row.kind, periodKey: cell.periodKey, reason: v.reason.trim() }, {
      onSuccess: () => { message.success(t('compliance.exemption.requested')); onClose(); },
      onError: errors.handle,
    });
  };
  return (
    <Modal open title={t('compliance.exemption.requestTitle', { period: cell.label, kind: label(MEETING_KIND_LABELS[row.kind]) })} okText={t('compliance.exemption.submit')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={ask.isPending} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('compliance.exemption.requestHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('compliance.exemption.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('compliance.exemption.reasonRequired') }, { min: 2, max: 500 }]}>
          <Input.TextArea rows={4} placeholder={t('compliance.exemption.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
