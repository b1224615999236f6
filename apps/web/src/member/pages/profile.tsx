import { useTranslation } from 'react-i18next';
import {
  EDUCATION_LEVEL_LABELS, GENDER_LABELS, KEY_POSITION_LABELS, LEADERSHIP_POST_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS,
} from '@hongyun/shared';
import { useMyProfile } from '../../api/me';
import { formatDate } from '../../shared/format';
import { useLabel } from '../../shared/labels';
import { Fields, Loading, Problem, Section, Shell } from '../components/ui';

/** 我的档案: the member's own record in full (they may always see their own data). */
export function ProfilePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const profile = useMyProfile();
  const p = profile.data;
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  return (
    <Shell title={t('m.home.profile')}>
      {profile.isLoading ? <Loading /> : null}
      {profile.isError ? <Problem error={profile.error} onRetry={() => void profile.refetch()} /> : null}
      {p ? (
        <>
          <Section title={t('member.section.personal')}>
            <Fields
              rows={[
                { key: 'name', label: t('member.field.name'), value: p.name },
                { key: 'gender', label: t('member.field.gender'), value: label(GENDER_LABELS[p.gender]) },
                { key: 'birthDate', label: t('member.field.birthDate'), value: formatDate(p.birthDate) },
                { key: 'ethnicity', label: t('member.field.ethnicity'), value: p.ethnicity },
                { key: 'education', label: t('member.field.education'), value: p.education ? label(EDUCATION_LEVEL_LABELS[p.education]) : null },
                { key: 'idNumber', label: t('member.field.idNumber'), value: <span className="m-mono">{p.idNumber}</span> },
                { key: 'phone', label: t('member.field.phone'), value: p.phone },
              ]}
            />
          </Section>
          <Section title={t('member.section.party')}>
            <Fields
              rows={[
                { key: 'org', label: t('member.field.org'), value: p.orgName },
                { key: 'partyGroup', label: t('member.field.partyGroup'), value: p.partyGroupName },
                { key: 'category', label: t('member.field.category'), value: label(MEMBER_CATEGORY_LABELS[p.category]) },
                { key: 'status', label: t('member.field.status'), value: label(MEMBER_STATUS_LABELS[p.status]) },
                { key: 'standing', label: t('member.field.standing'), value: t('member.detail.years', { count: p.standingYears }) },
                { key: 'posts', label: t('member.field.posts'), value: p.posts.map((x) => `${x.orgName} · ${label(LEADERSHIP_POST_LABELS[x.post])}`).join('；') },
                { key: 'keyPositions', label: t('member.field.keyPositions'), value: p.keyPositions.map((k) => label(KEY_POSITION_LABELS[k])).join('、') },
                { key: 'isMobile', label: t('member.field.isMobile'), value: yesNo(p.isMobile) },
              ]}
            />
          </Section>
          <Section title={t('member.section.development')}>
            <Fields
              rows={(['appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'confirmedOn'] as const).map((k) => ({
                key: k, label: t(`member.field.${k}`), value: p[k] ? formatDate(p[k]) : null,
              }))}
            />
          </Section>
          <Section title={t('member.section.work')}>
            <Fields
              rows={[
                { key: 'employer', label: t('member.field.employer'), value: p.employerName },
                { key: 'job', label: t('member.field.job'), value: p.job },
              ]}
            />
          </Section>
          <p className="m-muted m-footnote">{t('m.profile.correction')}</p>
        </>
      ) : null}
    </Shell>
  );
}
