import { useState } from 'react';
import { Button, Card, Flex, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../../../api/users';
import type { UserItem } from '../../../../api/types';
import { useCan } from '../../../access';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { AddGrantModal } from './add-grant-modal';
import { CreateUserModal } from './create-user-modal';
import { PasswordOnceModal } from './password-once-modal';
import { UserTable } from './user-table';

/** 账号管理: accounts in scope, their grants, password resets, disabling. */
export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const users = useUsers({ q: q || undefined, ...page });
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserItem | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null);

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={can('user.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('user.create.title')}</Button> : null}
      />
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            aria-label={t('user.search')}
            placeholder={t('user.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage((p) => ({ ...p, page: 1 }));
            }}
          />
        </Flex>
        {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        <UserTable
          data={users.data}
          loading={users.isFetching}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          onAddGrant={setGranting}
          onPassword={(username, pw) => setPassword({ username, password: pw })}
        />
      </Card>
      {creating ? <CreateUserModal onClose={() => setCreating(false)} onCreated={(username, pw) => setPassword({ username, password: pw })} /> : null}
      {granting ? <AddGrantModal user={granting} onClose={() => setGranting(null)} /> : null}
      {password ? <PasswordOnceModal username={password.username} password={password.password} onClose={() => setPassword(null)} /> : null}
    </>
  );
}
