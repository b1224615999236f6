import { Button, Card, Flex, Space, Tabs, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS } from '@hongyun/shared';
import { useMember } from '../../../../api/members';
import { useLabel } from '../../../../shared/labels';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-state';
import { AccessLogTab } from './access-log-tab';
import { MemberInfo } from './member-info';

/** One member's record (masked unless revealed), posts, and who has looked at it. */
export function MemberDetailPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const id = Number(useParams().memberId);
  const member = useMember(id);
  const m = member.data;

  return (
    <QueryState query={member}>
      {m ? (
        <>
          <PageHeader
            title={
              <Space>
                {m.name}
                <Tag color={m.category === 'full' ? 'red' : 'orange'}>{label(MEMBER_CATEGORY_LABELS[m.category])}</Tag>
                {m.status !== 'normal' ? <Tag>{label(MEMBER_STATUS_LABELS[m.status])}</Tag> : null}
              </Space>
            }
            extra={
              <>
                <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>
                {m.abilities.edit ? (
                  <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/members/${m.id}/edit`)}>{t('common.edit')}</Button>
                ) : null}
              </>
            }
          />
          <Card>
            <Tabs
              items={[
                { key: 'info', label: t('member.detail.tabInfo'), children: <MemberInfo member={m} /> },
                { key: 'access', label: t('member.detail.tabAccess'), children: <AccessLogTab memberId={m.id} />, destroyOnHidden: true },
              ]}
            />
          </Card>
        </>
      ) : (
        <Flex />
      )}
    </QueryState>
  );
}
