import { Descriptions, Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../api/types';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose value differs between before and after (all of them for a create or delete). */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/** before → after as a readable table, plus the entry's detail. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  // Field names in the catalog of the target's kind (member.field.name, org.field.code), else the identifier.
  const fieldLabel = (field: string) => {
    const key = `${entry.targetType}.field.${field}`;
    return i18n.exists(key) ? `${t(key)} (${field})` : field;
  };
  const changes = changesOf(entry.before, entry.after);
  const detail = isObject(entry.detail) ? Object.entries(entry.detail) : [];
  if (!changes.length && !detail.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noChanges')} />;
  return (
    <Flex vertical gap={12}>
      {changes.length ? (
        <Table<Change>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={changes}
          columns={[
            { key: 'field', title: t('audit.diff.field'), width: 200, render: (_, c) => <Typography.Text>{fieldLabel(c.field)}</Typography.Text> },
            { key: 'before', title: t('audit.diff.before'), render: (_, c) => (c.before === undefined ? '' : <span className="hy-diff-old">{show(c.before)}</span>) },
            { key: 'after', title: t('audit.diff.after'), render: (_, c) => (c.after === undefined ? '' : <span className="hy-diff-new">{show(c.after)}</span>) },
          ]}
        />
      ) : null}
      {detail.length ? (
        <Descriptions
          size="small"
          title={t('audit.diff.detail')}
          column={1}
          items={detail.map(([k, v]) => ({ key: k, label: k, children: show(v) }))}
        />
      ) : null}
    </Flex>
  );
}
