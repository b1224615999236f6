import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Flex, Input, Modal, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useAssessment, useReviewAssessment } from '../../../api/standards';
import { errorText } from '../../../shared/errors';
import { QueryState } from '../../components/page-state';
import { EvidenceFiles } from './evidence-files';

/** The town's review: per claimed item met or not; accept (stars = items met) or return with a reason. */
export function ReviewDrawer({ assessmentId, onClose }: { assessmentId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = useAssessment(assessmentId);
  const review = useReviewAssessment();
  const [met, setMet] = useState<Record<number, boolean>>({});
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const a = query.data;

  // Start from "met" for every claimed item: the reviewer unticks what is not.
  useEffect(() => {
    if (a) setMet(Object.fromEntries(a.items.filter((i) => i.claimed).map((i) => [i.id, i.accepted ?? true])));
  }, [a]);

  const stars = Object.values(met).filter(Boolean).length;
  const send = (decision: 'accept' | 'return') => {
    if (!a) return;
    setError(null);
    review.mutate({ id: a.id, body: { decision, items: Object.entries(met).map(([itemId, accepted]) => ({ itemId: Number(itemId), accepted })), reason: decision === 'return' ? reason.trim() : null, version: a.version } }, {
      onSuccess: () => {
        message.success(decision === 'accept' ? t('standards.review.acceptedMsg', { n: stars }) : t('standards.review.returnedMsg'));
        setReturning(false);
        onClose();
      },
      onError: setError,
    });
  };
  const reasonProblem = isApiError(error) ? error.details?.issues?.find((i) => i.path === 'reason')?.message : undefined;

  return (
    <Drawer open size="large" title={a ? t('standards.review.title', { name: a.orgName }) : t('common.loading')} onClose={onClose} destroyOnHidden
      extra={a?.abilities.review ? (
        <Flex gap={8}>
          <Button danger onClick={() => setReturning(true)}>{t('standards.review.return')}</Button>
          <Button type="primary" loading={review.isPending && !returning} onClick={() => send('accept')}>{t('standards.review.accept', { n: stars })}</Button>
        </Flex>
      ) : null}>
      <QueryState query={query}>
        {a ? (
          <Flex vertical gap={12}>
            {!a.abilities.review ? <Alert type="info" showIcon title={a.status === 'submitted' ? t('standards.review.notYours') : t('standards.review.notWaiting')} /> : null}
            {error && !returning ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} /> : null}
            {a.items.map((item) => (
              <Card key={item.id} size="small" title={`${item.position}. ${item.title}`}
                extra={item.claimed ? (a.abilities.review
                  ? <Switch checked={met[item.id] ?? false} onChange={(v) => setMet((m) => ({ ...m, [item.id]: v }))} checkedChildren={t('standards.review.met')} unCheckedChildren={t('standards.review.notMet')} aria-label={t('standards.review.metFor', { title: item.title })} />
                  : item.accepted !== null ? <Tag color={item.accepted ? 'success' : 'default'}>{item.accepted ? t('standards.review.met') : t('standards.review.notMet')}</Tag> : null)
                  : <Tag>{t('standards.review.notClaimed')}</Tag>}>
                {item.claimed ? (
                  <Flex vertical gap={8}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.evidence}</Typography.Paragraph>
                    <EvidenceFiles assessmentId={a.id} itemId={item.id} files={item.attachments} editable={false} />
                  </Flex>
                ) : <Typography.Text type="secondary">{t('standards.review.notClaimedHint')}</Typography.Text>}
              </Card>
            ))}
          </Flex>
        ) : null}
      </QueryState>
      <Modal open={returning} title={t('standards.review.returnTitle')} okText={t('standards.review.return')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText={t('common.cancel')} confirmLoading={review.isPending} onOk={() => send('return')} onCancel={() => setReturning(false)} destroyOnHidden>
        {error && !reasonProblem ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorText(t, error)} /> : null}
        <Input.TextArea aria-label={t('standards.review.reason')} placeholder={t('standards.review.reasonPlaceholder')} rows={4} maxLength={500} showCount value={reason}
          status={reasonProblem ? 'error' : undefined} onChange={(e) => setReason(e.target.value)} />
        <Typography.Text type={reasonProblem ? 'danger' : 'secondary'}>{reasonProblem ?? t('standards.review.reasonHint')}</Typography.Text>
      </Modal>
    </Drawer>
  );
}
