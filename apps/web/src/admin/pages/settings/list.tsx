import { useState } from 'react';
import { App, Button, Card, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, REQUIRED_MEETING_KINDS, type RequiredMeetingKind } from '@hongyun/shared';
import { useResetSetting, useSettings, useUpdateSetting, type Setting } from '../../../api/settings';
import { errorText } from '../../../shared/errors';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';

type Frequency = { period: 'month' | 'quarter' | 'year'; times: number };
type MeetingRules = Record<RequiredMeetingKind, Frequency>;
const GROUPS = ['orgLife', 'learning', 'coverage', 'service'] as const;
const percent = (v: unknown) => `${Math.round(Number(v) * 1000) / 10}%`;

/** 系统设置: every changeable rule with its default and legal basis; changes are audited. */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const settings = useSettings();
  const reset = useResetSetting();
  const [editing, setEditing] = useState<Setting | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const show = (s: Setting, value: unknown) => {
    if (s.input === 'meetingRules') {
      const rules = value as MeetingRules;
      return (
        <Space direction="vertical" size={0}>
          {REQUIRED_MEETING_KINDS.map((k) => (
            <span key={k}>{MEETING_KIND_LABELS[k][lang]}：{t(`settings.period.${rules[k].period}`, { times: rules[k].times })}</span>
          ))}
        </Space>
      );
    }
    if (s.input === 'share') return percent(value);
    if (s.input === 'switch') return value === 1 ? t('settings.on') : t('settings.off');
    if (s.input === 'list') return `${(value as number[]).join(' / ')}${s.unit ?? ''}`;
    return `${String(value)}${s.unit ?? ''}`;
  };

  const confirmReset = (s: Setting) =>
    modal.confirm({
      title: t('settings.resetConfirm', { name: s.label }),
      content: t('settings.resetText'),
      okText: t('settings.reset'),
      cancelText: t('common.cancel'),
      onOk: () => reset.mutateAsync(s.key).then(() => message.success(t('settings.resetDone')), (e: unknown) => message.error(errorText(t, e))),
    });

  const columns: TableColumnsType<Setting> = [
    { key: 'label', title: t('settings.name'), width: 220, render: (_, s) => <Typography.Text strong>{s.label}</Typography.Text> },
    { key: 'value', title: t('settings.value'), width: 260, render: (_, s) => <Space direction="vertical" size={2}>{show(s, s.value)}{s.isDefault ? <Tag>{t('settings.isDefault')}</Tag> : <Tag color="orange">{t('settings.changed', { value: '' })}</Tag>}</Space> },
    { key: 'citation', title: t('settings.citation'), render: (_, s) => <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>{s.citation}</Typography.Paragraph> },
    {
      key: 'actions', title: t('common.actions'), width: 150,
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(s)}>{t('common.edit')}</Button>
          {s.isDefault ? null : <Button type="link" size="small" onClick={() => confirmReset(s)}>{t('settings.reset')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('settings.pageTitle')}>
        <Typography.Text type="secondary">{t('settings.hint')}</Typography.Text>
      </PageHeader>
      {settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {GROUPS.map((g) => (
        <Card key={g} title={t(`settings.group.${g}`)} style={{ marginBottom: 16 }}>
          <Table<Setting> rowKey="key" size="middle" columns={columns} dataSource={(settings.data?.items ?? []).filter((s) => s.group === g)} loading={settings.isLoading} pagination={false} scroll={{ x: 900 }} />
        </Card>
      ))}
      {editing ? <EditSetting setting={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function EditSetting({ setting, onClose }: { setting: Setting; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useUpdateSetting();
  const server = useServerErrors(form);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const rules = setting.input === 'meetingRules';
  const shown = (v: unknown) => (setting.input === 'share' ? percent(v) : setting.input === 'list' ? (v as number[]).join(' / ') : setting.input === 'switch' ? (v === 1 ? t('settings.on') : t('settings.off')) : String(v));

  const save = async () => {
    const values = await form.validateFields();
    server.clear();
    try {
      await update.mutateAsync({ key: setting.key, value: values.value });
      message.success(t('settings.saved'));
      onClose();
    } catch (e) {
      server.handle(e);
    }
  };

  return (
    <Modal open title={t('settings.editTitle', { name: setting.label })} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void save()} confirmLoading={update.isPending} onCancel={onClose} destroyOnHidden width={rules ? 620 : 480}>
      {server.alert}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{setting.citation}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ value: setting.value }}>
        {rules ? (
          REQUIRED_MEETING_KINDS.map((k) => (
            <Space key={k} align="baseline" style={{ display: 'flex' }}>
              <span style={{ width: 110, display: 'inline-block' }}>{MEETING_KIND_LABELS[k][lang]}</span>
              <Form.Item name={['value', k, 'period']} rules={[{ required: true }]}>
                <Select style={{ width: 120 }} options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`settings.every.${p}`) }))} />
              </Form.Item>
              <Form.Item name={['value', k, 'times']} rules={[{ required: true, message: t('settings.required') }]}>
                <InputNumber min={1} max={10} precision={0} addonAfter={t('settings.times')} style={{ width: 140 }} />
              </Form.Item>
            </Space>
          ))
        ) : setting.input === 'list' ? (
          <Form.Item label={t('settings.newValue', { unit: setting.unit ?? '' })} extra={t('settings.defaultIs', { value: shown(setting.defaultValue) })}>
            <Space wrap>
              {(setting.defaultValue as number[]).map((_, i) => (
                <Form.Item key={i} name={['value', i]} noStyle rules={[{ required: true, message: t('settings.required') }]}>
                  <InputNumber min={0} style={{ width: 90 }} aria-label={t('settings.listItem', { n: i + 1 })} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
        ) : (
          <Form.Item name="value" label={t('settings.newValue', { unit: setting.unit ?? '' })} rules={[{ required: true, message: t('settings.required') }]} extra={t('settings.defaultIs', { value: shown(setting.defaultValue) })}>
            {setting.input === 'share' ? <InputNumber min={0.01} max={1} step={0.01} style={{ width: 200 }} />
              : setting.input === 'switch' ? <Select style={{ width: 200 }} options={[{ value: 0, label: t('settings.off') }, { value: 1, label: t('settings.on') }]} />
                : <InputNumber min={0} precision={0} style={{ width: 200 }} addonAfter={setting.unit ?? undefined} />}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
