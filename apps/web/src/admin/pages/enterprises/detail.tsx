import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEMBER_CATEGORY_LABELS, OPERATING_STATUS_LABELS, ORG_KIND_INFO, PARTY_STATUS_LABELS, SIZE_BAND_LABELS } from '@hongyun/shared';
import { useEnterprise, type EnterpriseDetail } from '../../../api/enterprises';
import { formatDate, orDash } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { EnterpriseCoverageModal } from '../../components/enterprise-coverage-modal';
import { EnterpriseCoverageTag } from '../../components/enterprise-coverage-tag';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { EnterpriseServiceTabs } from '../service/enterprise-tabs';
import { EnterpriseSurveys } from '../surveys/enterprise-surveys';

/** 一企一册: one company's ledger — registry facts, coverage, members employed, surveys, service. */
export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().enterpriseId);
  const enterprise = useEnterprise(id);
  const e = enterprise.data;

  return (
    <QueryState query={enterprise}>
      {e ? (
        <>
          <PageHeader
            title={<Space wrap>{e.name}<EnterpriseCoverageTag mode={e.coverageMode} />{e.inDenominator ? null : <Tag>{t('enterprises.list.outOfDenominator')}</Tag>}</Space>}
            extra={
              <>
                <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>
                {e.abilities.edit ? <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/enterprises/${e.id}/edit`)}>{t('common.edit')}</Button> : null}
              </>
            }
          >
            <Typography.Text type="secondary" copyable={{ text: e.uscc }}>{e.uscc}</Typography.Text>
          </PageHeader>
          <Flex vertical gap={16}>
            <Basics e={e} />
            <Coverage e={e} />
            <Card>
              <Tabs
                items={[
                  { key: 'members', label: t('enterprises.detail.tabMembers', { count: e.presence.members.total }), children: <Members e={e} /> },
                  { key: 'surveys', label: t('enterprises.detail.tabSurveys'), children: <EnterpriseSurveys enterpriseId={e.id} />, destroyOnHidden: true },
                  { key: 'service', label: t('enterprises.detail.tabService'), children: <EnterpriseServiceTabs enterpriseId={e.id} />, destroyOnHidden: true },
                ]}
              />
            </Card>
          </Flex>
        </>
      ) : null}
    </QueryState>
  );
}

function Basics({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const f = (k: string) => t(`enterprises.field.${k}`);
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <Card title={t('enterprises.detail.basics')}>
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={f('town')}>{orDash(e.townName)}</Descriptions.Item>
        <Descriptions.Item label={f('carrier')}>{orDash(e.carrierName)}</Descriptions.Item>
        <Descriptions.Item label={f('kind')}>{orDash(e.kindName)}</Descriptions.Item>
        <Descriptions.Item label={f('address')}>{orDash(e.address)}</Descriptions.Item>
        <Descriptions.Item label={f('staffCount')}>{orDash(e.staffCount)}（{label(SIZE_BAND_LABELS[e.sizeBand])}）</Descriptions.Item>
        <Descriptions.Item label={f('foundedOn')}>{formatDate(e.foundedOn)}</Descriptions.Item>
        <Descriptions.Item label={f('settledOn')}>{formatDate(e.settledOn)}</Descriptions.Item>
        <Descriptions.Item label={f('operatingStatus')}>{label(OPERATING_STATUS_LABELS[e.operatingStatus])}{e.statusReason ? `（${e.statusReason}）` : ''}</Descriptions.Item>
        <Descriptions.Item label={f('hasFixedPremises')}>{yes(e.hasFixedPremises)}</Descriptions.Item>
        <Descriptions.Item label={f('inDenominator')}>{yes(e.inDenominator)}</Descriptions.Item>
        {e.goneOn ? <Descriptions.Item label={f('goneOn')}>{formatDate(e.goneOn)}（{orDash(e.goneReason)}）</Descriptions.Item> : null}
        <Descriptions.Item label={f('investorPartyStatus')}>{label(PARTY_STATUS_LABELS[e.investorPartyStatus])}</Descriptions.Item>
        <Descriptions.Item label={f('managerPartyStatus')}>{label(PARTY_STATUS_LABELS[e.managerPartyStatus])}</Descriptions.Item>
        <Descriptions.Item label={f('hrContactName')}>{orDash(e.hrContactName)} {e.hrContactPhone ?? ''}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Coverage({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [editing, setEditing] = useState(false);
  const p = e.presence;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <Card
      title={t('enterprises.detail.coverage')}
      extra={e.abilities.edit ? <Button onClick={() => setEditing(true)}>{t('enterprises.coverage.setButton')}</Button> : null}
    >
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('enterprises.field.coverageMode')}><EnterpriseCoverageTag mode={e.coverageMode} /></Descriptions.Item>
        <Descriptions.Item label={t('enterprises.coverage.org')}>
          {p.coverageOrg ? (
            <Space>
              <Link to={`/orgs/${p.coverageOrg.id}`}>{p.coverageOrg.name}</Link>
              <Tag>{label(ORG_KIND_INFO[p.coverageOrg.kind])}</Tag>
              {p.coverageOrg.abolished ? <Tag color="red">{t('enterprises.coverage.abolished')}</Tag> : null}
            </Space>
          ) : '—'}
        </Descriptions.Item>
        {p.leadEnterprise ? (
          <Descriptions.Item label={t('enterprises.coverage.lead')}><Link to={`/enterprises/${p.leadEnterprise.id}`}>{p.leadEnterprise.name}</Link></Descriptions.Item>
        ) : null}
        {p.chain.length ? (
          <Descriptions.Item label={t('enterprises.coverage.chain')}>
            <Space wrap>{p.chain.map((c) => <Link key={c.id} to={`/enterprises/${c.id}`}>{c.name}</Link>)}</Space>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('enterprises.field.instructorName')}>{orDash(e.instructorName)} {e.instructorPhone ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.field.liaisonName')}>{orDash(e.liaisonName)} {e.liaisonPhone ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.field.hasUnion')}>{yes(e.hasUnion)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.field.hasYouthLeague')}>{yes(e.hasYouthLeague)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprises.coverage.workMeasure')}>{yes(e.workMeasure)}</Descriptions.Item>
      </Descriptions>
      {e.coverageMode === 'none' && p.members.full >= 3 ? <Typography.Paragraph type="warning" style={{ marginBottom: 0 }}>{t('enterprises.coverage.shouldBuild', { count: p.members.full })}</Typography.Paragraph> : null}
      {editing ? <EnterpriseCoverageModal enterprise={e} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function Members({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { members, memberList } = e.presence;
  if (members.total === 0) return <Empty description={t('enterprises.detail.noMembers')} />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text>{t('enterprises.detail.memberCounts', members)}</Typography.Text>
      {memberList.length < members.total ? <Typography.Text type="secondary">{t('enterprises.detail.membersOutOfScope')}</Typography.Text> : null}
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={memberList}
        columns={[
          { key: 'name', title: t('enterprises.detail.memberName'), render: (_, m) => <Link to={`/members/${m.id}`}>{m.name}</Link> },
          { key: 'category', title: t('enterprises.detail.memberCategory'), render: (_, m) => label(MEMBER_CATEGORY_LABELS[m.category]) },
          { key: 'org', title: t('enterprises.detail.memberOrg'), render: (_, m) => m.orgName },
        ]}
      />
    </Flex>
  );
}
