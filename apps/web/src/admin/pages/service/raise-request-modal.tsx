import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@hongyun/shared';
import { useDepartments, useRaiseRequest } from '../../../api/service';
import { useLabel } from '../../../shared/labels';
import { EnterprisePicker } from '../../components/enterprise-select';
import { useServerErrors } from '../../components/server-error';

interface Values {
  enterpriseId: number;
  raisedVia: 'visit' | 'liaison';
  category: RequestCategory;
  title: string;
  detail?: string;
  departmentId: number;
}

/** What the modal starts from: a company (ledger, my companies) and possibly the visit it came up in. */
export interface RequestPreset {
  enterprise?: { id: number; name: string };
  visitId?: number;
}

/** Raises a request (诉求) for a company and routes it to a department of the joint conference. */
export function RaiseRequestModal({ preset, onClose }: { preset: RequestPreset; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const raise = useRaiseRequest();
  const departments = useDepartments();
  const errors = useServerErrors(form);

  const handleFinish = (v: Values) => {
    errors.clear();
    const body = { ...v, title: v.title.trim(), detail: v.detail?.trim() || undefined, visitId: v.raisedVia === 'visit' ? preset.visitId : undefined };
    raise.mutate(body, {
      onSuccess: () => {
        message.success(t('service.request.raised'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('service.request.raise')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={raise.isPending} width={640} destroyOnHidden>
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        initialValues={{ enterpriseId: preset.enterprise?.id, raisedVia: preset.visitId ? 'visit' : 'liaison', category: 'project' }}
      >
        <Form.Item label={t('service.field.enterprise')} name="enterpriseId" rules={[{ required: true, message: t('common.required') }]}>
          <EnterprisePicker known={preset.enterprise ?? null} />
        </Form.Item>
        <Form.Item label={t('service.request.raisedVia')} name="raisedVia" extra={preset.visitId ? undefined : t('service.request.viaVisitHint')}>
          <Radio.Group
            options={[
              { value: 'visit', label: t('service.request.via.visit'), disabled: !preset.visitId },
              { value: 'liaison', label: t('service.request.via.liaison') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('service.request.category')} name="category" rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group optionType="button" options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item label={t('service.request.title')} name="title" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
          <Input placeholder={t('service.request.titleHint')} />
        </Form.Item>
        <Form.Item label={t('service.request.detail')} name="detail" rules={[{ max: 4000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t('service.request.department')} name="departmentId" rules={[{ required: true, message: t('common.required') }]} extra={t('service.request.dueHint')}>
          <Select
            loading={departments.isLoading}
            placeholder={t('service.request.departmentPlaceholder')}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name, title: d.duties ?? undefined }))}
            optionRender={(o) => <div>{o.label}<div style={{ fontSize: 12, color: '#888', whiteSpace: 'normal' }}>{o.data.title}</div></div>}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
