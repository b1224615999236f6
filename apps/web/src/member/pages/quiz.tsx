import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAnswerQuiz, useCurrentQuiz, useQuizCategories, useQuizHistory, useStartQuiz,
  type AnswerValue, type QuizSession, type QuizVerdict,
} from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { formatDateTime } from './learning-format';
import { isAnswered, QuestionInput, Verdict } from '../components/question';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go, useQueryParams } from '../router';
import './meetings.css';
import './learning.css';

/** A quiz on screen: a new one, or today's unfinished one picked up with the questions already answered. */
type Running = { session: QuizSession; answeredIds: number[] };

/**
 * 一键答题: pick categories, answer one question at a time with instant feedback, then a summary.
 * A member who left mid-quiz (a call, another app) comes back to today's unfinished quiz where
 * they stopped, and may still start a new set instead.
 */
export function QuizPage() {
  const { t } = useTranslation();
  const history = useQueryParams().get('view') === 'history';
  const current = useCurrentQuiz();
  const [running, setRunning] = useState<Running | null>(null);
  // Offered once per visit: after finishing or leaving a quiz the member chooses afresh.
  const [offered, setOffered] = useState(false);
  const unfinished = current.data?.session ?? null;
  useEffect(() => {
    if (offered || history || !current.isFetched) return;
    setOffered(true);
    if (unfinished) setRunning({ session: unfinished, answeredIds: unfinished.answers.map((a) => a.questionId) });
  }, [offered, history, current.isFetched, unfinished]);
  const session = running?.session ?? null;
  const startNew = () => setRunning(null);

  return (
    <Shell title={t('mlearning.quiz.title')}>
      {session ? null : (
        <div className="mm-tabs" role="tablist" aria-label={t('mlearning.quiz.title')}>
          {([false, true] as const).map((h) => (
            <button key={String(h)} type="button" role="tab" className="mm-tab" aria-selected={history === h}
              onClick={() => go('quiz', { replace: true, query: h ? { view: 'history' } : undefined })}>
              {t(h ? 'mlearning.quiz.history' : 'mlearning.quiz.start')}
            </button>
          ))}
        </div>
      )}
      {running ? <Run key={running.session.id} session={running.session} answeredIds={running.answeredIds} onAgain={startNew} />
        : history ? <History />
          : !offered && current.isLoading ? <Loading />
            : <Choose onStarted={(s) => setRunning({ session: s, answeredIds: [] })} />}
    </Shell>
  );
}

function Choose({ onStarted }: { onStarted: (s: QuizSession) => void }) {
  const { t } = useTranslation();
  const categories = useQuizCategories();
  const start = useStartQuiz();
  const [chosen, setChosen] = useState<string[]>([]);
  const items = categories.data?.items ?? [];

  if (categories.isLoading) return <Loading />;
  if (categories.isError) return <Problem error={categories.error} onRetry={() => void categories.refetch()} />;
  if (items.length === 0) return <p className="m-empty">{t('mlearning.quiz.noQuestions')}</p>;
  const toggle = (c: string) => setChosen((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]));

  return (
    <Section title={t('mlearning.quiz.categories')}>
      <p className="m-muted m-hint" style={{ marginBottom: 12 }}>{t('mlearning.quiz.categoriesHint')}</p>
      <div className="ml-chips">
        {items.map((c) => (
          <button key={c.category} type="button" className="ml-chip" aria-pressed={chosen.includes(c.category)} onClick={() => toggle(c.category)}>
            {c.category}（{c.count}）
          </button>
        ))}
      </div>
      {start.isError ? <div className="m-error" role="alert" style={{ marginTop: 12 }}><p>{errorText(t, start.error)}</p></div> : null}
      <button type="button" className="m-button" style={{ width: '100%' }} disabled={start.isPending}
        onClick={() => start.mutate(chosen, { onSuccess: onStarted })}>
        {start.isPending ? t('common.loading') : t('mlearning.quiz.go')}
      </button>
    </Section>
  );
}

function Run({ session, answeredIds, onAgain }: { session: QuizSession; answeredIds: number[]; onAgain: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerQuiz(session.id);
  // A resumed quiz goes on from its first unanswered question.
  const [index, setIndex] = useState(() => Math.max(0, session.questions.findIndex((q) => !answeredIds.includes(q.id))));
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  const [verdict, setVerdict] = useState<QuizVerdict | null>(null);
  const [result, setResult] = useState<QuizVerdict['result']>(null);
  const total = session.questions.length;
  const q = session.questions[index];

  if (result) {
    return (
      <Section title={t('mlearning.quiz.summary')}>
        <p className="ml-big">{result.correct} / {result.total}</p>
        <p className={result.passed ? 'mm-done' : 'm-problem-title'}>{t(result.passed ? 'mlearning.quiz.passed' : 'mlearning.quiz.notPassed', { share: Math.round(session.passShare * 100) })}</p>
        <p className="m-muted">{t(result.passed ? 'mlearning.quiz.pointsNote' : 'mlearning.quiz.tryAgainNote')}</p>
        <div className="mm-actions">
          <button type="button" className="m-button" onClick={onAgain}>{t('mlearning.quiz.again')}</button>
          <button type="button" className="m-button m-button-secondary" onClick={() => go('points')}>{t('mlearning.quiz.toPoints')}</button>
        </div>
        <button type="button" className="ml-link" style={{ marginTop: 12 }} onClick={() => { onAgain(); go('quiz', { replace: true, query: { view: 'history' } }); }}>
          {t('mlearning.quiz.history')} ›
        </button>
      </Section>
    );
  }
  if (!q) return <p className="m-empty">{t('mlearning.quiz.noQuestions')}</p>;

  const submit = () => {
    if (value === undefined) return;
    answer.mutate({ questionId: q.id, answer: value }, { onSuccess: setVerdict });
  };
  const next = () => {
    if (verdict?.finished) { setResult(verdict.result); return; }
    setIndex((i) => i + 1);
    setValue(undefined);
    setVerdict(null);
    answer.reset();
  };

  return (
    <>
      {answeredIds.length > 0 ? (
        <div className="m-notice" role="status">
          <p style={{ margin: 0 }}>{t('mlearning.quiz.resumed', { answered: answeredIds.length, total })}</p>
          <button type="button" className="ml-link" onClick={onAgain}>{t('mlearning.quiz.startOver')} ›</button>
        </div>
      ) : null}
      <div className="ml-progress"><span>{t('mlearning.quiz.progress', { n: index + 1, total })}</span><span>{q.category}</span></div>
      <div className="ml-bar" aria-hidden="true"><span style={{ width: `${((index + (verdict ? 1 : 0)) / total) * 100}%` }} /></div>
      <section className="m-card">
        <QuestionInput q={q} value={value} onChange={setValue} disabled={verdict !== null || answer.isPending} />
        {verdict ? <Verdict correct={verdict.correct} keyText={verdict.keyText} explanation={verdict.explanation} /> : null}
        {answer.isError ? <div className="m-error" role="alert" style={{ marginTop: 12 }}><p>{errorText(t, answer.error)}</p></div> : null}
        {verdict ? (
          <button type="button" className="m-button" style={{ width: '100%' }} onClick={next}>
            {t(verdict.finished ? 'mlearning.quiz.seeResult' : 'mlearning.quiz.next')}
          </button>
        ) : (
          <button type="button" className="m-button" style={{ width: '100%' }} onClick={submit} disabled={!isAnswered(q, value) || answer.isPending}>
            {answer.isPending ? t('common.loading') : t('mlearning.quiz.submit')}
          </button>
        )}
      </section>
    </>
  );
}

function History() {
  const { t, i18n } = useTranslation();
  const list = useQuizHistory();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isLoading) return <Loading />;
  if (list.isError) return <Problem error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) return <p className="m-empty">{t('mlearning.quiz.historyEmpty')}</p>;
  return (
    <>
      <ul className="mm-list">
        {items.map((s) => (
          <li key={s.id} className="mm-item">
            <span className="mm-item-title">{s.correct ?? 0} / {s.total}</span>
            <span className="mm-item-meta">{formatDateTime(s.startedAt, i18n.language)}{s.categories.length ? ` · ${s.categories.join('、')}` : ''}</span>
            <span className="mm-item-badges">
              {s.finishedAt === null
                ? <span className="mm-badge">{t('mlearning.quiz.unfinished', { answered: s.answered, total: s.total })}</span>
                : s.passed ? <span className="mm-badge mm-badge-green">{t('mlearning.quiz.passedBadge')}</span>
                  : <span className="mm-badge mm-badge-red">{t('mlearning.quiz.notPassedBadge')}</span>}
            </span>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button type="button" className="m-button m-button-secondary mm-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? t('common.loading') : t('mlearning.more')}
        </button>
      ) : null}
    </>
  );
}
