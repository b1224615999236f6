import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OPERATING_STATUS_LABELS, type OperatingStatus } from '@hongyun/shared';
import { enterpriseKeys, uploadReconcile, type ReconcileReport } from '../../../api/enterprises';
import { errorDetail, errorText } from '../../../shared/errors';
import { orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { XlsxPicker } from './file-picker';

/** Reconciliation: a registry extract against the town's registry — new, changed, gone — then apply. */
export function RegistryReconcile() {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [townOrgId, setTown] = useState<number | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const [goneReason, setGoneReason] = useState('');
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [busy, setBusy] = useState<'compare' | 'apply' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (apply: boolean) => {
    if (!file || !townOrgId) return;
    setBusy(apply ? 'apply' : 'compare');
    setError(null);
    try {
      const r = await uploadReconcile(file, townOrgId, apply, goneReason.trim() || undefined);
      setReport(r);
      if (r.applied) {
        message.success(t('enterprises.reconcile.applied'));
        await client.invalidateQueries({ queryKey: enterpriseKeys.all });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const status = (s: string | null) => (s && s in OPERATING_STATUS_LABELS ? label(OPERATING_STATUS_LABELS[s as OperatingStatus]) : orDash(s));
  const value = (field: string, v: string | null) => (field === 'operatingStatus' ? status(v) : orDash(v));
  const nothing = report && report.added.length + report.changed.length + report.gone.length === 0;

  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('enterprises.reconcile.intro')} />
      {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('enterprises.field.town')} required>
          <OrgTreeSelect value={townOrgId} onChange={(v) => { setTown(v); setReport(null); }} disabled={(n) => !n.isTown} aria-label={t('enterprises.field.town')} />
        </Form.Item>
        <Form.Item label={t('enterprises.reconcile.file')} required extra={t('enterprises.reconcile.fileHint')}>
          <XlsxPicker file={file} onChange={(f) => { setFile(f); setReport(null); }} />
        </Form.Item>
        <Form.Item label={t('enterprises.reconcile.goneReason')} extra={t('enterprises.reconcile.goneReasonHint')}>
          <Input value={goneReason} maxLength={200} onChange={(e) => setGoneReason(e.target.value)} />
        </Form.Item>
        <Button type="primary" disabled={!file || !townOrgId} loading={busy === 'compare'} onClick={() => void run(false)}>{t('enterprises.reconcile.compare')}</Button>
      </Form>
      {report ? (
        <Flex vertical gap={16}>
          <Typography.Text strong>{t('enterprises.reconcile.summary', { added: report.added.length, changed: report.changed.length, gone: report.gone.length, issues: report.issues.length })}</Typography.Text>
          {report.applied ? <Alert type="success" showIcon title={t('enterprises.reconcile.applied')} /> : nothing ? <Alert type="success" showIcon title={t('enterprises.reconcile.nothing')} /> : (
            <div>
              <Popconfirm title={t('enterprises.reconcile.applyConfirm', { added: report.added.length, changed: report.changed.length, gone: report.gone.length })} onConfirm={() => void run(true)} okText={t('enterprises.reconcile.apply')} cancelText={t('common.cancel')}>
                <Button type="primary" danger={report.gone.length > 0} loading={busy === 'apply'}>{t('enterprises.reconcile.apply')}</Button>
              </Popconfirm>
            </div>
          )}
          <Card size="small" title={t('enterprises.reconcile.added', { count: report.added.length })}>
            <Table rowKey="uscc" size="small" dataSource={report.added} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
              { key: 'name', title: t('enterprises.field.name'), render: (_, a) => a.name },
              { key: 'uscc', title: t('enterprises.field.uscc'), render: (_, a) => <code>{a.uscc}</code> },
              { key: 'staff', title: t('enterprises.field.staffCount'), render: (_, a) => orDash(a.staffCount) },
              { key: 'status', title: t('enterprises.field.operatingStatus'), render: (_, a) => status(a.operatingStatus) },
              { key: 'survey', title: t('enterprises.reconcile.survey'), render: (_, a) => (a.survey ? <Tag color="blue">{t('enterprises.reconcile.surveyYes')}</Tag> : '—') },
            ]} />
          </Card>
          <Card size="small" title={t('enterprises.reconcile.changed', { count: report.changed.length })}>
            <Table rowKey="id" size="small" dataSource={report.changed} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
              { key: 'name', title: t('enterprises.field.name'), width: 240, render: (_, c) => <Link to={`/enterprises/${c.id}`}>{c.name}</Link> },
              {
                key: 'changes', title: t('enterprises.reconcile.changes'),
                render: (_, c) => (
                  <Flex vertical>
                    {c.changes.map((x) => <span key={x.field}>{t(`enterprises.field.${x.field}`)}：{value(x.field, x.from)} → {value(x.field, x.to)}</span>)}
                  </Flex>
                ),
              },
            ]} />
          </Card>
          <Card size="small" title={t('enterprises.reconcile.gone', { count: report.gone.length })}>
            <Table rowKey="id" size="small" dataSource={report.gone} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
              { key: 'name', title: t('enterprises.field.name'), render: (_, g) => <Link to={`/enterprises/${g.id}`}>{g.name}</Link> },
              { key: 'uscc', title: t('enterprises.field.uscc'), render: (_, g) => <code>{g.uscc}</code> },
            ]} />
          </Card>
          {report.issues.length ? (
            <Card size="small" title={t('enterprises.reconcile.issues', { count: report.issues.length })}>
              <Table rowKey={(i) => `${i.row}-${i.column}`} size="small" dataSource={report.issues} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
                { key: 'row', title: t('enterprises.import.row'), width: 80, render: (_, i) => i.row },
                { key: 'column', title: t('enterprises.import.column'), width: 160, render: (_, i) => i.column },
                { key: 'value', title: t('enterprises.import.value'), width: 200, render: (_, i) => orDash(i.value) },
                { key: 'reason', title: t('enterprises.import.reason'), render: (_, i) => i.reason },
              ]} />
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );
}
