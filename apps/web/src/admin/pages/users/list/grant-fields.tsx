import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, ROLE_LABELS } from '@hongyun/shared';
import { useDepartments } from '../../../../api/service';
import { useLabel } from '../../../../shared/labels';
import { OrgTreeSelect } from '../../../components/org-tree-select';

interface GrantFieldsProps {
  /** Where the grant sits inside a Form.List (relative name), and the list's own name. */
  prefix?: (string | number)[];
  listName?: string;
  index?: number;
}

/** One grant: a role over an organisation's subtree; the department role also names its department. */
export function GrantFields({ prefix, listName, index }: GrantFieldsProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = (field: string) => (prefix ? [...prefix, field] : field);
  const absolute = (field: string) => (prefix && listName ? [listName, ...prefix, field] : name(field));
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
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => (getFieldValue(absolute('role')) === 'department' ? (
          <Col xs={24}>
            <Form.Item label={`${t('service.grant.department')}${n}`} name={name('departmentId')} extra={t('service.grant.departmentHint')} rules={[{ required: true, message: t('common.required') }]}>
              <DepartmentSelect />
            </Form.Item>
          </Col>
        ) : null)}
      </Form.Item>
    </Row>
  );
}

/** The live departments of the caller's joint conferences. */
function DepartmentSelect({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number) => void }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  return (
    <Select id={id} value={value} onChange={onChange} loading={departments.isLoading} placeholder={t('service.request.departmentPlaceholder')}
      options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }))} />
  );
}
