import { useState } from 'react';
import { App, Button, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, ORG_KIND_INFO, type OrgKind } from '@hongyun/shared';
import { useCreateOrg, useUpdateOrg } from '../../../../api/orgs';
import { useQueryClient } from '@tanstack/react-query';
import type { OrgDetail, UpdateOrgBody } from '../../../../api/types';
import { useLabel } from '../../../../shared/labels';
import { useCan } from '../../../access';
import { DateInput } from '../../../components/date-input';
import { EnterpriseModal } from '../../../components/enterprise-modal';
import { EnterpriseSelect } from '../../../components/enterprise-select';
import { useServerErrors } from '../../../components/server-error';

interface OrgValues {
  kind: OrgKind;
  name: string;
  shortName?: string | null;
  code: string;
  isTown?: boolean;
  foundedOn?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  enterpriseIds?: number[];
}

const TEXT_FIELDS = ['shortName', 'contactName', 'contactPhone', 'address'] as const;

function blankToNull(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

/** Changed fields only, blanks as null (clears), with the version read (optimistic locking). */
function patchOf(org: OrgDetail, v: OrgValues): UpdateOrgBody {
  const patch: UpdateOrgBody = { version: org.version };
  if (v.kind !== org.kind) patch.kind = v.kind;
  if (v.name.trim() !== org.name) patch.name = v.name.trim();
  if (v.code.trim() !== org.code) patch.code = v.code.trim();
  if ((v.foundedOn ?? null) !== org.foundedOn) patch.foundedOn = v.foundedOn ?? null;
  for (const f of TEXT_FIELDS) if (blankToNull(v[f]) !== org[f]) patch[f] = blankToNull(v[f]);
  const before = org.enterprises.map((e) => e.id).sort().join(',');
  if ((v.enterpriseIds ?? []).slice().sort().join(',') !== before) patch.enterpriseIds = v.enterpriseIds ?? [];
  return patch;
}

/** Edit an organisation, or add a child under it. */
export function OrgFormModal({ mode, org, onClose }: { mode: 'edit' | 'create'; org: OrgDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg(org.id);
  const errors = useServerErrors(form, () => {
    void client.invalidateQueries({ queryKey: ['orgs', 'detail', org.id] });
    onClose();
  });
  const [known, setKnown] = useState(org.enterprises);
  const [registering, setRegistering] = useState(false);

  const initial: Partial<OrgValues> =
    mode === 'edit'
      ? { ...org, enterpriseIds: org.enterprises.map((e) => e.id) }
      : { kind: 'branch', code: `${org.code}-`, isTown: false, enterpriseIds: [] };

  const handleFinish = (v: OrgValues) => {
    errors.clear();
    if (mode === 'edit') {
      update.mutate(patchOf(org, v), {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: errors.handle,
      });
      return;
    }
    const body = {
      parentId: org.id, kind: v.kind, name: v.name.trim(), code: v.code.trim(), isTown: v.isTown ?? false,
      shortName: blankToNull(v.shortName) ?? undefined, foundedOn: v.foundedOn ?? undefined,
      contactName: blankToNull(v.contactName) ?? undefined, contactPhone: blankToNull(v.contactPhone) ?? undefined,
      address: blankToNull(v.address) ?? undefined, enterpriseIds: v.enterpriseIds?.length ? v.enterpriseIds : undefined,
    };
    create.mutate(body, {
      onSuccess: ({ id }) => {
        message.success(t('org.form.created'));
        onClose();
        navigate(`/orgs/${id}`);
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open
      title={mode === 'edit' ? t('org.form.editTitle', { name: org.name }) : t('org.form.createTitle', { name: org.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
    >
      {errors.alert}
      <Form<OrgValues> form={form} layout="vertical" initialValues={initial} onFinish={handleFinish}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('org.field.kind')} name="kind" rules={[{ required: true, message: t('common.required') }]}>
              <Select options={ORG_KINDS.map((k) => ({ value: k, label: label(ORG_KIND_INFO[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('org.field.code')}
              name="code"
              rules={[{ required: true, message: t('common.required') }, { pattern: /^[A-Za-z0-9-]{1,40}$/, message: t('org.form.codePattern') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item label={t('org.field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('org.field.shortName')} name="shortName" rules={[{ max: 40 }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('org.field.foundedOn')} name="foundedOn">
              <DateInput notAfterToday />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('org.field.contactName')} name="contactName" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('org.field.contactPhone')} name="contactPhone" rules={[{ max: 30 }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('org.field.address')} name="address" rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('org.field.enterprises')} name="enterpriseIds" extra={t('org.form.enterprisesHint')}>
              <EnterpriseSelect known={known} />
            </Form.Item>
            {can('enterprise.write') ? (
              <Button type="link" icon={<PlusOutlined />} onClick={() => setRegistering(true)} style={{ padding: 0, marginTop: -8 }}>
                {t('enterprise.createTitle')}
              </Button>
            ) : null}
          </Col>
          {mode === 'create' ? (
            <Col xs={24}>
              <Form.Item label={t('org.field.isTown')} name="isTown" valuePropName="checked" extra={t('org.form.isTownHint')}>
                <Switch />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
      {registering ? (
        <EnterpriseModal
          onClose={() => setRegistering(false)}
          onCreated={(e) => {
            setKnown((prev) => [...prev, e]);
            form.setFieldValue('enterpriseIds', [...(form.getFieldValue('enterpriseIds') ?? []), e.id]);
          }}
        />
      ) : null}
    </Modal>
  );
}
