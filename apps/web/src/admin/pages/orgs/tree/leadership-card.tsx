import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Space, Table } from 'antd';
import { EditOutlined, SyncOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LEADERSHIP_POST_LABELS } from '@hongyun/shared';
import type { OrgDetail } from '../../../../api/types';
import { formatDate } from '../../../../shared/format';
import { useLabel } from '../../../../shared/labels';
import { useCan } from '../../../access';
import { TermModal, type TermMode } from './term-modal';

/** The current committee (班子): term dates and posts; 换届 and post changes by abilities. */
export function LeadershipCard({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const [mode, setMode] = useState<TermMode | null>(null);
  if (org.kind === 'office') return null;
  const lead = org.leadership;
  const canEdit = org.abilities.edit && !org.abolished;

  const extra = canEdit ? (
    <Space size={8}>
      {lead ? <Button size="small" icon={<EditOutlined />} onClick={() => setMode('editPosts')}>{t('org.action.editPosts')}</Button> : null}
      <Button size="small" type="primary" ghost icon={<SyncOutlined />} onClick={() => setMode('newTerm')}>{t('org.action.newTerm')}</Button>
    </Space>
  ) : null;

  return (
    <Card title={t('org.section.leadership')} size="small" extra={extra}>
      {lead ? (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'termStart', label: t('org.leadership.termStart'), children: formatDate(lead.termStart) },
              { key: 'termDue', label: t('org.leadership.termDue'), children: formatDate(lead.termDue) },
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={lead.posts}
            locale={{ emptyText: t('org.leadership.noPosts') }}
            columns={[
              { key: 'post', title: t('org.leadership.post'), render: (_, p) => label(LEADERSHIP_POST_LABELS[p.post]) },
              {
                key: 'member',
                title: t('org.leadership.member'),
                render: (_, p) => (can('member.read') ? <Link to={`/members/${p.memberId}`}>{p.memberName}</Link> : p.memberName),
              },
              { key: 'appointedOn', title: t('org.leadership.appointedOn'), render: (_, p) => formatDate(p.appointedOn) },
            ]}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.leadership.none')} />
      )}
      {mode ? <TermModal org={org} mode={mode} onClose={() => setMode(null)} /> : null}
    </Card>
  );
}
