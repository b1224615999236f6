import { useEffect } from 'react';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS, useCreateQuestion, useUpdateQuestion, type Question, type QuestionKind } from '../../../api/learning';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useServerErrors } from '../../components/server-error';

const KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

interface FormValues {
  orgId?: number;
  kind: QuestionKind;
  stem: string;
  options: { text: string }[];
  single?: string;
  multiple?: string[];
  judge?: boolean;
  blanks: { accepted: string[] }[];
  explanation?: string;
  category: string;
  difficulty: number;
}

function initialValues(q: Question | null): FormValues {
  if (!q) return { kind: 'single', stem: '', options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }], blanks: [{ accepted: [] }], category: '', difficulty: 2 };
  const answer = q.answer as unknown[];
  return {
    orgId: q.orgId,
    kind: q.kind,
    stem: q.stem,
    options: q.options.length > 0 ? q.options.map((o) => ({ text: o.text })) : [{ text: '' }, { text: '' }],
    single: q.kind === 'single' ? String(answer[0] ?? '') : undefined,
    multiple: q.kind === 'multiple' ? answer.map(String) : undefined,
    judge: q.kind === 'judge' ? answer[0] === true : undefined,
    blanks: q.kind === 'fill' ? (answer as string[][]).map((accepted) => ({ accepted })) : [{ accepted: [] }],
    explanation: q.explanation ?? undefined,
    category: q.category,
    difficulty: q.difficulty,
  };
}

/** Turns the kind-dependent fields into the server's options and answer. */
function toBody(v: FormValues) {
  const choice = v.kind === 'single' || v.kind === 'multiple';
  const options = choice ? v.options.map((o, i) => ({ key: KEYS[i] ?? String(i + 1), text: o.text })) : [];
  const answer =
    v.kind === 'single' ? (v.single ? [v.single] : [])
      : v.kind === 'multiple' ? [...(v.multiple ?? [])].sort()
        : v.kind === 'judge' ? (v.judge === undefined ? [] : [v.judge])
          : v.blanks.map((b) => b.accepted);
  return { kind: v.kind, stem: v.stem, options, answer, explanation: v.explanation?.trim() ? v.explanation : null, category: v.category, difficulty: v.difficulty };
}

/** Create or edit one question: choice options A–H, true/false, or accepted texts per blank. */
export function QuestionFormDrawer({ open, question, onClose }: { open: boolean; question: Question | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateQuestion();
  const update = useUpdateQuestion();
  const server = useServerErrors(form, onClose);
  const kind = Form.useWatch('kind', form) ?? 'single';
  const options = Form.useWatch('options', form) ?? [];

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues(question));
      server.clear();
    }
  }, [open, question]);

  const save = async (submit: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    server.clear();
    try {
      if (question) {
        await update.mutateAsync({ id: question.id, body: { ...toBody(values), version: question.version } });
        message.success(t('common.saved'));
      } else {
        await create.mutateAsync({ ...toBody(values), orgId: values.orgId, submit });
        message.success(submit ? t('learning.questions.submitted') : t('common.saved'));
      }
      onClose();
    } catch (e) {
      server.handle(e);
    }
  };

  const optionKeys = options.map((_, i) => KEYS[i] ?? String(i + 1));
  const busy = create.isPending || update.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={question ? t('learning.questions.editTitle') : t('learning.questions.newTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={busy} type={question ? 'primary' : 'default'} onClick={() => void save(false)}>{question ? t('common.save') : t('learning.questions.saveDraft')}</Button>
          {question ? null : <Button type="primary" loading={busy} onClick={() => void save(true)}>{t('learning.questions.saveAndSubmit')}</Button>}
        </Flex>
      }
    >
      {server.alert}
      <Form form={form} layout="vertical" initialValues={initialValues(question)}>
        {question ? null : (
          <Form.Item name="orgId" label={t('learning.questions.org')} extra={t('learning.questions.orgHint')}>
            <OrgTreeSelect aria-label={t('learning.questions.org')} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('learning.questions.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`learning.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="stem" label={t('learning.questions.stem')} rules={[{ required: true, whitespace: true, message: t('learning.questions.stemRequired') }]} extra={kind === 'fill' ? t('learning.questions.fillHint') : undefined}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>

        {kind === 'single' || kind === 'multiple' ? (
          <>
            <Form.List name="options">
              {(fields, { add, remove }) => (
                <Form.Item label={t('learning.questions.options')} required>
                  <Flex vertical gap={8}>
                    {fields.map((field, i) => (
                      <Space.Compact key={field.key} style={{ width: '100%' }}>
                        <Button disabled style={{ width: 40 }}>{KEYS[i]}</Button>
                        <Form.Item name={[field.name, 'text']} noStyle rules={[{ required: true, whitespace: true, message: t('learning.questions.optionRequired', { key: KEYS[i] }) }]}>
                          <Input maxLength={300} aria-label={t('learning.questions.optionLabel', { key: KEYS[i] })} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} disabled={fields.length <= 2} onClick={() => remove(field.name)} aria-label={t('learning.questions.removeOption', { key: KEYS[i] })} />
                      </Space.Compact>
                    ))}
                    <div>
                      <Button icon={<PlusOutlined />} disabled={fields.length >= KEYS.length} onClick={() => add({ text: '' })}>{t('learning.questions.addOption')}</Button>
                    </div>
                  </Flex>
                </Form.Item>
              )}
            </Form.List>
            {kind === 'single' ? (
              <Form.Item name="single" label={t('learning.questions.answer')} rules={[{ required: true, message: t('learning.questions.answerRequired') }]}>
                <Radio.Group options={optionKeys.map((k) => ({ value: k, label: k }))} />
              </Form.Item>
            ) : (
              <Form.Item name="multiple" label={t('learning.questions.answer')} rules={[{ required: true, type: 'array', min: 2, message: t('learning.questions.multipleRequired') }]}>
                <Checkbox.Group options={optionKeys.map((k) => ({ value: k, label: k }))} />
              </Form.Item>
            )}
          </>
        ) : null}

        {kind === 'judge' ? (
          <Form.Item name="judge" label={t('learning.questions.answer')} rules={[{ required: true, message: t('learning.questions.answerRequired') }]}>
            <Radio.Group options={[{ value: true, label: t('learning.questions.true') }, { value: false, label: t('learning.questions.false') }]} />
          </Form.Item>
        ) : null}

        {kind === 'fill' ? (
          <Form.List name="blanks">
            {(fields, { add, remove }) => (
              <Form.Item label={t('learning.questions.blanks')} required extra={t('learning.questions.blanksHint')}>
                <Flex vertical gap={8}>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="start">
                      <Typography.Text style={{ width: 64, lineHeight: '32px' }}>{t('learning.questions.blankN', { n: i + 1 })}</Typography.Text>
                      <Form.Item name={[field.name, 'accepted']} style={{ flex: 1, marginBottom: 0 }} rules={[{ required: true, type: 'array', min: 1, message: t('learning.questions.blankRequired', { n: i + 1 }) }]}>
                        <Select mode="tags" open={false} tokenSeparators={['；', ';']} placeholder={t('learning.questions.acceptedPlaceholder')} aria-label={t('learning.questions.blankN', { n: i + 1 })} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('learning.questions.removeBlank', { n: i + 1 })} />
                    </Flex>
                  ))}
                  <div><Button icon={<PlusOutlined />} onClick={() => add({ accepted: [] })}>{t('learning.questions.addBlank')}</Button></div>
                </Flex>
              </Form.Item>
            )}
          </Form.List>
        ) : null}

        <Form.Item name="explanation" label={t('learning.questions.explanation')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="category" label={t('learning.questions.category')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('learning.questions.categoryRequired') }]}>
            <Input maxLength={30} placeholder={t('learning.questions.categoryPlaceholder')} />
          </Form.Item>
          <Form.Item name="difficulty" label={t('learning.questions.difficulty')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} precision={0} />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
