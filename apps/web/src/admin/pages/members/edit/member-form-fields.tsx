import { Checkbox, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  EDUCATION_LEVELS, EDUCATION_LEVEL_LABELS, ETHNICITIES, KEY_POSITIONS, KEY_POSITION_LABELS, MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS, MEMBER_STATUSES, MEMBER_STATUS_LABELS, type Gender,
} from '@hongyun/shared';
import { useOrg } from '../../../../api/orgs';
import { useLabel } from '../../../../shared/labels';
import { DateInput } from '../../../components/date-input';
import { EnterprisePicker } from '../../../components/enterprise-select';
import { OrgTreeSelect } from '../../../components/org-tree-select';
import { IdNumberField } from './id-number-field';
import type { MemberValues } from './member-values';

interface FieldsProps {
  form: FormInstance<MemberValues>;
  mode: 'create' | 'edit';
  current?: { idNumberMasked: string; birthDate: string; gender: Gender };
  employer?: { id: number; name: string } | null;
  phoneMasked?: string | null;
}

function Section({ title }: { title: string }) {
  return <Typography.Title level={2} style={{ fontSize: 16, margin: '8px 0 16px' }}>{title}</Typography.Title>;
}

/** The member form's fields, in the order of the 党员基本信息 record. */
export function MemberFormFields({ form, mode, current, employer, phoneMasked }: FieldsProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const orgId = Form.useWatch('orgId', form);
  const category = Form.useWatch('category', form);
  const org = useOrg(orgId ?? undefined);
  const groups = orgId && org.data?.id === orgId ? org.data.partyGroups : [];
  const required = { required: true, message: t('common.required') };
  const col = { xs: 24, sm: 12, lg: 8 };

  return (
    <>
      <Section title={t('member.section.personal')} />
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item label={t('member.field.name')} name="name" rules={[{ ...required, whitespace: true }, { max: 50 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <IdNumberField form={form} mode={mode} current={current} col={col} />
        <Col {...col}>
          <Form.Item label={t('member.field.ethnicity')} name="ethnicity">
            <Select allowClear showSearch options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            label={t('member.field.phone')}
            name="phone"
            rules={[{ pattern: /^[\d\s+-]{0,20}$/, message: t('member.form.phonePattern') }]}
            extra={mode === 'edit' && phoneMasked ? t('member.form.phoneKeep', { masked: phoneMasked }) : undefined}
          >
            <Input inputMode="tel" autoComplete="off" placeholder={mode === 'edit' ? (phoneMasked ?? undefined) : undefined} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.education')} name="education">
            <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: label(EDUCATION_LEVEL_LABELS[e]) }))} />
          </Form.Item>
        </Col>
      </Row>

      <Section title={t('member.section.party')} />
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item label={t('member.field.org')} name="orgId" rules={[required]}>
            <OrgTreeSelect allowClear={false} onChange={() => form.setFieldValue('partyGroupId', null)} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.partyGroup')} name="partyGroupId">
            <Select allowClear disabled={!groups.length} options={groups.map((g) => ({ value: g.id, label: g.name }))} placeholder={groups.length ? undefined : t('member.form.noGroups')} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.category')} name="category" rules={[required]}>
            <Radio.Group optionType="button" options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: label(MEMBER_CATEGORY_LABELS[c]) }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.status')} name="status">
            <Select options={MEMBER_STATUSES.map((s) => ({ value: s, label: label(MEMBER_STATUS_LABELS[s]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={16}>
          <Form.Item label={t('member.field.keyPositions')} name="keyPositions" extra={t('member.form.keyPositionsHint')}>
            <Select mode="multiple" allowClear options={KEY_POSITIONS.map((k) => ({ value: k, label: label(KEY_POSITION_LABELS[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('member.form.flags')}>
            <Form.Item name="isMobile" valuePropName="checked" noStyle><Checkbox>{t('member.field.isMobile')}</Checkbox></Form.Item>
            <Form.Item name="isPartyWorker" valuePropName="checked" noStyle><Checkbox>{t('member.field.isPartyWorker')}</Checkbox></Form.Item>
            <Form.Item name="isInHardship" valuePropName="checked" noStyle><Checkbox>{t('member.field.isInHardship')}</Checkbox></Form.Item>
          </Form.Item>
        </Col>
      </Row>

      <Section title={t('member.section.development')} />
      <Row gutter={16}>
        {(['appliedOn', 'activistOn', 'candidateOn'] as const).map((k) => (
          <Col {...col} key={k}>
            <Form.Item label={t(`member.field.${k}`)} name={k}><DateInput notAfterToday /></Form.Item>
          </Col>
        ))}
        <Col {...col}>
          <Form.Item label={t('member.field.joinedOn')} name="joinedOn" rules={[{ required: true, message: t('member.form.joinedOnRequired') }]}>
            <DateInput notAfterToday />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            label={t('member.field.confirmedOn')}
            name="confirmedOn"
            dependencies={['category']}
            rules={[{ required: category === 'full', message: t('member.form.confirmedOnRequired') }]}
            extra={category === 'probationary' ? t('member.form.probationaryHint') : undefined}
          >
            <DateInput notAfterToday disabled={category === 'probationary'} />
          </Form.Item>
        </Col>
      </Row>

      <Section title={t('member.section.work')} />
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item label={t('member.field.employerEnterprise')} name="employerEnterpriseId">
            <EnterprisePicker known={employer} onChange={(_, name) => name && form.setFieldValue('employerName', name)} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.employer')} name="employerName" rules={[{ max: 120 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={t('member.field.job')} name="job" rules={[{ max: 60 }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
