import { useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Flex, Form, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuditLog } from '../../../../api/audit';
import type { AuditEntry, AuditQuery } from '../../../../api/types';
import { formatDateTime, orDash } from '../../../../shared/format';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { AuditDiff } from './audit-diff';

const ACTIONS = [
  'auth.login', 'auth.loginFailed', 'auth.passwordChanged', 'member.view', 'member.reveal', 'member.export', 'member.create', 'member.update',
  'member.import', 'org.create', 'org.update', 'org.move', 'org.abolish', 'org.leadership.term', 'org.leadership.posts', 'org.partyGroup.create',
  'enterprise.create', 'user.create', 'user.update', 'user.resetPassword', 'user.grant.add', 'user.grant.remove',
];
const TARGET_TYPES = ['member', 'org', 'partyGroup', 'user', 'enterprise', 'importJob'];

interface FilterValues {
  action?: string;
  actor?: string;
  targetType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function TargetLink({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const type = t(`audit.target.${entry.targetType}`, { defaultValue: entry.targetType });
  if (!entry.targetId) return <>{type}</>;
  if (entry.targetType === 'member') return <Link to={`/members/${entry.targetId}`}>{type} #{entry.targetId}</Link>;
  if (entry.targetType === 'org') return <Link to={`/orgs/${entry.targetId}`}>{type} #{entry.targetId}</Link>;
  return <>{type} #{entry.targetId}</>;
}

/** The audit trail of the caller's scope, newest first; before → after in each row's expansion. */
export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const log = useAuditLog(query);

  const handleFinish = (v: FilterValues) => {
    setQuery({
      page: 1,
      pageSize: query.pageSize,
      action: v.action?.trim() || undefined,
      actor: v.actor?.trim() || undefined,
      targetType: v.targetType || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.field.at'), width: 170, render: (_, e) => formatDateTime(e.at) },
    { key: 'actor', title: t('audit.field.actor'), width: 140, render: (_, e) => orDash(e.actorName) },
    {
      key: 'action', title: t('audit.field.action'), width: 200,
      render: (_, e) => (
        <span title={e.action}>{t(`audit.action.${e.action}`, { defaultValue: e.action })}</span>
      ),
    },
    { key: 'target', title: t('audit.field.target'), render: (_, e) => <TargetLink entry={e} /> },
    { key: 'ip', title: t('audit.field.ip'), width: 150, render: (_, e) => <Typography.Text type="secondary">{orDash(e.ip)}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <Form<FilterValues> form={form} layout="inline" onFinish={handleFinish} style={{ marginBottom: 16, rowGap: 12 }} role="search">
          <Form.Item label={t('audit.field.action')} name="action">
            <AutoComplete
              allowClear
              style={{ width: 220 }}
              options={ACTIONS.map((a) => ({ value: a, label: `${t(`audit.action.${a}`, { defaultValue: a })} (${a})` }))}
              showSearch={{ filterOption: (input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
          <Form.Item label={t('audit.field.actor')} name="actor">
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t('audit.field.targetType')} name="targetType">
            <Select allowClear style={{ width: 130 }} options={TARGET_TYPES.map((v) => ({ value: v, label: t(`audit.target.${v}`) }))} />
          </Form.Item>
          <Form.Item label={t('audit.field.range')} name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setQuery({ page: 1, pageSize: query.pageSize }); }}>{t('common.reset')}</Button>
          </Flex>
        </Form>
        {log.isError ? <ErrorAlert error={log.error} onRetry={() => void log.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.isFetching}
          expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} /> }}
          locale={{ emptyText: t('audit.empty') }}
          scroll={{ x: 900 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
