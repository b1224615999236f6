import { Descriptions, Flex, Space, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  EDUCATION_LEVEL_LABELS, GENDER_LABELS, KEY_POSITION_LABELS, LEADERSHIP_POST_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS,
} from '@hongyun/shared';
import type { MemberDetail } from '../../../../api/types';
import { formatDate, formatDateTime, orDash } from '../../../../shared/format';
import { useLabel } from '../../../../shared/labels';
import { RevealValue } from './reveal-value';

export function MemberInfo({ member: m }: { member: MemberDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  const personal: DescriptionsProps['items'] = [
    { key: 'name', label: t('member.field.name'), children: m.name },
    { key: 'gender', label: t('member.field.gender'), children: label(GENDER_LABELS[m.gender]) },
    { key: 'birthDate', label: t('member.field.birthDate'), children: `${formatDate(m.birthDate)}（${t('member.detail.age', { age: m.age })}）` },
    { key: 'ethnicity', label: t('member.field.ethnicity'), children: orDash(m.ethnicity) },
    { key: 'education', label: t('member.field.education'), children: m.education ? label(EDUCATION_LEVEL_LABELS[m.education]) : '—' },
    { key: 'idNumber', label: t('member.field.idNumber'), children: <RevealValue memberId={m.id} field="idNumber" masked={m.idNumberMasked} canReveal={m.abilities.reveal} /> },
    { key: 'phone', label: t('member.field.phone'), children: <RevealValue memberId={m.id} field="phone" masked={m.phoneMasked} canReveal={m.abilities.reveal} /> },
  ];
  const party: DescriptionsProps['items'] = [
    { key: 'org', label: t('member.field.org'), children: <Link to={`/orgs/${m.orgId}`}>{m.orgName}</Link> },
    { key: 'partyGroup', label: t('member.field.partyGroup'), children: orDash(m.partyGroupName) },
    { key: 'category', label: t('member.field.category'), children: label(MEMBER_CATEGORY_LABELS[m.category]) },
    { key: 'status', label: t('member.field.status'), children: label(MEMBER_STATUS_LABELS[m.status]) },
    { key: 'standing', label: t('member.field.standing'), children: t('member.detail.years', { count: m.standingYears }) },
    {
      key: 'posts', label: t('member.field.posts'),
      children: m.posts.length ? (
        <Space orientation="vertical" size={2}>
          {m.posts.map((p) => <span key={`${p.orgId}-${p.post}`}><Link to={`/orgs/${p.orgId}`}>{p.orgName}</Link> · {label(LEADERSHIP_POST_LABELS[p.post])}</span>)}
        </Space>
      ) : '—',
    },
    {
      key: 'keyPositions', label: t('member.field.keyPositions'),
      children: m.keyPositions.length ? <Space size={[0, 4]} wrap>{m.keyPositions.map((k) => <Tag key={k} color="blue">{label(KEY_POSITION_LABELS[k])}</Tag>)}</Space> : '—',
    },
    { key: 'isMobile', label: t('member.field.isMobile'), children: yesNo(m.isMobile) },
    { key: 'isPartyWorker', label: t('member.field.isPartyWorker'), children: yesNo(m.isPartyWorker) },
    { key: 'isInHardship', label: t('member.field.isInHardship'), children: yesNo(m.isInHardship) },
  ];
  const development: DescriptionsProps['items'] = (['appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'confirmedOn'] as const).map((k) => ({
    key: k, label: t(`member.field.${k}`), children: formatDate(m[k]),
  }));
  const work: DescriptionsProps['items'] = [
    { key: 'employer', label: t('member.field.employer'), children: orDash(m.employerName) },
    { key: 'job', label: t('member.field.job'), children: orDash(m.job) },
    { key: 'createdAt', label: t('member.field.createdAt'), children: formatDateTime(m.createdAt) },
    { key: 'updatedAt', label: t('member.field.updatedAt'), children: formatDateTime(m.updatedAt) },
  ];
  const column = { xs: 1, sm: 2, lg: 3 };

  return (
    <Flex vertical gap={24}>
      <Descriptions title={t('member.section.personal')} items={personal} column={column} size="small" />
      <Descriptions title={t('member.section.party')} items={party} column={column} size="small" />
      <Descriptions title={t('member.section.development')} items={development} column={column} size="small" />
      <Descriptions title={t('member.section.work')} items={work} column={column} size="small" />
    </Flex>
  );
}
