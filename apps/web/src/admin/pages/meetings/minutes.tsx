import { useState } from 'react';
import { Alert, App, Button, Collapse, Descriptions, Empty, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConfirmMinutes, useSaveMinutes, type MeetingDetail, type MeetingMinutes } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';
import { formatDate, formatDateTime, orDash } from '../../../shared/format';
import { useServerErrors } from '../../components/server-error';

interface MinutesValues {
  content: string;
  decisions: string;
  reason: string;
}

const pre = { whiteSpace: 'pre-wrap' as const, margin: 0 };

/** The minutes: the recorder writes, the secretary confirms; later corrections need a reason and keep every version. */
export function MinutesPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const minutes = m.minutes;
  if (m.status === 'cancelled') return <Empty description={t('meetings.minutes.cancelled')} />;

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('meetings.minutes.due', { date: formatDate(m.minutesDueOn) })}</Typography.Text>
      {m.minutesOverdue ? <Alert type="warning" showIcon title={t('meetings.minutes.overdue', { date: formatDate(m.minutesDueOn) })} /> : null}
      {editing || (!minutes && m.abilities.canRecordMinutes) ? (
        <MinutesEditor meeting={m} minutes={minutes} onDone={() => setEditing(false)} onCancel={minutes ? () => setEditing(false) : undefined} />
      ) : minutes ? (
        <MinutesView meeting={m} minutes={minutes} onEdit={m.abilities.canRecordMinutes ? () => setEditing(true) : undefined} />
      ) : (
        <Empty description={t('meetings.minutes.none')} />
      )}
      {minutes && minutes.versions.length ? <MinutesHistory minutes={minutes} /> : null}
    </Flex>
  );
}

function MinutesView({ meeting: m, minutes, onEdit }: { meeting: MeetingDetail; minutes: MeetingMinutes; onEdit?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmMinutes(m.id);
  const handleConfirm = () => confirm.mutateAsync(minutes.revision)
    .then(() => { message.success(t('meetings.minutes.confirmedDone')); })
    .catch((error: unknown) => { message.error(errorText(t, error)); });

  return (
    <Flex vertical gap={12}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('meetings.minutes.content')}><p style={pre}>{minutes.content}</p></Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.decisions')}><p style={pre}>{orDash(minutes.decisions)}</p></Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.online')}>
          {m.onlineParticipants.length ? m.onlineParticipants.map((p) => p.name).join('、') : t('meetings.minutes.noOnline')}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.recorded')}>{t('meetings.minutes.byAt', { name: orDash(minutes.recordedByName), at: formatDateTime(minutes.recordedAt) })}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.minutes.confirmed')}>
          {minutes.confirmedAt ? t('meetings.minutes.byAt', { name: orDash(minutes.confirmedByName), at: formatDateTime(minutes.confirmedAt) }) : t('meetings.minutes.notConfirmed')}
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} wrap>
        {m.abilities.canConfirm && !minutes.confirmedAt ? (
          <Popconfirm title={t('meetings.minutes.confirmTitle')} description={t('meetings.minutes.confirmExplain')} okText={t('meetings.minutes.confirm')} cancelText={t('common.cancel')} onConfirm={handleConfirm}>
            <Button type="primary" loading={confirm.isPending}>{t('meetings.minutes.confirm')}</Button>
          </Popconfirm>
        ) : null}
        {onEdit ? <Button onClick={onEdit}>{minutes.confirmedAt ? t('meetings.minutes.correct') : t('meetings.minutes.edit')}</Button> : null}
      </Flex>
    </Flex>
  );
}

function MinutesEditor({ meeting: m, minutes, onDone, onCancel }: { meeting: MeetingDetail; minutes: MeetingMinutes | null; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MinutesValues>();
  const save = useSaveMinutes(m.id);
  const errors = useServerErrors(form);
  const correcting = !!minutes?.confirmedAt;

  const handleFinish = (v: MinutesValues) => {
    errors.clear();
    save.mutate({ content: v.content.trim(), decisions: v.decisions.trim() || null, revision: minutes?.revision, reason: correcting ? v.reason.trim() : null }, {
      onSuccess: () => {
        message.success(correcting ? t('meetings.minutes.corrected') : t('meetings.minutes.saved'));
        onDone();
      },
      onError: errors.handle,
    });
  };

  return (
    <Form<MinutesValues> form={form} layout="vertical" onFinish={handleFinish} initialValues={{ content: minutes?.content ?? '', decisions: minutes?.decisions ?? '', reason: '' }}>
      {errors.alert}
      {correcting ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('meetings.minutes.correctingHint')} /> : null}
      <Form.Item name="content" label={t('meetings.minutes.content')} rules={[{ required: true, whitespace: true, message: t('meetings.minutes.contentRequired') }, { max: 20000 }]} extra={t('meetings.minutes.contentHint')}>
        <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} maxLength={20000} showCount />
      </Form.Item>
      <Form.Item name="decisions" label={t('meetings.minutes.decisions')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} placeholder={t('meetings.minutes.decisionsPlaceholder')} />
      </Form.Item>
      {correcting ? (
        <Form.Item name="reason" label={t('meetings.minutes.reason')} rules={[{ required: true, whitespace: true, message: t('meetings.minutes.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('meetings.minutes.reasonPlaceholder')} />
        </Form.Item>
      ) : null}
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{correcting ? t('meetings.minutes.saveCorrection') : t('meetings.minutes.save')}</Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Flex>
    </Form>
  );
}

/** Every confirmed text and each correction with its reason, newest first. */
function MinutesHistory({ minutes }: { minutes: MeetingMinutes }) {
  const { t } = useTranslation();
  const versions = [...minutes.versions].reverse();
  return (
    <Collapse
      size="small"
      items={[{
        key: 'history',
        label: t('meetings.minutes.history', { n: versions.length }),
        children: (
          <Collapse
            size="small"
            ghost
            items={versions.map((v) => ({
              key: v.revision,
              label: t('meetings.minutes.version', { revision: v.revision, at: formatDateTime(v.changedAt), name: orDash(v.changedByName) }),
              extra: v.reason ? <Typography.Text type="secondary">{t('meetings.minutes.versionReason', { reason: v.reason })}</Typography.Text> : null,
              children: (
                <Flex vertical gap={8}>
                  <p style={pre}>{v.content}</p>
                  {v.decisions ? <p style={pre}><strong>{t('meetings.minutes.decisions')}：</strong>{v.decisions}</p> : null}
                </Flex>
              ),
            }))}
          />
        ),
      }]}
    />
  );
}
