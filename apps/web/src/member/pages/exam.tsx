import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyAttempt, useSaveAnswers, useSubmitAttempt, type AnswerValue, type MyAttempt } from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { formatCountdown } from './learning-format';
import { isAnswered, QuestionInput, Verdict } from '../components/question';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go, useQueryParams, useScreenParam } from '../router';
import './meetings.css';
import './learning.css';

/** How long before the deadline the page hands in by itself (see Answering). */
const AUTO_SUBMIT_LEAD_MS = 2000;

/** One exam attempt: answer with a countdown from the server's deadline; submitted automatically at zero. */
export function ExamPage() {
  const { t } = useTranslation();
  const id = useScreenParam() ?? 0;
  const query = useQueryParams();
  const raw = Number(query.get('attempt'));
  const attemptId = Number.isInteger(raw) && raw > 0 ? raw : 0;
  const attempt = useMyAttempt(id, attemptId);
  const a = attempt.data;

  return (
    <Shell title={a?.title ?? t('mlearning.exams.title')}>
      {attemptId === 0 ? <p className="m-empty">{t('mlearning.exam.noAttempt')}</p> : null}
      {attempt.isLoading ? <Loading /> : null}
      {attempt.isError ? <Problem error={attempt.error} onRetry={() => void attempt.refetch()} /> : null}
      {a ? (a.submittedAt ? <Result attempt={a} /> : <Answering key={a.id} attempt={a} onRefetch={() => void attempt.refetch()} />) : null}
    </Shell>
  );
}

function Answering({ attempt: a, onRefetch }: { attempt: MyAttempt; onRefetch: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAnswers(a.examId, a.id);
  const submit = useSubmitAttempt(a.examId, a.id);
  const [values, setValues] = useState<Record<number, AnswerValue>>(() =>
    Object.fromEntries(a.questions.filter((q) => q.saved !== null).map((q) => [q.id, q.saved as AnswerValue])));
  const [confirming, setConfirming] = useState(false);
  const dirty = useRef(new Set<number>());
  // Count down from the server's remaining seconds, not from this phone's clock.
  const deadline = useRef(Date.now() + a.remainingSeconds * 1000);
  const [left, setLeft] = useState(a.remainingSeconds);
  const submitted = useRef(false);

  const answersOf = useCallback((only?: Set<number>) =>
    a.questions.filter((q) => isAnswered(q, values[q.id]) && (!only || only.has(q.id))).map((q) => ({ questionId: q.id, answer: values[q.id] as AnswerValue })), [a.questions, values]);

  const submitMutate = submit.mutate;
  const saveMutate = save.mutate;
  const doSubmit = useCallback((auto: boolean) => {
    if (submitted.current) return;
    submitted.current = true;
    submitMutate({ answers: answersOf(), auto }, {
      // A refused late submission usually means the server has closed the attempt: show what it holds.
      onError: () => { submitted.current = false; onRefetch(); },
    });
  }, [submitMutate, answersOf, onRefetch]);

  // When time is up the page hands in by itself, with every answer on screen. It does so a moment
  // before zero: the server refuses anything after its deadline, and this phone's countdown may
  // run up to a second behind it (whole seconds) plus the time the request takes.
  const autoTried = useRef(false);
  const [autoSubmitting, setAutoSubmitting] = useState(false);
  const latestSubmit = useRef(doSubmit);
  useEffect(() => { latestSubmit.current = doSubmit; }, [doSubmit]);
  // If the page's own hand-in fails (no network), the member can still press 交卷.
  const autoBusy = autoSubmitting && !submit.isError;
  useEffect(() => {
    const tick = () => {
      const ms = deadline.current - Date.now();
      setLeft(Math.max(0, Math.round(ms / 1000)));
      if (ms <= AUTO_SUBMIT_LEAD_MS && !autoTried.current) {
        autoTried.current = true;
        setAutoSubmitting(true);
        latestSubmit.current(true);
      }
    };
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, []);

  // Save what changed a moment after the member stops typing, so a lost connection loses little.
  useEffect(() => {
    if (dirty.current.size === 0) return;
    const timer = window.setTimeout(() => {
      const changed = answersOf(dirty.current);
      dirty.current = new Set();
      if (changed.length && !submitted.current) {
        saveMutate(changed, { onSuccess: (r) => { deadline.current = Date.now() + r.remainingSeconds * 1000; } });
      }
    }, 1200);
    return () => window.clearTimeout(timer);
  }, [values, answersOf, saveMutate]);

  const answered = a.questions.filter((q) => isAnswered(q, values[q.id])).length;
  return (
    <>
      <div className={`ml-timer${left <= 60 ? ' ml-timer-low' : ''}`} role="timer" aria-live={left <= 60 ? 'polite' : 'off'}>
        {t('mlearning.exam.left', { time: formatCountdown(left) })}
      </div>
      {autoBusy ? <p className="m-notice" role="status">{t('mlearning.exam.autoSubmitting')}</p> : null}
      <p className="ml-progress"><span>{t('mlearning.exam.answered', { n: answered, total: a.questions.length })}</span>
        <span>{save.isPending ? t('mlearning.exam.saving') : save.isError ? t('mlearning.exam.saveFailed') : save.isSuccess ? t('mlearning.exam.saved') : ''}</span></p>
      {a.questions.map((q, i) => (
        <section key={q.id} className="m-card">
          <QuestionInput q={q} number={i + 1} value={values[q.id]} disabled={submit.isPending || autoBusy}
            onChange={(v) => { dirty.current.add(q.id); setValues((all) => ({ ...all, [q.id]: v })); }} />
        </section>
      ))}
      {submit.isError ? <div className="m-error" role="alert"><p>{errorText(t, submit.error)}</p></div> : null}
      {confirming ? (
        <div className="m-card">
          <p style={{ margin: 0 }}>{answered < a.questions.length ? t('mlearning.exam.confirmUnanswered', { n: a.questions.length - answered }) : t('mlearning.exam.confirm')}</p>
          <div className="mm-actions">
            <button type="button" className="m-button m-button-secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            <button type="button" className="m-button" onClick={() => doSubmit(false)} disabled={submit.isPending || autoBusy}>{submit.isPending ? t('common.loading') : t('mlearning.exam.submit')}</button>
          </div>
        </div>
      ) : (
        <button type="button" className="m-button" style={{ width: '100%' }} onClick={() => setConfirming(true)} disabled={submit.isPending || autoBusy}>{t('mlearning.exam.submit')}</button>
      )}
    </>
  );
}

function Result({ attempt: a }: { attempt: MyAttempt }) {
  const { t } = useTranslation();
  const byId = new Map(a.review?.map((r) => [r.questionId, r]) ?? []);
  return (
    <>
      <Section title={t('mlearning.exam.result')}>
        <p className="ml-big">{a.score ?? 0}</p>
        <p className={a.passed ? 'mm-done' : 'm-problem-title'}>{t(a.passed ? 'mlearning.exam.passed' : 'mlearning.exam.failed', { pass: a.passMark })}</p>
        {a.autoSubmitted ? <p className="m-muted m-hint">{t('mlearning.exam.autoSubmitted')}</p> : null}
        {a.passed ? <p className="m-muted m-hint">{t('mlearning.quiz.pointsNote')}</p> : null}
        {a.review ? null : <p className="m-muted m-hint">{t('mlearning.exam.keysLater')}</p>}
        <button type="button" className="m-button m-button-secondary" style={{ width: '100%' }} onClick={() => go('exams')}>{t('mlearning.exam.back')}</button>
      </Section>
      {a.review ? a.questions.map((q, i) => {
        const r = byId.get(q.id);
        return (
          <section key={q.id} className="m-card">
            <QuestionInput q={q} number={i + 1} value={r?.answer ?? q.saved ?? undefined} onChange={() => undefined} disabled />
            {r ? <Verdict correct={r.correct} keyText={r.keyText} explanation={r.explanation} unanswered={!isAnswered(q, r.answer as AnswerValue)} /> : null}
          </section>
        );
      }) : null}
    </>
  );
}
