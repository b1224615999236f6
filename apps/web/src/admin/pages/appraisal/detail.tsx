import { App, Button, Card, Descriptions, Flex, Steps, Tabs, Typography } from 'antd';
import { BellOutlined, CheckCircleOutlined, LockOutlined, SoundOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_STAGE_LABELS, APPRAISAL_STAGES } from '@hongyun/shared';
import { useAppraisal, useCloseAppraisal, useCloseReview, usePublishAppraisal, useRemindAppraisal, type Appraisal } from '../../../api/appraisal';
import { errorText } from '../../../shared/errors';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/page-state';
import { AppealsPanel } from './appeals';
import { GradeCountTags, StageTag } from './grades';
import { ProgressPanel } from './progress';
import { ProposalPanel } from './proposal';

const TABS = ['progress', 'proposal', 'appeals'] as const;
type TabKey = (typeof TABS)[number];

/** One campaign for the secretary: progress, anonymous peer aggregates, the proposal, confirmation, publication and appeals. */
export function AppraisalDetailPage() {
  const params = useParams();
  const appraisal = useAppraisal(Number(params.appraisalId));
  return <QueryState query={appraisal}>{appraisal.data ? <AppraisalView campaign={appraisal.data} /> : null}</QueryState>;
}

function AppraisalView({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('tab');
  const fallback: TabKey = c.stage === 'reviewing' ? 'progress' : c.stage === 'published' && c.openAppealCount > 0 ? 'appeals' : 'proposal';
  const tab: TabKey = (TABS as readonly string[]).includes(requested ?? '') ? (requested as TabKey) : fallback;
  const published = c.stage === 'published' || c.stage === 'closed';

  const items = [
    { key: 'progress', label: t('appraisal.tab.progress', { done: c.finishedCount, total: c.participantCount }), children: <ProgressPanel campaign={c} /> },
    { key: 'proposal', label: t('appraisal.tab.proposal'), children: <ProposalPanel campaign={c} /> },
    ...(published ? [{ key: 'appeals', label: c.openAppealCount ? t('appraisal.tab.appealsOpen', { n: c.openAppealCount }) : t('appraisal.tab.appeals'), children: <AppealsPanel campaign={c} /> }] : []),
  ];

  return (
    <>
      <PageHeader title={c.title} extra={<StageActions campaign={c} />}>
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
          <StageTag stage={c.stage} />
          <Typography.Text type="secondary">{c.orgName} · {t('appraisal.yearLabel', { year: c.year })}</Typography.Text>
        </Flex>
      </PageHeader>
      <Flex vertical gap={16}>
        <Card>
          <Steps size="small" current={APPRAISAL_STAGES.indexOf(c.stage)} items={APPRAISAL_STAGES.map((s) => ({ title: label(APPRAISAL_STAGE_LABELS[s]) }))} />
        </Card>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={[
            { key: 'due', label: t('appraisal.field.reviewDueOn'), children: formatDate(c.reviewDueOn) },
            { key: 'people', label: t('appraisal.field.participants'), children: t('appraisal.detail.people', { total: c.participantCount, done: c.finishedCount }) },
            { key: 'max', label: t('appraisal.field.excellentMax'), children: t('appraisal.detail.excellentMax', { n: c.excellentMax }) },
            { key: 'meeting', label: t('appraisal.field.meeting'), children: c.confirmedMeeting ? `${c.confirmedMeeting.title}（${formatDateTime(c.confirmedMeeting.startsAt)}）` : '—' },
            { key: 'published', label: t('appraisal.field.publishedAt'), children: formatDateTime(c.publishedAt) },
            { key: 'appeal', label: t('appraisal.field.appealUntil'), children: formatDate(c.appealUntil) },
            ...(c.publishedCounts ? [{ key: 'counts', label: t('appraisal.field.publishedCounts'), span: 3, children: <GradeCountTags counts={c.publishedCounts} /> }] : []),
            ...(c.studyMaterials ? [{ key: 'study', label: t('appraisal.field.studyMaterials'), span: 3, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{c.studyMaterials}</Typography.Paragraph> }] : []),
          ]} />
        </Card>
        <Card>
          <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'progress'} onChange={(key) => setSearch({ tab: key }, { replace: true })} items={items} />
        </Card>
      </Flex>
    </>
  );
}

/** The stage moves the caller may make now, each confirmed before it acts. */
function StageActions({ campaign: c }: { campaign: Appraisal }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const remind = useRemindAppraisal(c.id);
  const closeReview = useCloseReview(c.id);
  const publish = usePublishAppraisal(c.id);
  const close = useCloseAppraisal(c.id);
  const fail = (error: unknown) => message.error(errorText(t, error));

  const ask = (title: string, content: string, ok: string, run: () => Promise<unknown>) =>
    modal.confirm({ title, content, okText: ok, cancelText: t('common.cancel'), onOk: () => run().catch((e: unknown) => { fail(e); }) });

  return (
    <>
      {c.abilities.remind ? (
        <Button icon={<BellOutlined />} loading={remind.isPending} onClick={() => remind.mutate(undefined, {
          onSuccess: (r) => message.success(r.reminded ? t('appraisal.remind.done', { n: r.reminded }) : t('appraisal.remind.none', { n: r.alreadyReminded })),
          onError: fail,
        })}>{t('appraisal.remind.button')}</Button>
      ) : null}
      {c.abilities.closeReview ? (
        <Button icon={<LockOutlined />} onClick={() => ask(t('appraisal.closeReview.title'), t('appraisal.closeReview.confirm', { n: c.participantCount - c.finishedCount }), t('appraisal.closeReview.button'),
          () => closeReview.mutateAsync(c.version).then(() => message.success(t('appraisal.closeReview.done'))))}>{t('appraisal.closeReview.button')}</Button>
      ) : null}
      {c.abilities.publish ? (
        <Button type="primary" icon={<SoundOutlined />} onClick={() => ask(t('appraisal.publish.title'), t('appraisal.publish.confirm'), t('appraisal.publish.button'),
          () => publish.mutateAsync(c.version).then(() => message.success(t('appraisal.publish.done'))))}>{t('appraisal.publish.button')}</Button>
      ) : null}
      {c.stage === 'published' ? (
        <Button icon={<CheckCircleOutlined />} disabled={!c.abilities.close} title={c.abilities.close ? undefined : t('appraisal.close.notYet', { date: c.appealUntil })}
          onClick={() => ask(t('appraisal.close.title'), t('appraisal.close.confirm'), t('appraisal.close.button'),
            () => close.mutateAsync(c.version).then(() => message.success(t('appraisal.close.done'))))}>{t('appraisal.close.button')}</Button>
      ) : null}
    </>
  );
}
