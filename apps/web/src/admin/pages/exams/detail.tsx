import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Flex, Popconfirm, Progress, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useExam, useExamAnalysis, useExamAttempt, useExamResults, usePublishExam, useSetLeaderboard, type Exam } from '../../../api/learning';
import { errorText } from '../../../shared/errors';
import { formatDateTime, orDash } from '../../../shared/format';
import { QueryState } from '../../components/page-state';
import { PageHeader } from '../../components/page-header';
import { ExamFormDrawer } from './exam-form';
import { PUBLISH_COLOR } from './list';

/** One exam or contest: its settings and paper, publishing, results and per-question analysis. */
export function ExamDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().examId);
  const exam = useExam(id);
  const publish = usePublishExam();
  const leaderboard = useSetLeaderboard();
  const [editing, setEditing] = useState(false);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const e = exam.data;
  return (
    <QueryState query={exam}>
      {e ? (
        <>
          <PageHeader
            title={e.title}
            extra={
              <>
                <Link to="/exams"><Button>{t('learning.exams.back')}</Button></Link>
                {e.status === 'draft' ? <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
                {e.status === 'draft' ? (
                  <Popconfirm title={t('learning.exams.publishConfirm')} okText={t('learning.exams.publish')} cancelText={t('common.cancel')}
                    onConfirm={() => act(() => publish.mutateAsync({ id: e.id, version: e.version }), t('learning.exams.published'))}>
                    <Button type="primary" loading={publish.isPending}>{t('learning.exams.publish')}</Button>
                  </Popconfirm>
                ) : null}
              </>
            }
          >
            <Flex gap={8} align="center">
              <Tag color={PUBLISH_COLOR[e.status]}>{t(`learning.publish.${e.status}`)}</Tag>
              <Typography.Text type="secondary">{e.kind === 'contest' ? t('learning.exams.kindContest') : t('learning.exams.kindExam')} · {e.orgName}</Typography.Text>
            </Flex>
          </PageHeader>
          <Card>
            <Tabs items={[
              { key: 'settings', label: t('learning.exams.tabSettings'), children: <ExamSettings exam={e} onLeaderboard={(enabled) => act(() => leaderboard.mutateAsync({ id: e.id, enabled, version: e.version }), t('common.saved'))} /> },
              { key: 'results', label: t('learning.exams.tabResults'), children: <ExamResultsTab exam={e} /> },
              { key: 'analysis', label: t('learning.exams.tabAnalysis'), children: <ExamAnalysisTab examId={e.id} /> },
            ]} />
          </Card>
          <ExamFormDrawer open={editing} exam={e} kind={e.kind} onClose={() => setEditing(false)} />
        </>
      ) : null}
    </QueryState>
  );
}

function ExamSettings({ exam: e, onLeaderboard }: { exam: Exam; onLeaderboard: (enabled: boolean) => Promise<unknown> }) {
  const { t } = useTranslation();
  const contest = e.kind === 'contest';
  const audience = e.audience.kind === 'subtree' ? `${t('learning.audience.subtree')}：${orDash(e.audience.orgName)}`
    : e.audience.kind === 'role' ? `${t('learning.audience.role')}：${e.audience.roles.map((r) => t(`learning.role.${r}`)).join('、')}` : t('learning.audience.all');
  return (
    <Flex vertical gap={16}>
      <Descriptions bordered size="small" column={2} items={[
        { key: 'window', label: t('learning.exams.window'), children: `${formatDateTime(e.opensAt)} – ${formatDateTime(e.closesAt)}` },
        { key: 'mode', label: t('learning.exams.paperMode'), children: t(`learning.paperMode.${e.paperMode}`) + (e.randomCount > 0 ? t('learning.exams.randomSummary', { count: e.randomCount, categories: e.randomCategories.join('、') || t('learning.exams.anyCategory') }) : '') },
        { key: 'count', label: t('learning.exams.questionCount'), children: e.questionCount },
        { key: 'points', label: t('learning.exams.pointsPerQuestion'), children: e.pointsPerQuestion },
        contest
          ? { key: 'seconds', label: t('learning.exams.secondsPerQuestion'), children: orDash(e.secondsPerQuestion) }
          : { key: 'limit', label: t('learning.exams.timeLimit'), children: e.timeLimitMinutes ? t('learning.exams.minutes', { count: e.timeLimitMinutes }) : t('learning.exams.noLimit') },
        ...(contest ? [] : [
          { key: 'pass', label: t('learning.exams.passMark'), children: e.passMark },
          { key: 'attempts', label: t('learning.exams.attempts'), children: e.attemptsAllowed },
        ]),
        { key: 'audience', label: t('learning.exams.audience'), children: audience },
        ...(contest ? [{
          key: 'board', label: t('learning.exams.leaderboard'), children: (
            <Flex vertical gap={4}>
              <Switch checked={e.leaderboard} onChange={(v) => void onLeaderboard(v)} aria-label={t('learning.exams.leaderboard')} />
              <Typography.Text type="secondary">{t('learning.exams.leaderboardPolicy')}</Typography.Text>
            </Flex>
          ),
        }] : []),
        ...(e.instructions ? [{ key: 'instructions', label: t('learning.exams.instructions'), span: 2, children: e.instructions }] : []),
      ]} />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('learning.exams.fixedQuestions')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={e.questions}
        pagination={false}
        locale={{ emptyText: t('learning.exams.noFixed') }}
        columns={[
          { key: 'pos', title: '#', width: 50, render: (_, q) => q.position + 1 },
          { key: 'stem', title: t('learning.questions.stem'), render: (_, q) => q.stem },
          { key: 'kind', title: t('learning.questions.kind'), width: 90, render: (_, q) => t(`learning.kind.${q.kind}`) },
          { key: 'answer', title: t('learning.questions.answer'), width: 160, render: (_, q) => q.answerText },
          { key: 'status', title: t('learning.questions.status'), width: 90, render: (_, q) => (q.status === 'approved' ? t(`learning.status.${q.status}`) : <Tag color="warning">{t(`learning.status.${q.status}`)}</Tag>) },
        ]}
      />
    </Flex>
  );
}

function ExamResultsTab({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [attemptId, setAttemptId] = useState<number | undefined>();
  const results = useExamResults(exam.id, page, pageSize);
  const s = results.data?.summary;
  const contest = exam.kind === 'contest';
  return (
    <QueryState query={results}>
      {s ? (
        <Typography.Paragraph>
          {t('learning.exams.resultsSummary', { attempts: s.attempts, submitted: s.submitted, passed: s.passed, average: s.averageScore === null ? '—' : s.averageScore.toFixed(1) })}
        </Typography.Paragraph>
      ) : null}
      <Table
        rowKey="attemptId"
        size="small"
        loading={results.isFetching}
        dataSource={results.data?.items ?? []}
        locale={{ emptyText: t('learning.exams.noResults') }}
        pagination={{ current: page, pageSize, total: results.data?.total ?? 0, onChange: (p, ps) => { setPage(p); setPageSize(ps); } }}
        columns={[
          ...(contest && exam.leaderboard ? [{ key: 'rank', title: t('learning.exams.rank'), width: 60, render: (_: unknown, r: { rank: number | null }) => orDash(r.rank) }] : []),
          { key: 'name', title: t('learning.exams.memberName'), render: (_, r) => r.memberName },
          { key: 'org', title: t('learning.exams.org'), render: (_, r) => r.orgName },
          { key: 'no', title: t('learning.exams.attemptNo'), width: 70, render: (_, r) => r.attemptNo },
          { key: 'submitted', title: t('learning.exams.submittedAt'), width: 170, render: (_, r) => (r.submittedAt ? `${formatDateTime(r.submittedAt)}${r.autoSubmitted ? t('learning.exams.auto') : ''}` : t('learning.exams.inProgress')) },
          { key: 'correct', title: t('learning.exams.correct'), width: 90, render: (_, r) => `${r.correct} / ${r.answered}` },
          { key: 'score', title: t('learning.exams.score'), width: 70, render: (_, r) => orDash(r.score) },
          ...(contest ? [] : [{ key: 'passed', title: t('learning.exams.passed'), width: 80, render: (_: unknown, r: { passed: boolean | null }) => (r.passed === null ? '—' : r.passed ? <Tag color="success">{t('learning.exams.pass')}</Tag> : <Tag>{t('learning.exams.fail')}</Tag>) }]),
          { key: 'view', title: t('common.actions'), width: 90, render: (_, r) => <Button size="small" type="link" onClick={() => setAttemptId(r.attemptId)}>{t('learning.exams.viewAnswers')}</Button> },
        ]}
      />
      <AttemptDrawer examId={exam.id} attemptId={attemptId} onClose={() => setAttemptId(undefined)} />
    </QueryState>
  );
}

function AttemptDrawer({ examId, attemptId, onClose }: { examId: number; attemptId: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const attempt = useExamAttempt(examId, attemptId);
  const a = attempt.data;
  const show = (v: unknown): string => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.map(show).join('；') : v === true ? t('learning.questions.true') : v === false ? t('learning.questions.false') : String(v));
  return (
    <Drawer open={attemptId !== undefined} onClose={onClose} size="large" title={a ? t('learning.exams.attemptTitle', { name: a.memberName, no: a.attemptNo }) : t('learning.exams.viewAnswers')}>
      <QueryState query={attempt}>
        {a ? (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {t('learning.exams.attemptLine', { started: formatDateTime(a.startedAt), submitted: formatDateTime(a.submittedAt), score: orDash(a.score) })}
            </Typography.Text>
            {a.items.map((item, i) => (
              <Card key={item.questionId} size="small" title={`${i + 1}. ${t(`learning.kind.${item.kind}`)}`} extra={item.correct === null ? null : item.correct ? <Tag color="success">{t('learning.exams.right')}</Tag> : <Tag color="error">{t('learning.exams.wrong')}</Tag>}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{item.stem}</Typography.Paragraph>
                {item.options.map((o) => <div key={o.key}><Typography.Text>{o.key}. {o.text}</Typography.Text></div>)}
                <Typography.Text>{t('learning.exams.theirAnswer')}：<Typography.Text strong>{show(item.answer)}</Typography.Text></Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('learning.questions.answer')}：{item.keyText} · {t('learning.exams.pointsEarned', { points: item.points })}</Typography.Text>
              </Card>
            ))}
          </Flex>
        ) : null}
      </QueryState>
    </Drawer>
  );
}

function ExamAnalysisTab({ examId }: { examId: number }) {
  const { t } = useTranslation();
  const analysis = useExamAnalysis(examId);
  return (
    <QueryState query={analysis}>
      <Typography.Paragraph>{t('learning.exams.analysisIntro', { submitted: analysis.data?.submitted ?? 0 })}</Typography.Paragraph>
      <Table
        rowKey="questionId"
        size="small"
        dataSource={analysis.data?.questions ?? []}
        pagination={false}
        locale={{ emptyText: t('learning.exams.noResults') }}
        columns={[
          { key: 'stem', title: t('learning.questions.stem'), render: (_, q) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{q.stem}</Typography.Paragraph> },
          { key: 'kind', title: t('learning.questions.kind'), width: 90, render: (_, q) => t(`learning.kind.${q.kind}`) },
          { key: 'answer', title: t('learning.questions.answer'), width: 120, render: (_, q) => q.answerText },
          { key: 'rate', title: t('learning.exams.correctRate'), width: 160, render: (_, q) => (q.correctRate === null ? '—' : <Progress percent={Math.round(q.correctRate * 100)} size="small" />) },
          { key: 'count', title: t('learning.exams.correct'), width: 90, render: (_, q) => `${q.correct} / ${q.answered}` },
          { key: 'dist', title: t('learning.exams.distribution'), render: (_, q) => q.distribution.map((d) => `${d.value}：${d.count}`).join('；') || '—' },
        ]}
      />
    </QueryState>
  );
}
