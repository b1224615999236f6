import { Breadcrumb, Card, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ORG_KIND_INFO } from '@hongyun/shared';
import { useOrg } from '../../../../api/orgs';
import { useLabel } from '../../../../shared/labels';
import { QueryState } from '../../../components/page-state';
import { WarningList } from '../../../components/warning-list';
import { GroupsCard, EnterprisesCard } from './groups-card';
import { LeadershipCard } from './leadership-card';
import { OrgActions } from './org-actions';
import { OrgCounts, OrgInfo } from './org-info';

/** One organisation: breadcrumb, actions by its abilities, counts, warnings, committee, groups. */
export function OrgDetailPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const org = useOrg(id);
  const d = org.data;

  return (
    <QueryState query={org}>
      {d ? (
        <Flex vertical gap={16}>
          <Card>
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={d.path.map((p) => ({ key: p.id, title: p.id === d.id ? p.name : <Link to={`/orgs/${p.id}`}>{p.name}</Link> }))}
            />
            <Flex justify="space-between" align="flex-start" wrap gap={12}>
              <Space orientation="vertical" size={4}>
                <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{d.name}</Typography.Title>
                <Space size={4} wrap>
                  <Tag color="red">{label(ORG_KIND_INFO[d.kind])}</Tag>
                  {d.isTown ? <Tag color="blue">{t('org.isTown')}</Tag> : null}
                  {d.abolished ? <Tag>{t('org.abolished')}</Tag> : null}
                  <Typography.Text type="secondary">{t('org.field.code')}: {d.code}</Typography.Text>
                </Space>
              </Space>
              <OrgActions org={d} />
            </Flex>
            <OrgCounts org={d} />
          </Card>
          {d.warnings.length > 0 ? (
            <Card title={t('org.section.warnings', { count: d.warnings.length })} size="small">
              <WarningList warnings={d.warnings} />
            </Card>
          ) : null}
          <OrgInfo org={d} />
          <LeadershipCard org={d} />
          <GroupsCard org={d} />
          <EnterprisesCard org={d} />
        </Flex>
      ) : null}
    </QueryState>
  );
}
