import { Card, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '@hongyun/shared';
import { useRoles } from '../../../../api/users';
import { useLabel } from '../../../../shared/labels';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-state';

const PERMISSIONS = [
  'org.read', 'org.write', 'org.move', 'enterprise.read', 'enterprise.write', 'member.read', 'member.write', 'member.reveal',
  'member.import', 'member.export', 'audit.read', 'user.read', 'user.write', 'settings.write',
];

interface Row {
  permission: string;
  [role: string]: string | boolean;
}

/** Roles × permissions, read-only: what each role may do inside the subtree it is granted on. */
export function RolesPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const roles = useRoles();
  const items = roles.data?.items ?? [];
  const known = new Set(PERMISSIONS);
  const all = [...PERMISSIONS, ...new Set(items.flatMap((r) => r.permissions).filter((p) => !known.has(p)))];
  const rows: Row[] = all.map((permission) => ({
    permission,
    ...Object.fromEntries(items.map((r) => [r.role, r.permissions.includes(permission)])),
  }));

  const columns: TableColumnsType<Row> = [
    {
      key: 'permission', title: t('role.permission'), fixed: 'left', width: 240,
      render: (_, r) => (
        <Tooltip title={r.permission}>
          <Typography.Text>{t(`permission.${r.permission}`, { defaultValue: r.permission })}</Typography.Text>
        </Tooltip>
      ),
    },
    ...items.map((r) => ({
      key: r.role,
      title: label(ROLE_LABELS[r.role]),
      align: 'center' as const,
      render: (_: unknown, row: Row) =>
        row[r.role] ? <CheckOutlined style={{ color: '#389e0d' }} aria-label={t('role.granted')} /> : <Typography.Text type="secondary">—</Typography.Text>,
    })),
  ];

  return (
    <>
      <PageHeader title={t('role.title')}>
        <Typography.Text type="secondary">{t('role.subtitle')}</Typography.Text>
      </PageHeader>
      <Card>
        <QueryState query={roles}>
          <Table<Row> rowKey="permission" size="middle" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} bordered />
        </QueryState>
      </Card>
    </>
  );
}
