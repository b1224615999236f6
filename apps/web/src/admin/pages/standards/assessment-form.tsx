import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Popconfirm, Rate, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSESSMENT_STATUS_LABELS } from '@hongyun/shared';
import { isApiError } from '../../../api/client';
import { useSaveAnswers, useSubmitAssessment, type Assessment } from '../../../api/standards';
import { errorText } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { EvidenceFiles } from './evidence-files';

type Answer = { claimed: boolean; evidence: string };
export const STATUS_COLORS = { draft: 'default', submitted: 'processing', returned: 'warning', accepted: 'success' } as const;

/** An organisation's 六个有 self-assessment: claim items, explain in words, attach files if useful, submit. */
export function AssessmentForm({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const save = useSaveAnswers();
  const submit = useSubmitAssessment();
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const editable = assessment.abilities.edit;

  // A fresh copy of the server's answers whenever a new version arrives.
  useEffect(() => {
    setAnswers(Object.fromEntries(assessment.items.map((i) => [i.id, { claimed: i.claimed, evidence: i.evidence ?? '' }])));
  }, [assessment.id, assessment.version, assessment.items]);

  const set = (itemId: number, patch: Partial<Answer>) => setAnswers((a) => ({ ...a, [itemId]: { claimed: false, evidence: '', ...a[itemId], ...patch } }));
  const body = () => ({
    answers: assessment.items.map((i) => ({ itemId: i.id, claimed: answers[i.id]?.claimed ?? false, evidence: answers[i.id]?.evidence.trim() || null })),
    version: assessment.version,
  });
  const fail = (e: unknown) => {
    setError(e);
    const issues = isApiError(e) ? e.details?.issues ?? [] : [];
    setProblems(Object.fromEntries(issues.map((i) => [i.path, i.message])));
  };

  const handleSave = async (): Promise<boolean> => {
    setError(null);
    setProblems({});
    try {
      await save.mutateAsync({ id: assessment.id, body: body() });
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  const handleSubmit = async () => {
    if (!(await handleSave())) return;
    try {
      // The save moved the version on by one.
      await submit.mutateAsync({ id: assessment.id, version: assessment.version + 1 });
      message.success(t('standards.assess.submitted'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{assessment.orgName} · {assessment.templateTitle}</Typography.Title>
        <Tag color={STATUS_COLORS[assessment.status]}>{label(ASSESSMENT_STATUS_LABELS[assessment.status])}</Tag>
        {assessment.status === 'accepted' ? <Rate disabled count={6} value={assessment.stars ?? 0} aria-label={t('standards.stars', { n: assessment.stars ?? 0 })} /> : null}
        {assessment.submittedAt ? <Typography.Text type="secondary">{t('standards.assess.submittedAt', { at: formatDateTime(assessment.submittedAt) })}</Typography.Text> : null}
      </Flex>
      {assessment.status === 'returned' ? <Alert type="warning" showIcon title={t('standards.assess.returned')} description={assessment.returnReason} /> : null}
      {assessment.status === 'submitted' ? <Alert type="info" showIcon title={t('standards.assess.waiting')} /> : null}
      {editable ? <Alert type="info" showIcon title={t('standards.assess.hint')} /> : null}
      {error && !Object.keys(problems).length ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} /> : null}
      {problems.answers ? <Alert type="error" showIcon role="alert" title={problems.answers} /> : null}
      {assessment.items.map((item) => {
        const a = answers[item.id] ?? { claimed: false, evidence: '' };
        const problem = problems[`evidence.${item.id}`];
        return (
          <Card key={item.id} size="small" title={<span>{item.position}. {item.title}</span>}
            extra={item.accepted === true ? <Tag color="success">{t('standards.review.met')}</Tag> : item.accepted === false && assessment.status !== 'draft' ? <Tag>{t('standards.review.notMet')}</Tag> : null}>
            <Flex vertical gap={8}>
              {item.guidance ? <Typography.Text type="secondary">{item.guidance}</Typography.Text> : null}
              <Checkbox checked={a.claimed} disabled={!editable} onChange={(e) => set(item.id, { claimed: e.target.checked })}>{t('standards.assess.claim')}</Checkbox>
              <div>
                <Input.TextArea
                  aria-label={t('standards.assess.evidence', { title: item.title })}
                  placeholder={t('standards.assess.evidencePlaceholder')}
                  rows={3}
                  maxLength={2000}
                  showCount={editable}
                  readOnly={!editable}
                  status={problem ? 'error' : undefined}
                  value={a.evidence}
                  onChange={(e) => set(item.id, { evidence: e.target.value })}
                />
                {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
              </div>
              <EvidenceFiles assessmentId={assessment.id} itemId={item.id} files={item.attachments} editable={editable} />
            </Flex>
          </Card>
        );
      })}
      {editable ? (
        <Flex gap={8} justify="flex-end">
          <Button loading={save.isPending && !submit.isPending} onClick={() => void handleSave().then((ok) => ok && message.success(t('common.saved')))}>{t('standards.assess.save')}</Button>
          <Popconfirm title={t('standards.assess.submitConfirm')} okText={t('standards.assess.submit')} cancelText={t('common.cancel')} onConfirm={() => handleSubmit()}>
            <Button type="primary" loading={submit.isPending}>{t('standards.assess.submit')}</Button>
          </Popconfirm>
        </Flex>
      ) : null}
    </Flex>
  );
}
