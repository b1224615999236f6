import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerContest, useContestNow, useContestResults, type AnswerValue, type ContestNow } from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { formatCountdown, formatDateTime } from './learning-format';
import { isAnswered, QuestionInput, Verdict } from '../components/question';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go, useScreenParam } from '../router';

/** Whole seconds left on a countdown that started from the server's figure when it was read. */
function useCountdown(seconds: number | null, readAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, []);
  if (seconds === null) return 0;
  return Math.max(0, Math.ceil(seconds - (now - readAt) / 1000));
}

/** The contest screen (/m/contests/:id), opened from 我的考试. */
export function ContestPage() {
  const { t } = useTranslation();
  return <Shell title={t('mlearning.exams.kind.contest')}><ContestView id={useScreenParam() ?? 0} /></Shell>;
}

/**
 * 知识竞赛: everyone answers the same question at the same time; the server opens each one for
 * its seconds and takes one answer. Before the start a countdown, after the end the result.
 */
export function ContestView({ id }: { id: number }) {
  const { t } = useTranslation();
  const now = useContestNow(id);
  const c = now.data;
  if (now.isLoading) return <Loading />;
  if (now.isError) return <Problem error={now.error} onRetry={() => void now.refetch()} />;
  if (!c) return null;
  return (
    <>
      <Section title={c.title}>
        <p className="m-muted m-hint">{t('mlearning.contest.rules', { n: c.questionCount, s: c.secondsPerQuestion })}</p>
      </Section>
      {c.state === 'upcoming' ? <Upcoming contest={c} readAt={now.dataUpdatedAt} /> : null}
      {c.state === 'open' ? <Open key={c.current?.position ?? -1} contest={c} readAt={now.dataUpdatedAt} /> : null}
      {c.state === 'ended' ? <Results id={id} /> : null}
    </>
  );
}

function Upcoming({ contest: c, readAt }: { contest: ContestNow; readAt: number }) {
  const { t, i18n } = useTranslation();
  const left = useCountdown(c.startsInSeconds, readAt);
  return (
    <section className="m-card">
      <p style={{ margin: 0 }}>{t('mlearning.contest.startsAt', { at: formatDateTime(c.opensAt, i18n.language) })}</p>
      {/* A countdown only on the day: days ahead, the start time says more. */}
      {left < 86_400 ? <div className="ml-timer" role="timer">{t('mlearning.contest.startsIn', { time: formatCountdown(left) })}</div> : null}
    </section>
  );
}

function Open({ contest: c, readAt }: { contest: ContestNow; readAt: number }) {
  const { t } = useTranslation();
  const answer = useAnswerContest(c.contestId);
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  const sent = useRef(false);
  const q = c.current;
  const left = useCountdown(q?.remainingSeconds ?? null, readAt);
  if (!q) return <p className="m-empty">{t('mlearning.contest.between')}</p>;
  const done = q.answered || answer.isSuccess;
  const send = () => {
    if (value === undefined || sent.current) return;
    sent.current = true;
    answer.mutate({ position: q.position, answer: value }, { onError: () => { sent.current = false; } });
  };
  return (
    <>
      <div className={`ml-timer${left <= 5 ? ' ml-timer-low' : ''}`} role="timer">{t('mlearning.contest.left', { n: q.position + 1, total: c.questionCount, time: formatCountdown(left) })}</div>
      <section className="m-card">
        <QuestionInput q={q} number={q.position + 1} value={value} onChange={setValue} disabled={done || left === 0 || answer.isPending} />
        {answer.isError ? <div className="m-error" role="alert" style={{ marginTop: 12 }}><p>{errorText(t, answer.error)}</p></div> : null}
        {done ? <p className="mm-done" role="status">{t('mlearning.contest.answered')}</p> : (
          <button type="button" className="m-button" style={{ width: '100%' }} onClick={send} disabled={!isAnswered(q, value) || left === 0 || answer.isPending}>
            {answer.isPending ? t('common.loading') : t('mlearning.quiz.submit')}
          </button>
        )}
      </section>
    </>
  );
}

function Results({ id }: { id: number }) {
  const { t } = useTranslation();
  const results = useContestResults(id, true);
  const r = results.data;
  if (results.isLoading) return <Loading />;
  if (results.isError) return <Problem error={results.error} onRetry={() => void results.refetch()} />;
  if (!r) return null;
  return (
    <>
      <Section title={t('mlearning.contest.result')}>
        {r.mine ? (
          <>
            <p className="ml-big">{r.mine.score}</p>
            <p>{t('mlearning.contest.mine', { correct: r.mine.correct, seconds: Math.round(r.mine.timeMs / 1000) })}</p>
            {r.mine.rank !== null ? <p className="m-muted m-hint">{t('mlearning.contest.rank', { rank: r.mine.rank, n: r.participants ?? 0 })}</p> : null}
          </>
        ) : <p className="m-muted">{t('mlearning.contest.notTaken')}</p>}
        <button type="button" className="m-button m-button-secondary" style={{ width: '100%' }} onClick={() => go('exams')}>{t('mlearning.exam.back')}</button>
      </Section>
      {r.leaderboard ? (
        <Section title={t('mlearning.contest.leaderboard')}>
          {r.leaderboard.map((row) => (
            <div key={row.rank} className="ml-row"><span>{row.rank}. {row.initials} · {row.orgName}</span><span>{row.score}</span></div>
          ))}
        </Section>
      ) : null}
      {r.review?.map((x) => (
        <section key={x.position} className="m-card">
          <p className="ml-stem" style={{ margin: 0 }}>{t('mlearning.contest.questionN', { n: x.position + 1 })} {x.stem}</p>
          <Verdict correct={x.correct} keyText={x.keyText} explanation={x.explanation} unanswered={x.answer === null} />
        </section>
      )) ?? null}
    </>
  );
}
