import { useState } from 'react';
import { Button, Card, Flex, InputNumber, Tabs, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../../api/auth';
import { useCan } from '../../access';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { EntriesTab, RecomputeButton } from './entries';
import { AppealsTab, AwardTab, OrgIndexTab, PendingTab } from './ledger';
import { RulebookTab } from './rulebook';

/** 积分: an organisation's index (no ranking of people), the ledger, the rulebook, awards, approvals and appeals. '?tab=' opens one tab (to-dos link to 'pending'). */
export function PointsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(() => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())));
  const [picked, setPicked] = useState<number | undefined>();
  // Starts at the account's own organisation (its first grant).
  const orgId = picked ?? me.data?.grants.find((g) => g.role !== 'member')?.orgId ?? me.data?.grants[0]?.orgId;

  const tabs = [
    { key: 'index', label: t('learning.pointsPage.tabIndex'), children: orgId ? <OrgIndexTab orgId={orgId} year={year} onOpenOrg={setPicked} /> : null },
    ...(orgId ? [{ key: 'entries', label: t('learning.pointsPage.tabEntries'), children: <EntriesTab orgId={orgId} year={year} /> }] : []),
    ...(can('points.manage') ? [{ key: 'rulebook', label: t('learning.pointsPage.tabRulebook'), children: <RulebookTab year={year} /> }] : []),
    ...(can('points.award') && orgId ? [{ key: 'award', label: t('learning.pointsPage.tabAward'), children: <AwardTab orgId={orgId} year={year} /> }] : []),
    ...(can('points.approve') && orgId ? [
      { key: 'pending', label: t('learning.pointsPage.tabPending'), children: <PendingTab orgId={orgId} year={year} /> },
      { key: 'appeals', label: t('learning.pointsPage.tabAppeals'), children: <AppealsTab orgId={orgId} year={year} /> },
    ] : []),
  ];
  const wanted = params.get('tab');
  const activeKey = tabs.some((x) => x.key === wanted) ? wanted! : 'index';

  return (
    <>
      <PageHeader
        title={t('learning.pointsPage.title')}
        extra={orgId ? <Link to={`/points/report/${orgId}?year=${year}`}><Button icon={<FileTextOutlined />}>{t('learning.pointsPage.report')}</Button></Link> : null}
      >
        <Typography.Text type="secondary">{t('learning.pointsPage.intro')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text>{t('learning.pointsPage.org')}</Typography.Text>
          <OrgTreeSelect value={orgId} onChange={setPicked} allowClear={false} style={{ width: 360 }} aria-label={t('learning.pointsPage.org')} />
          <Typography.Text>{t('learning.pointsPage.year')}</Typography.Text>
          <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} aria-label={t('learning.pointsPage.year')} />
        </Flex>
        {can('points.manage') && activeKey === 'index' ? <div style={{ marginBottom: 8 }}><RecomputeButton year={year} /></div> : null}
        <Tabs destroyOnHidden items={tabs} activeKey={activeKey} onChange={(k) => setParams(k === 'index' ? {} : { tab: k }, { replace: true })} />
      </Card>
    </>
  );
}
