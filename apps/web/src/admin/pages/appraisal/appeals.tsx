import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, List, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, type AppraisalGrade } from '@hongyun/shared';
import { useDecideAppeal, type Appraisal, type AppraisalAppeal } from '../../../api/appraisal';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { useServerErrors } from '../../components/server-error';
import { GradeTag } from './grades';

const STATUS_COLORS = { open: 'orange', upheld: 'default', changed: 'blue' } as const;

/** Members' appeals against their published grade, each decided with written reasons. */
export function AppealsPanel({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<AppraisalAppeal | null>(null);
  const gradeOf = (memberId: number) => c.participants.find((p) => p.memberId === memberId)?.finalGrade ?? null;

  if (c.appeals.length === 0) {
    return <Empty description={c.stage === 'published' ? t('appraisal.appeals.noneYet', { date: c.appealUntil }) : t('appraisal.appeals.none')} />;
  }
  return (
    <>
      <List
        dataSource={c.appeals}
        renderItem={(a) => (
          <List.Item
            key={a.id}
            actions={a.status === 'open' && c.stage === 'published' ? [<Button key="decide" type="primary" size="small" onClick={() => setDeciding(a)}>{t('appraisal.appeals.decide')}</Button>] : []}
          >
            <List.Item.Meta
              title={<Flex gap={8} align="center" wrap>{a.name}<GradeTag grade={gradeOf(a.memberId)} /><Tag color={STATUS_COLORS[a.status]}>{t(`appraisal.appeals.status.${a.status}`)}</Tag></Flex>}
              description={
                <Flex vertical gap={4}>
                  <Typography.Text>{t('appraisal.appeals.reason', { reason: a.reason })}</Typography.Text>
                  <Typography.Text type="secondary">{t('appraisal.appeals.at', { at: formatDateTime(a.createdAt) })}</Typography.Text>
                  {a.decision ? <Typography.Text>{t('appraisal.appeals.decision', { decision: a.decision, at: formatDateTime(a.decidedAt) })}</Typography.Text> : null}
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      {deciding ? <DecideModal campaign={c} appeal={deciding} current={gradeOf(deciding.memberId)} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

interface Values { status: 'upheld' | 'changed'; grade?: AppraisalGrade; decision: string }

function DecideModal({ campaign: c, appeal, current, onClose }: { campaign: Appraisal; appeal: AppraisalAppeal; current: AppraisalGrade | null; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecideAppeal(c.id);
  const errors = useServerErrors(form);
  const status = Form.useWatch('status', form);
  const probationary = c.participants.find((p) => p.memberId === appeal.memberId)?.category === 'probationary';

  const handleFinish = (v: Values) => {
    errors.clear();
    const body = { status: v.status, decision: v.decision.trim(), ...(v.status === 'changed' ? { grade: v.grade } : {}) };
    decide.mutate({ appealId: appeal.id, body }, {
      onSuccess: () => {
        message.success(t('appraisal.appeals.done'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal open title={t('appraisal.appeals.title', { name: appeal.name })} okText={t('appraisal.appeals.submit')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={decide.isPending} destroyOnHidden>
      {errors.alert}
      <Typography.Paragraph>{t('appraisal.appeals.reason', { reason: appeal.reason })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={handleFinish} initialValues={{ status: 'upheld' }}>
        <Form.Item name="status" label={t('appraisal.appeals.outcome')}>
          <Radio.Group options={[{ value: 'upheld', label: t('appraisal.appeals.upheld') }, { value: 'changed', label: t('appraisal.appeals.changed') }]} />
        </Form.Item>
        {status === 'changed' ? (
          <Form.Item name="grade" label={t('appraisal.appeals.newGrade')} rules={[{ required: true, message: t('appraisal.appeals.gradeRequired') }]}>
            <Select options={APPRAISAL_GRADES.filter((g) => g !== current).map((g) => ({ value: g, label: label(APPRAISAL_GRADE_LABELS[g]), disabled: g === 'excellent' && probationary }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="decision" label={t('appraisal.appeals.decisionLabel')} rules={[{ required: true, whitespace: true, message: t('appraisal.appeals.decisionRequired') }, { min: 2, message: t('appraisal.appeals.decisionRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={4} showCount maxLength={1000} placeholder={t('appraisal.appeals.decisionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
