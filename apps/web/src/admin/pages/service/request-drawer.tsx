import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Rate, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '@hongyun/shared';
import { useRateRequest, useRequest, useTransitionRequest, type RequestDetail } from '../../../api/service';
import { errorText } from '../../../shared/errors';
import { formatDate, formatDateTime, orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { QueryState } from '../../components/page-state';
import { CategoryTag, RequestStatusTag } from './request-status';

/** One request: its facts, its timeline, and the steps the caller may take (from the server's abilities). */
export function RequestDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const request = useRequest(id);
  const r = request.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={r ? r.title : t('service.request.detailTitle')} destroyOnHidden>
      <QueryState query={request}>
        {r ? <RequestBody r={r} /> : null}
      </QueryState>
    </Drawer>
  );
}

function RequestBody({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Flex vertical gap={16}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('service.field.enterprise')}>{r.enterpriseName}{r.townName ? ` · ${r.townName}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('service.request.category')}><CategoryTag category={r.category} /></Descriptions.Item>
        <Descriptions.Item label={t('service.request.status')}><RequestStatusTag status={r.status} overdue={r.overdue} /></Descriptions.Item>
        <Descriptions.Item label={t('service.request.department')}>{r.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('service.request.dueOn')}>{formatDate(r.dueOn)}</Descriptions.Item>
        <Descriptions.Item label={t('service.request.raisedVia')}>{t(`service.request.via.${r.raisedVia}`)} · {orDash(r.raisedByName)} · {formatDateTime(r.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('service.request.detail')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{orDash(r.detail)}</Typography.Paragraph></Descriptions.Item>
        {r.resolution ? <Descriptions.Item label={t('service.request.resolution')}>{r.resolution}</Descriptions.Item> : null}
        {r.declinedReason ? <Descriptions.Item label={t('service.request.declinedReason')}>{r.declinedReason}</Descriptions.Item> : null}
        {r.satisfaction ? (
          <Descriptions.Item label={t('service.request.satisfaction')}><Rate disabled value={r.satisfaction} /> {orDash(r.satisfactionNote)}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <RequestActions r={r} />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('service.request.timeline')}</Typography.Title>
      <Timeline
        items={r.timeline.map((e) => ({
          key: e.id,
          content: (
            <div>
              <Typography.Text strong>{e.fromStatus === e.toStatus ? t('service.request.rated') : label(REQUEST_STATUS_LABELS[e.toStatus])}</Typography.Text>
              <Typography.Text type="secondary"> · {e.actorName} · {formatDateTime(e.at)}</Typography.Text>
              {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
            </div>
          ),
        }))}
      />
    </Flex>
  );
}

type Pending = { status: RequestStatus; field?: 'resolution' | 'declinedReason' } | null;

/** Buttons for the next steps; resolving and declining ask for their text first. */
function RequestActions({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const move = useTransitionRequest(r.id);
  const rate = useRateRequest(r.id);
  const [pending, setPending] = useState<Pending>(null);
  const [rating, setRating] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const [rateForm] = Form.useForm<{ satisfaction: number; note?: string }>();
  const fail = (e: unknown) => message.error(errorText(t, e));

  const step = (status: RequestStatus, text?: string) => {
    // abilities.transitions never offers 'new' (no step leads back to it).
    const next = status as Exclude<RequestStatus, 'new'>;
    const body = { version: r.version, status: next, ...(status === 'resolved' ? { resolution: text } : {}), ...(status === 'declined' ? { declinedReason: text } : {}) };
    move.mutate(body, {
      onSuccess: () => {
        message.success(t('service.request.moved', { status: label(REQUEST_STATUS_LABELS[status]) }));
        setPending(null);
        form.resetFields();
      },
      onError: fail,
    });
  };
  const handleClick = (status: RequestStatus) => {
    if (status === 'resolved') setPending({ status, field: 'resolution' });
    else if (status === 'declined') setPending({ status, field: 'declinedReason' });
    else step(status);
  };

  if (r.abilities.transitions.length === 0 && !r.abilities.rate) return null;
  return (
    <>
      <Space wrap>
        {r.abilities.transitions.map((s) => (
          <Button key={s} type={s === 'declined' ? 'default' : 'primary'} danger={s === 'declined'} loading={move.isPending} onClick={() => handleClick(s)}>
            {t(`service.request.action.${s}`)}
          </Button>
        ))}
        {r.abilities.rate ? <Button onClick={() => setRating(true)}>{t('service.request.rate')}</Button> : null}
      </Space>
      <Modal
        open={pending !== null}
        title={pending ? t(`service.request.action.${pending.status}`) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={move.isPending}
        // A failed validation is shown on the field; nothing more to do with the rejection.
        onOk={() => form.validateFields().then((v) => step(pending!.status, v.text.trim()), () => undefined)}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="text" label={pending?.field ? t(`service.request.${pending.field}`) : ''} rules={[{ required: true, whitespace: true, min: 2, message: pending?.field === 'declinedReason' ? t('service.request.reasonRequired') : t('service.request.resolutionRequired') }, { max: 1000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={rating}
        title={t('service.request.rate')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={rate.isPending}
        onCancel={() => setRating(false)}
        onOk={() => rateForm.validateFields().then((v) => rate.mutate({ version: r.version, satisfaction: v.satisfaction, note: v.note?.trim() || undefined }, {
          onSuccess: () => {
            message.success(t('common.saved'));
            setRating(false);
          },
          onError: fail,
        }), () => undefined)}
        destroyOnHidden
      >
        <Form form={rateForm} layout="vertical">
          <Form.Item name="satisfaction" label={t('service.request.satisfaction')} rules={[{ required: true, message: t('service.request.satisfactionRequired') }]}>
            <Rate />
          </Form.Item>
          <Form.Item name="note" label={t('service.request.satisfactionNote')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
