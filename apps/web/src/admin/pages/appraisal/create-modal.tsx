import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isBranchLike } from '@hongyun/shared';
import { useCreateAppraisal } from '../../../api/appraisal';
import type { OrgNode } from '../../../api/types';
import { DateInput } from '../../components/date-input';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useServerErrors } from '../../components/server-error';
import { currentYear } from './grades';

interface Values {
  orgId: number;
  year: number;
  title: string;
  studyMaterials?: string;
  reviewDueOn: string;
}

/** 发起民主评议: a branch, the year, study materials and the date self- and peer reviews are due. */
export function CreateAppraisalModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateAppraisal();
  const errors = useServerErrors(form);
  const year = currentYear();

  const handleFinish = (v: Values) => {
    errors.clear();
    create.mutate({ ...v, title: v.title.trim(), studyMaterials: v.studyMaterials?.trim() || null }, {
      onSuccess: ({ id }) => {
        message.success(t('appraisal.create.done'));
        onCreated(id);
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('appraisal.create.title')} okText={t('appraisal.create.submit')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden width={640}>
      {errors.alert}
      <Typography.Paragraph type="secondary">{t('appraisal.create.explain')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={handleFinish} initialValues={{ year, title: t('appraisal.create.defaultTitle', { year }) }}>
        <Form.Item label={t('appraisal.field.org')} name="orgId" rules={[{ required: true, message: t('appraisal.create.orgRequired') }]} extra={t('appraisal.create.orgHint')}>
          <OrgTreeSelect disabled={(n: OrgNode) => !isBranchLike(n.kind)} placeholder={t('appraisal.create.orgPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('appraisal.field.year')} name="year" rules={[{ required: true }]}>
          <Select
            options={[year, year - 1].map((y) => ({ value: y, label: t('appraisal.yearLabel', { year: y }) }))}
            onChange={(y: number) => form.setFieldValue('title', t('appraisal.create.defaultTitle', { year: y }))}
          />
        </Form.Item>
        <Form.Item label={t('appraisal.field.title')} name="title" rules={[{ required: true, whitespace: true, message: t('appraisal.create.titleRequired') }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('appraisal.field.studyMaterials')} name="studyMaterials" rules={[{ max: 5000 }]}>
          <Input.TextArea rows={5} showCount maxLength={5000} placeholder={t('appraisal.create.studyPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('appraisal.field.reviewDueOn')} name="reviewDueOn" rules={[{ required: true, message: t('appraisal.create.dueRequired') }]} extra={t('appraisal.create.dueHint')}>
          <DateInput allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
