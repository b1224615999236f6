import { useEffect } from 'react';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODES, COVERAGE_MODE_LABELS, OPERATING_STATUSES, OPERATING_STATUS_LABELS, SIZE_BANDS, SIZE_BAND_LABELS } from '@hongyun/shared';
import { useCarriers, useEnterpriseKinds, type EnterpriseListQuery } from '../../../api/enterprises';
import { useLabel } from '../../../shared/labels';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useCan } from '../../access';

const FILTER_KEYS = ['q', 'townOrgId', 'carrierId', 'kindCode', 'sizeBand', 'operatingStatus', 'coverageMode', 'organised', 'workCovered', 'inDenominator', 'hasMembers'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FilterValues = Omit<Partial<Record<FilterKey, unknown>>, 'coverageMode'> & { coverageMode?: string[] };

/** Registry filters; applied on 查询 (or Enter in the search box), cleared by 重置. */
export function EnterpriseFilters({ query, onApply }: { query: EnterpriseListQuery; onApply: (patch: Partial<EnterpriseListQuery>) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<FilterValues>();
  const town = Form.useWatch('townOrgId', form) as number | undefined;
  const kinds = useEnterpriseKinds();
  // The town picker reads the organisation tree; a cadre (no org.read) filters by carrier instead.
  const canPickTown = useCan()('org.read');
  const carriers = useCarriers(town);

  useEffect(() => {
    form.setFieldsValue({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k]])), coverageMode: query.coverageMode ? query.coverageMode.split(',') : undefined });
  }, [form, query]);

  const handleFinish = (values: FilterValues) => {
    const patch: Record<string, unknown> = {};
    for (const k of FILTER_KEYS) patch[k] = values[k] === null || values[k] === '' ? undefined : values[k];
    patch.coverageMode = values.coverageMode?.length ? values.coverageMode.join(',') : undefined;
    if (typeof patch.q === 'string') patch.q = patch.q.trim() || undefined;
    onApply(patch as Partial<EnterpriseListQuery>);
  };

  const handleReset = () => {
    form.resetFields();
    onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
  };

  const yesNo = (key: 'organised' | 'workCovered' | 'inDenominator' | 'hasMembers') => (
    <Col xs={24} sm={12} lg={6}>
      <Form.Item label={t(`enterprises.filter.${key}`)} name={key}>
        <Select allowClear options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
      </Form.Item>
    </Col>
  );

  return (
    <Form<FilterValues> form={form} layout="vertical" onFinish={handleFinish} role="search" aria-label={t('enterprises.filter.label')}>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.filter.q')} name="q">
            <Input allowClear placeholder={t('enterprises.filter.qPlaceholder')} onPressEnter={() => form.submit()} />
          </Form.Item>
        </Col>
        {canPickTown ? (
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('enterprises.field.town')} name="townOrgId">
              <OrgTreeSelect disabled={(n) => !n.isTown} onChange={(v) => form.setFieldsValue({ townOrgId: v, carrierId: undefined })} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.field.carrier')} name="carrierId">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={carriers.isLoading}
              options={(carriers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.townName}）` }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.field.kind')} name="kindCode">
            <Select allowClear options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.field.sizeBand')} name="sizeBand">
            <Select allowClear options={SIZE_BANDS.map((s) => ({ value: s, label: label(SIZE_BAND_LABELS[s]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.field.operatingStatus')} name="operatingStatus">
            <Select allowClear options={OPERATING_STATUSES.map((s) => ({ value: s, label: label(OPERATING_STATUS_LABELS[s]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('enterprises.field.coverageMode')} name="coverageMode">
            <Select mode="multiple" allowClear options={COVERAGE_MODES.map((m) => ({ value: m, label: label(COVERAGE_MODE_LABELS[m]) }))} />
          </Form.Item>
        </Col>
        {yesNo('organised')}
        {yesNo('workCovered')}
        {yesNo('inDenominator')}
        {yesNo('hasMembers')}
        <Col xs={24} sm={12} lg={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
          <Space>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button onClick={handleReset}>{t('common.reset')}</Button>
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
