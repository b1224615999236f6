import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS } from '@hongyun/shared';
import { useLabel } from '../../../../shared/labels';
import { OrgTreeSelect } from '../../../components/org-tree-select';

/** One grant: a role over an organisation's subtree. `prefix` places it inside a Form.List. */
export function GrantFields({ prefix, index }: { prefix?: (string | number)[]; index?: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = (field: string) => (prefix ? [...prefix, field] : field);
  const n = index !== undefined ? ` ${index + 1}` : '';
  return (
    <Row gutter={8} style={{ flex: 1 }}>
      <Col xs={24} sm={10}>
        <Form.Item label={`${t('user.field.role')}${n}`} name={name('role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS[r]) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item label={`${t('user.field.org')}${n}`} name={name('orgId')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect />
        </Form.Item>
      </Col>
    </Row>
  );
}
