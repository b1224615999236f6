import { Alert, App, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODE_LABELS, COVERAGE_MODES, PARTY_STATUS_LABELS, PARTY_STATUSES, SURVEY_WILLINGNESS, SURVEY_WILLINGNESS_LABELS, type CoverageMode } from '@hongyun/shared';
import { surveyKeys, useCompleteSurvey, type CompleteSurveyBody, type Survey } from '../../../api/surveys';
import { useLabel } from '../../../shared/labels';
import { useServerErrors } from '../../components/server-error';

type Values = Omit<CompleteSurveyBody, 'version'>;

// 党章: 正式党员三人以上的 may form their own branch (the server checks the same).
const MIN_FULL_FOR_STANDALONE = 3;

/** 完成摸排: what the town found; staff, party status and the instructor go onto the company. */
export function CompleteSurveyModal({ survey, onClose }: { survey: Survey; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const complete = useCompleteSurvey();
  const client = useQueryClient();
  // "Reload" after a stale version: fetch the task afresh and close, so the next try starts from it.
  const errors = useServerErrors(form, () => void client.invalidateQueries({ queryKey: surveyKeys.all }).then(onClose));
  const options = <T extends string>(values: readonly T[], labels: Record<T, { zh: string; en: string }>) => values.map((v) => ({ value: v, label: label(labels[v]) }));

  const handleFinish = (values: Values) => {
    errors.clear();
    const body = { ...values, instructorProposed: values.instructorProposed?.trim() || null, notes: values.notes?.trim() || null, version: survey.version };
    complete.mutate({ id: survey.id, body }, {
      onSuccess: () => {
        message.success(t('surveys.complete.done', { name: survey.enterpriseName }));
        onClose();
      },
      onError: errors.handle,
    });
  };

  const count = (name: keyof Values, text: string, extra: object[] = []) => (
    <Form.Item label={text} name={name} rules={[{ required: true, message: t('common.required') }, ...extra]}>
      <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      open
      width={680}
      title={t('surveys.complete.title', { name: survey.enterpriseName })}
      okText={t('surveys.complete.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
        { key: 'uscc', label: t('surveys.field.uscc'), children: survey.uscc },
        { key: 'town', label: t('surveys.field.town'), children: survey.townName },
      ]} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('surveys.complete.hint')} />
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ membersFound: 0, fullMembersFound: 0, investorPartyStatus: 'unknown', managerPartyStatus: 'unknown', staffCount: survey.staffCount ?? survey.companyStaffCount ?? undefined }}
        onFinish={handleFinish}
      >
        <Row gutter={16}>
          <Col span={8}>{count('membersFound', t('surveys.field.membersFound'))}</Col>
          <Col span={8}>
            {count('fullMembersFound', t('surveys.field.fullMembersFound'), [
              ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
                validator: (_: unknown, v: number | null) => (v == null || v <= Number(getFieldValue('membersFound') ?? 0) ? Promise.resolve() : Promise.reject(new Error(t('surveys.complete.fullTooMany')))),
              }),
            ])}
          </Col>
          <Col span={8}>{count('staffCount', t('surveys.field.staffCount'))}</Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('surveys.field.investorPartyStatus')} name="investorPartyStatus" rules={[{ required: true, message: t('common.required') }]}>
              <Select options={options(PARTY_STATUSES, PARTY_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('surveys.field.managerPartyStatus')} name="managerPartyStatus" rules={[{ required: true, message: t('common.required') }]}>
              <Select options={options(PARTY_STATUSES, PARTY_STATUS_LABELS)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('surveys.field.willingness')} name="willingness" rules={[{ required: true, message: t('surveys.complete.chooseWillingness') }]}>
              <Select options={options(SURVEY_WILLINGNESS, SURVEY_WILLINGNESS_LABELS)} placeholder={t('surveys.complete.choose')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('surveys.field.recommendedMode')}
              name="recommendedMode"
              dependencies={['fullMembersFound']}
              extra={t('surveys.complete.modeHint')}
              rules={[
                { required: true, message: t('surveys.complete.chooseMode') },
                ({ getFieldValue }) => ({
                  validator: (_, v: CoverageMode | undefined) =>
                    v !== 'standalone' || Number(getFieldValue('fullMembersFound') ?? 0) >= MIN_FULL_FOR_STANDALONE
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('surveys.complete.standaloneNeedsThree', { n: MIN_FULL_FOR_STANDALONE }))),
                }),
              ]}
            >
              <Select options={options(COVERAGE_MODES, COVERAGE_MODE_LABELS)} placeholder={t('surveys.complete.choose')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('surveys.field.instructorProposed')} name="instructorProposed" extra={t('surveys.complete.instructorHint')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t('surveys.field.notes')} name="notes" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
