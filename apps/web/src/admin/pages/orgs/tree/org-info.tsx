import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../api/types';
import { formatDate, orDash } from '../../../../shared/format';

export function OrgCounts({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const stats = [
    { key: 'members', value: org.counts.members },
    { key: 'full', value: org.counts.full },
    { key: 'probationary', value: org.counts.probationary },
    { key: 'children', value: org.counts.children },
  ];
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      {stats.map((s) => (
        <Col key={s.key} xs={12} sm={6}>
          <Statistic title={t(`org.counts.${s.key}`)} value={s.value} />
        </Col>
      ))}
    </Row>
  );
}

export function OrgInfo({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const items = [
    { key: 'shortName', label: t('org.field.shortName'), children: orDash(org.shortName) },
    { key: 'parent', label: t('org.field.parent'), children: org.parent ? <Link to={`/orgs/${org.parent.id}`}>{org.parent.name}</Link> : '—' },
    { key: 'foundedOn', label: t('org.field.foundedOn'), children: formatDate(org.foundedOn) },
    { key: 'contactName', label: t('org.field.contactName'), children: orDash(org.contactName) },
    { key: 'contactPhone', label: t('org.field.contactPhone'), children: orDash(org.contactPhone) },
    { key: 'address', label: t('org.field.address'), children: orDash(org.address) },
    ...(org.abolished
      ? [
          { key: 'abolishedOn', label: t('org.field.abolishedOn'), children: formatDate(org.abolishedOn) },
          { key: 'abolishedReason', label: t('org.field.abolishedReason'), children: orDash(org.abolishedReason) },
        ]
      : []),
  ];
  return (
    <Card title={t('org.section.info')} size="small">
      <Descriptions items={items} column={{ xs: 1, sm: 2, xl: 3 }} size="small" />
    </Card>
  );
}
