import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLogVisit } from '../../../api/service';
import { DateInput, today } from '../../components/date-input';
import { EnterprisePicker } from '../../components/enterprise-select';
import { useServerErrors } from '../../components/server-error';

interface Values {
  enterpriseId: number;
  visitedOn: string;
  peopleMet: string;
  topics: string;
  followUps?: string;
}

/** Logs a visit (走访) the caller made; a cadre only to companies paired with them. */
export function LogVisitModal({ enterprise, onClose }: { enterprise?: { id: number; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const log = useLogVisit();
  const errors = useServerErrors(form);

  const handleFinish = (v: Values) => {
    errors.clear();
    log.mutate({ ...v, peopleMet: v.peopleMet.trim(), topics: v.topics.trim(), followUps: v.followUps?.trim() || undefined }, {
      onSuccess: () => {
        message.success(t('service.visit.logged'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('service.visit.log')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={log.isPending} width={600} destroyOnHidden>
      {errors.alert}
      <Form<Values> form={form} layout="vertical" onFinish={handleFinish} initialValues={{ enterpriseId: enterprise?.id, visitedOn: today() }}>
        <Form.Item label={t('service.field.enterprise')} name="enterpriseId" rules={[{ required: true, message: t('common.required') }]}>
          <EnterprisePicker known={enterprise ?? null} />
        </Form.Item>
        <Form.Item label={t('service.visit.visitedOn')} name="visitedOn" rules={[{ required: true, message: t('common.required') }]}>
          <DateInput notAfterToday allowClear={false} />
        </Form.Item>
        <Form.Item label={t('service.visit.peopleMet')} name="peopleMet" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}>
          <Input placeholder={t('service.visit.peopleMetHint')} />
        </Form.Item>
        <Form.Item label={t('service.visit.topics')} name="topics" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('service.visit.followUps')} name="followUps" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
