import { useEffect } from 'react';
import { App, Button, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublishTemplate, useUpdateTemplate, type StandardTemplate, type UpdateTemplateBody } from '../../../api/standards';
import { errorText } from '../../../shared/errors';
import { useServerErrors } from '../../components/server-error';

type Values = Omit<UpdateTemplateBody, 'revision'>;

/** Edits a draft: the founding document's three titles stay; their guidance and the other three are the city's words. */
export function TemplateEditor({ template }: { template: StandardTemplate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateTemplate();
  const publish = usePublishTemplate();
  const errors = useServerErrors(form);

  useEffect(() => {
    form.setFieldsValue({ title: template.title, items: template.items.map((i) => ({ title: i.title, guidance: i.guidance ?? '' })) });
  }, [form, template]);

  const handleFinish = (values: Values) => {
    errors.clear();
    const body = { title: values.title.trim(), items: values.items.map((i) => ({ title: i.title.trim(), guidance: i.guidance?.trim() || null })), revision: template.revision };
    update.mutate({ id: template.id, body }, { onSuccess: () => message.success(t('common.saved')), onError: errors.handle });
  };

  const handlePublish = () =>
    publish.mutateAsync({ id: template.id, revision: template.revision }).then(
      () => { message.success(t('standards.templates.publishedMsg')); },
      (error: unknown) => { message.error(errorText(t, error)); },
    );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={handleFinish}>
      {errors.alert}
      <Form.Item label={t('standards.templates.name')} name="title" rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}>
        <Input maxLength={60} />
      </Form.Item>
      {template.items.map((item, index) => (
        <Flex key={item.id} gap={12} align="start">
          <Typography.Text strong style={{ paddingTop: 34, width: 24 }}>{item.position}</Typography.Text>
          <Form.Item style={{ flex: 1 }} label={t('standards.templates.itemTitle')} name={['items', index, 'title']}
            extra={item.fixed ? t('standards.templates.fixedHint') : undefined}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 60 }]}>
            <Input maxLength={60} readOnly={item.fixed} />
          </Form.Item>
          <Form.Item style={{ flex: 2 }} label={t('standards.templates.guidance')} name={['items', index, 'guidance']} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Flex>
      ))}
      <Flex gap={8} justify="flex-end">
        <Button htmlType="submit" loading={update.isPending}>{t('common.save')}</Button>
        <Popconfirm title={t('standards.templates.publishConfirm')} okText={t('standards.templates.publish')} cancelText={t('common.cancel')} onConfirm={handlePublish}>
          <Button type="primary" loading={publish.isPending} disabled={form.isFieldsTouched() && !update.isSuccess}>{t('standards.templates.publish')}</Button>
        </Popconfirm>
      </Flex>
    </Form>
  );
}
