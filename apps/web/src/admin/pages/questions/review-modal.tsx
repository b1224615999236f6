import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReviewQuestion, type Question } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';

/** Approve a pending question, or return it to its author with a note saying what to change. */
export function ReviewModal({ question, onClose }: { question: Question | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const review = useReviewQuestion();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setNote('');
    setNoteMissing(false);
    setError(null);
  }, [question]);

  const decide = async (decision: 'approve' | 'return') => {
    if (!question) return;
    // A returned question needs a reason its author can act on.
    if (decision === 'return' && !note.trim()) {
      setNoteMissing(true);
      return;
    }
    setError(null);
    try {
      await review.mutateAsync({ id: question.id, body: { decision, note: note.trim() || undefined, version: question.version } });
      message.success(decision === 'approve' ? t('learning.questions.approved') : t('learning.questions.returned'));
      onClose();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal
      open={question !== null}
      onCancel={onClose}
      title={t('learning.questions.reviewTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button danger loading={review.isPending && review.variables?.body.decision === 'return'} onClick={() => void decide('return')}>{t('learning.questions.return')}</Button>
          <Button type="primary" loading={review.isPending && review.variables?.body.decision === 'approve'} onClick={() => void decide('approve')}>{t('learning.questions.approve')}</Button>
        </Flex>
      }
    >
      {question ? (
        <Flex vertical gap={8}>
          {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
          <Typography.Text type="secondary">{t(`learning.kind.${question.kind}`)} · {question.category} · {question.orgName}</Typography.Text>
          <Typography.Paragraph strong style={{ margin: 0 }}>{question.stem}</Typography.Paragraph>
          {question.options.map((o) => <Typography.Text key={o.key}>{o.key}. {o.text}</Typography.Text>)}
          <Typography.Text>{t('learning.questions.answer')}：<Typography.Text strong>{question.answerText}</Typography.Text></Typography.Text>
          {question.explanation ? <Typography.Text type="secondary">{t('learning.questions.explanation')}：{question.explanation}</Typography.Text> : null}
          <label htmlFor="review-note"><Typography.Text>{t('learning.questions.reviewNote')}</Typography.Text></label>
          <Input.TextArea id="review-note" rows={3} maxLength={500} value={note} status={noteMissing ? 'error' : undefined}
            onChange={(e) => { setNote(e.target.value); setNoteMissing(false); }} placeholder={t('learning.questions.reviewNotePlaceholder')} />
          {noteMissing ? <Typography.Text type="danger">{t('learning.questions.returnNeedsNote')}</Typography.Text> : null}
        </Flex>
      ) : null}
    </Modal>
  );
}
