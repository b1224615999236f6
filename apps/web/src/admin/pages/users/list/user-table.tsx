import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '@hongyun/shared';
import { useRemoveGrant, useResetPassword, useUpdateUser } from '../../../../api/users';
import type { UserItem, UserList } from '../../../../api/types';
import { errorText } from '../../../../shared/errors';
import { formatDateTime, orDash } from '../../../../shared/format';
import { useLabel } from '../../../../shared/labels';
import { useCan } from '../../../access';

interface UserTableProps {
  data?: UserList;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onAddGrant: (user: UserItem) => void;
  onPassword: (username: string, password: string) => void;
}

/** Accounts with their grants; actions by the caller's permission and each row's abilities. */
export function UserTable({ data, loading, page, pageSize, onPage, onAddGrant, onPassword }: UserTableProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const { message, modal } = App.useApp();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const removeGrant = useRemoveGrant();
  const manage = (u: UserItem) => can('user.write') && u.abilities.manage;
  const fail = (e: unknown) => message.error(errorText(t, e));

  const columns: TableColumnsType<UserItem> = [
    { key: 'username', title: t('user.field.username'), width: 140, render: (_, u) => <Typography.Text strong>{u.username}</Typography.Text> },
    { key: 'displayName', title: t('user.field.displayName'), width: 120, render: (_, u) => u.displayName },
    { key: 'phone', title: t('user.field.phone'), width: 130, render: (_, u) => orDash(u.phoneMasked) },
    { key: 'member', title: t('user.field.member'), width: 100, render: (_, u) => (u.memberId && can('member.read') ? <Link to={`/members/${u.memberId}`}>{u.memberName}</Link> : orDash(u.memberName)) },
    {
      key: 'grants', title: t('user.field.grants'),
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.grants.map((g) => (
            <Tag
              key={g.id}
              color="red"
              closable={manage(u)}
              closeIcon={manage(u) ? undefined : false}
              onClose={(e) => {
                e.preventDefault();
                modal.confirm({
                  title: t('user.grant.removeConfirm', { name: u.displayName, role: label(ROLE_LABELS[g.role]), org: g.orgName }),
                  okText: t('user.grant.remove'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () => removeGrant.mutateAsync({ userId: u.id, grantId: g.id }).then(() => message.success(t('user.grant.removed')), fail),
                });
              }}
            >
              {label(ROLE_LABELS[g.role])} · {g.orgName}{g.departmentName ? ` · ${g.departmentName}` : ''}
            </Tag>
          ))}
          {u.hiddenGrants > 0 ? <Tag>{t('user.grant.hidden', { count: u.hiddenGrants })}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'state', title: t('user.field.state'), width: 150,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag color="default">{t('user.state.disabled')}</Tag> : <Tag color="green">{t('user.state.active')}</Tag>}
          {u.locked ? <Tag color="orange">{t('user.state.locked')}</Tag> : null}
          {u.mustChangePassword ? <Tag color="blue">{t('user.state.initialPassword')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'lastLogin', title: t('user.field.lastLoginAt'), width: 150, render: (_, u) => formatDateTime(u.lastLoginAt) },
    {
      key: 'actions', title: t('common.actions'), width: 260, fixed: 'right',
      render: (_, u) =>
        manage(u) ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => onAddGrant(u)}>{t('user.grant.add')}</Button>
            <Popconfirm
              title={t('user.reset.confirmTitle', { name: u.displayName })}
              description={t('user.reset.confirmText')}
              okText={t('user.reset.button')}
              cancelText={t('common.cancel')}
              onConfirm={() => reset.mutateAsync(u.id).then((r) => onPassword(u.username, r.initialPassword), fail)}
            >
              <Button type="link" size="small">{t('user.reset.button')}</Button>
            </Popconfirm>
            <Popconfirm
              title={u.disabled ? t('user.enable.confirm', { name: u.displayName }) : t('user.disable.confirm', { name: u.displayName })}
              okText={u.disabled ? t('user.enable.button') : t('user.disable.button')}
              cancelText={t('common.cancel')}
              onConfirm={() => update.mutateAsync({ id: u.id, body: { disabled: !u.disabled } }).then(() => message.success(t('common.saved')), fail)}
            >
              <Button type="link" size="small" danger={!u.disabled}>{u.disabled ? t('user.enable.button') : t('user.disable.button')}</Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <Table<UserItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1300 }}
      locale={{ emptyText: t('user.empty') }}
      pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }), onChange: onPage }}
    />
  );
}
