import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { OPERATING_STATUSES, OPERATING_STATUS_LABELS, PARTY_STATUSES, PARTY_STATUS_LABELS } from '@hongyun/shared';
import { useCarriers, useEnterpriseKinds } from '../../../api/enterprises';
import { useLabel } from '../../../shared/labels';
import { DateInput } from '../../components/date-input';
import { OrgTreeSelect } from '../../components/org-tree-select';
import type { EnterpriseValues } from './form-values';

const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The registry form's fields (party presence is derived elsewhere, never typed here). */
export function EnterpriseFormFields({ form, editing }: { form: FormInstance<EnterpriseValues>; editing: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const town = Form.useWatch('townOrgId', form);
  const status = Form.useWatch('operatingStatus', form);
  const kinds = useEnterpriseKinds();
  const carriers = useCarriers(town ?? undefined);
  const required = { required: true, whitespace: true, message: t('common.required') };
  const col = (children: React.ReactNode, span = 8) => <Col xs={24} md={12} lg={span}>{children}</Col>;
  const text = (name: keyof EnterpriseValues, max: number) => (
    <Form.Item label={t(`enterprises.field.${name}`)} name={name} rules={[{ max, message: t('enterprises.form.tooLong', { max }) }]}><Input allowClear /></Form.Item>
  );

  return (
    <>
      <Divider titlePlacement="start">{t('enterprises.form.basics')}</Divider>
      <Row gutter={16}>
        {col(
          <Form.Item label={t('enterprises.field.uscc')} name="uscc" normalize={(v: string) => v?.toUpperCase()}
            rules={[required, { pattern: USCC_RE, message: t('enterprises.form.usccFormat') }]} extra={editing ? t('enterprises.form.usccFixed') : undefined}>
            <Input maxLength={18} disabled={editing} style={{ fontFamily: 'monospace' }} />
          </Form.Item>,
        )}
        {col(<Form.Item label={t('enterprises.field.name')} name="name" rules={[required, { max: 120 }]}><Input /></Form.Item>)}
        {col(
          <Form.Item label={t('enterprises.field.kind')} name="kindCode">
            <Select allowClear options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.name }))} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label={t('enterprises.field.town')} name="townOrgId" rules={[{ required: true, message: t('common.required') }]}>
            <OrgTreeSelect disabled={(n) => !n.isTown} onChange={(v) => form.setFieldsValue({ townOrgId: v ?? null, carrierId: null })} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label={t('enterprises.field.carrier')} name="carrierId" extra={town ? undefined : t('enterprises.form.pickTownFirst')}>
            <Select allowClear disabled={!town} options={(carriers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>,
        )}
        {col(text('address', 200))}
        {col(
          <Form.Item label={t('enterprises.field.staffCount')} name="staffCount" extra={t('enterprises.form.staffHint')}>
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>,
        )}
        {col(<Form.Item label={t('enterprises.field.foundedOn')} name="foundedOn"><DateInput notAfterToday /></Form.Item>)}
        {col(<Form.Item label={t('enterprises.field.settledOn')} name="settledOn"><DateInput notAfterToday /></Form.Item>)}
      </Row>
      <Divider titlePlacement="start">{t('enterprises.form.status')}</Divider>
      <Row gutter={16}>
        {col(
          <Form.Item label={t('enterprises.field.operatingStatus')} name="operatingStatus">
            <Select options={OPERATING_STATUSES.map((s) => ({ value: s, label: label(OPERATING_STATUS_LABELS[s]) }))} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label={t('enterprises.field.statusReason')} name="statusReason"
            rules={[{ required: status !== undefined && status !== 'operating', whitespace: true, message: t('enterprises.form.reasonRequired') }, { max: 200 }]}>
            <Input disabled={status === 'operating'} />
          </Form.Item>,
        )}
        {col(<Form.Item label={t('enterprises.field.hasFixedPremises')} name="hasFixedPremises" valuePropName="checked"><Switch /></Form.Item>)}
        {col(
          <Form.Item label={t('enterprises.field.investorPartyStatus')} name="investorPartyStatus">
            <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: label(PARTY_STATUS_LABELS[s]) }))} />
          </Form.Item>,
        )}
        {col(
          <Form.Item label={t('enterprises.field.managerPartyStatus')} name="managerPartyStatus">
            <Select options={PARTY_STATUSES.map((s) => ({ value: s, label: label(PARTY_STATUS_LABELS[s]) }))} />
          </Form.Item>,
        )}
      </Row>
      <Divider titlePlacement="start">{t('enterprises.form.contacts')}</Divider>
      <Row gutter={16}>
        {col(text('hrContactName', 50), 6)}
        {col(text('hrContactPhone', 30), 6)}
        {col(text('liaisonName', 50), 6)}
        {col(text('liaisonPhone', 30), 6)}
        {col(text('instructorName', 50), 6)}
        {col(text('instructorPhone', 30), 6)}
        {col(<Form.Item label={t('enterprises.field.hasUnion')} name="hasUnion" valuePropName="checked"><Switch /></Form.Item>, 6)}
        {col(<Form.Item label={t('enterprises.field.hasYouthLeague')} name="hasYouthLeague" valuePropName="checked"><Switch /></Form.Item>, 6)}
      </Row>
    </>
  );
}
