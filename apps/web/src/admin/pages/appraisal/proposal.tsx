import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, APPRAISAL_MIN_BALLOTS_SHOWN, GRADES_NEEDING_REASON, MEMBER_CATEGORY_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { useSaveProposal, type Appraisal, type AppraisalParticipant } from '../../../api/appraisal';
import { useLabel } from '../../../shared/labels';
import { useServerErrors } from '../../components/server-error';
import { ConfirmAppraisalModal } from './confirm-modal';
import { GradeCountTags, GradeTag } from './grades';

interface Row { memberId: number; grade: AppraisalGrade | null; reason: string }
interface Values { grades: Row[] }

/**
 * 评定意见: each member's peer-review aggregate (counts and anonymous comments), the committee's
 * proposed grade with its reason, and a live count of 优秀 against the limit.
 */
export function ProposalPanel({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  if (c.stage === 'reviewing') return <Alert type="info" showIcon title={t('appraisal.proposal.waiting')} description={t('appraisal.proposal.waitingHint')} />;
  // Re-read the form from the server whenever the campaign changes.
  return <ProposalForm key={c.version} campaign={c} />;
}

function ProposalForm({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveProposal(c.id);
  const errors = useServerErrors(form);
  const [confirming, setConfirming] = useState(false);
  const editable = c.abilities.propose;
  const initial: Values = { grades: c.participants.map((p) => ({ memberId: p.memberId, grade: p.proposedGrade, reason: p.proposedReason ?? '' })) };
  const watched = Form.useWatch('grades', form) ?? initial.grades;
  const excellent = watched.filter((g) => g?.grade === 'excellent').length;
  const over = excellent > c.excellentMax;

  const handleFinish = (v: Values) => {
    errors.clear();
    const grades = v.grades.map((g) => ({ memberId: g.memberId, grade: g.grade as AppraisalGrade, reason: g.reason?.trim() || null }));
    save.mutate({ grades, version: c.version }, { onSuccess: () => message.success(t('appraisal.proposal.saved')), onError: errors.handle });
  };

  const gradeCell = (p: AppraisalParticipant, i: number) => {
    if (!editable) return <GradeTag grade={p.finalGrade ?? p.proposedGrade} />;
    return (
      <Form.Item name={['grades', i, 'grade']} rules={[{ required: true, message: t('appraisal.proposal.gradeRequired') }]} style={{ margin: 0 }}>
        <Select aria-label={t('appraisal.proposal.gradeFor', { name: p.name })} placeholder={t('appraisal.proposal.pickGrade')} style={{ width: 130 }}
          // A reason already flagged is checked again; an untouched one waits for saving, so
          // choosing 优秀 does not scold before the secretary has had a chance to type.
          onChange={() => { if (form.getFieldError(['grades', i, 'reason']).length) void form.validateFields([['grades', i, 'reason']]); }}
          options={APPRAISAL_GRADES.map((g) => ({ value: g, label: label(APPRAISAL_GRADE_LABELS[g]), disabled: g === 'excellent' && p.category === 'probationary' }))} />
      </Form.Item>
    );
  };
  const reasonCell = (p: AppraisalParticipant, i: number) => {
    if (!editable) return p.proposedReason ?? '—';
    return (
      <Form.Item name={['grades', i, 'reason']} style={{ margin: 0 }}
        rules={[({ getFieldValue }) => ({
          validator: (_, value: string | undefined) => (GRADES_NEEDING_REASON.includes(getFieldValue(['grades', i, 'grade'])) && !value?.trim()
            ? Promise.reject(new Error(t('appraisal.proposal.reasonRequired'))) : Promise.resolve()),
        }), { max: 500 }]}>
        <Input aria-label={t('appraisal.proposal.reasonFor', { name: p.name })} maxLength={500} placeholder={t('appraisal.proposal.reasonPlaceholder')} />
      </Form.Item>
    );
  };

  const columns: TableColumnsType<AppraisalParticipant> = [
    {
      key: 'name', title: t('appraisal.field.name'), width: 140,
      render: (_, p, i) => (
        <>
          {editable ? <Form.Item name={['grades', i, 'memberId']} hidden><Input /></Form.Item> : null}
          {p.name} {p.category === 'probationary' ? <Tag>{label(MEMBER_CATEGORY_LABELS.probationary)}</Tag> : null}
        </>
      ),
    },
    { key: 'self', title: t('appraisal.field.selfGrade'), width: 110, render: (_, p) => <GradeTag grade={p.selfGrade} /> },
    {
      key: 'peer', title: t('appraisal.field.peerResult'),
      render: (_, p) => (p.peerResult
        ? <Flex wrap gap={4} align="center"><GradeCountTags counts={p.peerResult.counts} /><Typography.Text type="secondary">{t('appraisal.proposal.ballots', { n: p.peerResult.ballots })}</Typography.Text></Flex>
        : <Typography.Text type="secondary">{t('appraisal.proposal.tooFew', { n: p.ballotsReceived ?? 0, min: APPRAISAL_MIN_BALLOTS_SHOWN })}</Typography.Text>),
    },
    { key: 'grade', title: editable ? t('appraisal.field.proposedGrade') : t('appraisal.field.finalGrade'), width: 150, render: (_, p, i) => gradeCell(p, i) },
    { key: 'reason', title: t('appraisal.field.reason'), width: 280, render: (_, p, i) => reasonCell(p, i) },
  ];

  return (
    <Form<Values> form={form} initialValues={initial} onFinish={handleFinish} component={false}>
      <Flex vertical gap={12}>
        {errors.alert}
        <Typography.Text type="secondary">{t('appraisal.proposal.explain')}</Typography.Text>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type={over ? 'danger' : undefined} strong role="status" aria-live="polite">
            {t('appraisal.proposal.counter', { n: excellent, max: c.excellentMax, total: c.participantCount })}
            {over ? ` · ${t('appraisal.proposal.over')}` : ''}
          </Typography.Text>
          <Flex gap={8}>
            {editable ? <Button onClick={() => form.submit()} loading={save.isPending} type={c.abilities.confirm ? 'default' : 'primary'}>{t('appraisal.proposal.save')}</Button> : null}
            {c.abilities.confirm ? <Button type="primary" onClick={() => (form.isFieldsTouched() ? message.warning(t('appraisal.proposal.saveFirst')) : setConfirming(true))}>{t('appraisal.confirm.button')}</Button> : null}
          </Flex>
        </Flex>
        <Table<AppraisalParticipant>
          rowKey="memberId" size="middle" columns={columns} dataSource={c.participants} pagination={false}
          expandable={{
            rowExpandable: (p) => !!p.peerResult?.comments.length || !!p.selfAnalysis,
            expandedRowRender: (p) => <Comments participant={p} />,
          }}
        />
      </Flex>
      {confirming ? <ConfirmAppraisalModal campaign={c} onClose={() => setConfirming(false)} /> : null}
    </Form>
  );
}

/** The anonymous peer comments (alphabetical, no names) and the member's own 党性分析. */
function Comments({ participant: p }: { participant: AppraisalParticipant }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {p.peerResult?.comments.length ? (
        <div>
          <Typography.Text strong>{t('appraisal.proposal.comments')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>{p.peerResult.comments.map((text, i) => <li key={i}>{text}</li>)}</ul>
        </div>
      ) : null}
      {p.selfAnalysis ? (
        <div>
          <Typography.Text strong>{t('appraisal.field.selfAnalysis')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4, marginBottom: 0 }}>{p.selfAnalysis}</Typography.Paragraph>
        </div>
      ) : null}
    </Flex>
  );
}
