import { useEffect } from 'react';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  KEY_POSITIONS, KEY_POSITION_LABELS, MEMBER_CATEGORIES, MEMBER_CATEGORY_LABELS, MEMBER_STATUSES, MEMBER_STATUS_LABELS,
} from '@hongyun/shared';
import type { MemberListQuery } from '../../../../api/types';
import { useLabel } from '../../../../shared/labels';
import { OrgTreeSelect } from '../../../components/org-tree-select';

type FilterValues = Omit<MemberListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const FILTER_KEYS = ['q', 'orgId', 'category', 'status', 'keyPosition', 'ageMin', 'ageMax', 'standingMin', 'standingMax', 'isMobile'] as const;

/** Roster filters; applied on 查询 (or Enter in the name box), cleared by 重置. */
export function MemberFilters({ query, onApply }: { query: MemberListQuery; onApply: (patch: Partial<MemberListQuery>) => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k]])));
  }, [form, query]);

  const handleFinish = (values: FilterValues) => {
    const patch: Partial<MemberListQuery> = {};
    for (const k of FILTER_KEYS) {
      const v = values[k];
      Object.assign(patch, { [k]: Array.isArray(v) && v.length === 0 ? undefined : (v ?? undefined) });
    }
    if (typeof patch.q === 'string') patch.q = patch.q.trim() || undefined;
    onApply(patch);
  };

  const handleReset = () => {
    form.resetFields();
    onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
  };

  const range = (min: 'ageMin' | 'standingMin', max: 'ageMax' | 'standingMax', unit: string, limit: number) => (
    <Space.Compact style={{ width: '100%' }}>
      <Form.Item name={min} noStyle>
        <InputNumber min={0} max={limit} precision={0} placeholder={t('member.filter.min')} aria-label={t(`member.filter.${min}`)} style={{ width: '50%' }} />
      </Form.Item>
      <Form.Item name={max} noStyle>
        <InputNumber min={0} max={limit} precision={0} placeholder={t('member.filter.max')} aria-label={t(`member.filter.${max}`)} style={{ width: '50%' }} suffix={unit} />
      </Form.Item>
    </Space.Compact>
  );

  return (
    <Form<FilterValues> form={form} layout="vertical" onFinish={handleFinish} role="search" aria-label={t('member.filter.label')}>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.filter.q')} name="q">
            <Input allowClear placeholder={t('member.filter.qPlaceholder')} onPressEnter={() => form.submit()} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.field.org')} name="orgId" extra={t('member.filter.subtree')}>
            <OrgTreeSelect />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.field.category')} name="category">
            <Select mode="multiple" allowClear options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: label(MEMBER_CATEGORY_LABELS[c]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.field.status')} name="status">
            <Select mode="multiple" allowClear options={MEMBER_STATUSES.map((s) => ({ value: s, label: label(MEMBER_STATUS_LABELS[s]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.field.keyPositions')} name="keyPosition">
            <Select mode="multiple" allowClear options={KEY_POSITIONS.map((k) => ({ value: k, label: label(KEY_POSITION_LABELS[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.filter.age')}>{range('ageMin', 'ageMax', t('member.filter.years'), 120)}</Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.filter.standing')}>{range('standingMin', 'standingMax', t('member.filter.years'), 100)}</Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('member.field.isMobile')} name="isMobile">
            <Select
              allowClear
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit">{t('common.search')}</Button>
        <Button onClick={handleReset}>{t('common.reset')}</Button>
      </Space>
    </Form>
  );
}
