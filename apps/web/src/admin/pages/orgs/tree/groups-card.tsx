import { useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORG_KIND_INFO } from '@hongyun/shared';
import type { OrgDetail } from '../../../../api/types';
import { PartyGroupModal } from './party-group-modal';

export function GroupsCard({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // 党小组 exist only inside branch-level organisations (支部工作条例 art. 8).
  if (!ORG_KIND_INFO[org.kind].isBranchLike) return null;
  return (
    <Card
      title={t('org.section.partyGroups', { count: org.partyGroups.length })}
      size="small"
      extra={org.abilities.edit ? <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('org.action.addPartyGroup')}</Button> : null}
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.partyGroups}
        locale={{ emptyText: t('org.partyGroups.empty') }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('org.partyGroups.name') },
          { key: 'memberCount', dataIndex: 'memberCount', title: t('org.partyGroups.memberCount'), width: 120 },
        ]}
      />
      <PartyGroupModal orgId={org.id} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}

export function EnterprisesCard({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('org.section.enterprises', { count: org.enterprises.length })} size="small">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.enterprises}
        locale={{ emptyText: t('org.enterprises.empty') }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('enterprise.name') },
          { key: 'uscc', dataIndex: 'uscc', title: t('enterprise.uscc'), render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
