import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAPTER_KIND_LABELS, keyText } from '@hongyun/shared';
import {
  chapterMediaUrl, useAnswerChapterQuiz, useMyChapter, useMyCourse,
  type AnswerValue, type ChapterQuizResult, type MyChapter,
} from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { useLabel } from '../../shared/labels';
import { isAnswered, QuestionInput, Verdict } from '../components/question';
import { Loading, Problem, Section, Shell } from '../components/ui';
import { go, useQueryParams, useScreenParam } from '../router';
import './meetings.css';
import './learning.css';

/** A course: its chapters with my progress; '?chapter=' opens one chapter to study. */
export function CoursePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const id = useScreenParam() ?? 0;
  const chapterRaw = Number(useQueryParams().get('chapter'));
  const chapterId = Number.isInteger(chapterRaw) && chapterRaw > 0 ? chapterRaw : null;
  const course = useMyCourse(id);
  const c = course.data;

  if (chapterId !== null) return <ChapterScreen id={id} chapterId={chapterId} courseTitle={c?.title} />;

  return (
    <Shell title={c?.title ?? t('mlearning.courses.title')}>
      {course.isLoading ? <Loading /> : null}
      {course.isError ? <Problem error={course.error} onRetry={() => void course.refetch()} /> : null}
      {c ? (
        <>
          <Section title={c.title}>
            {c.summary ? <p className="mm-pre">{c.summary}</p> : null}
            <p className="m-muted m-hint">{[c.category, c.lecturer, t('mlearning.courses.hours', { n: c.studyHours })].filter(Boolean).join(' · ')}</p>
            <div className="ml-bar" aria-hidden="true"><span style={{ width: `${c.chapterCount ? (c.completedChapters / c.chapterCount) * 100 : 0}%` }} /></div>
            <p className={c.completedAt ? 'mm-done' : 'm-muted m-hint'}>
              {c.completedAt ? t('mlearning.course.done') : t('mlearning.courses.progress', { done: c.completedChapters, total: c.chapterCount })}
            </p>
          </Section>
          {c.chapters.length === 0 ? <p className="m-empty">{t('mlearning.course.noChapters')}</p> : (
            <ul className="mm-list">
              {c.chapters.map((ch) => (
                <li key={ch.id}>
                  <button type="button" className="mm-item" onClick={() => go('course', { id, query: { chapter: String(ch.id) } })}>
                    <span className="mm-item-title">{ch.position}. {ch.title}</span>
                    <span className="mm-item-meta">{label(CHAPTER_KIND_LABELS[ch.kind])}{ch.hasQuiz ? ` · ${t('mlearning.course.hasQuiz')}` : ''}</span>
                    <span className="mm-item-badges">
                      {ch.progress.completed ? <span className="mm-badge mm-badge-green">{t('mlearning.course.chapterDone')}</span>
                        : ch.progress.delivered ? <span className="mm-badge mm-badge-gold">{t('mlearning.course.quizLeft')}</span>
                          : <span className="mm-badge">{t('mlearning.course.notStarted')}</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Shell>
  );
}

function ChapterScreen({ id, chapterId, courseTitle }: { id: number; chapterId: number; courseTitle?: string }) {
  const { t } = useTranslation();
  const chapter = useMyChapter(id, chapterId);
  const ch = chapter.data;
  return (
    <Shell title={ch?.title ?? courseTitle ?? t('mlearning.courses.title')}>
      {chapter.isLoading ? <Loading /> : null}
      {chapter.isError ? <Problem error={chapter.error} onRetry={() => void chapter.refetch()} /> : null}
      {ch ? (
        <>
          <section className="m-card">
            <h2 className="m-card-title">{ch.position}. {ch.title}</h2>
            <ChapterContent id={id} chapter={ch} />
          </section>
          {ch.quiz ? <ChapterQuiz id={id} chapter={ch} /> : null}
          {ch.courseCompleted ? <div className="m-notice" role="status">{t('mlearning.course.done')}</div> : null}
          <button type="button" className="m-button m-button-secondary" style={{ width: '100%' }} onClick={() => go('course', { id, replace: true })}>
            {t('mlearning.course.backToChapters')}
          </button>
        </>
      ) : null}
    </Shell>
  );
}

function ChapterContent({ id, chapter: ch }: { id: number; chapter: MyChapter }) {
  const { t } = useTranslation();
  const url = chapterMediaUrl(id, ch.id);
  if (ch.kind === 'text') {
    // The server sanitised this HTML when the course was saved; it is the only raw HTML on these screens.
    return ch.body ? <div className="ml-body" dangerouslySetInnerHTML={{ __html: ch.body }} /> : <p className="m-muted">{t('mlearning.course.noContent')}</p>;
  }
  if (!ch.file) return <p className="m-muted">{t('mlearning.course.noFile')}</p>;
  if (ch.kind === 'video') return <video className="ml-media" src={url} controls playsInline preload="metadata" />;
  if (ch.kind === 'audio') return <audio style={{ width: '100%' }} src={url} controls preload="metadata" />;
  return (
    <>
      <p className="m-muted">{t('mlearning.course.pdfHint', { size: Math.max(1, Math.round(ch.file.sizeBytes / 1024)) })}</p>
      <a className="m-button" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', textDecoration: 'none' }} href={url} target="_blank" rel="noopener">
        {t('mlearning.course.openPdf')}
      </a>
    </>
  );
}

function ChapterQuiz({ id, chapter: ch }: { id: number; chapter: MyChapter }) {
  const { t } = useTranslation();
  const quiz = ch.quiz;
  const answer = useAnswerChapterQuiz(id, ch.id);
  const [values, setValues] = useState<Record<number, AnswerValue>>({});
  const [result, setResult] = useState<ChapterQuizResult | null>(null);
  if (!quiz) return null;
  // The server gives each fill-in question's number of blanks (never its accepted texts).
  const questions = quiz.questions;
  const ready = questions.every((q) => isAnswered(q, values[q.id]));
  const byId = new Map(result?.results.map((r) => [r.questionId, r]) ?? []);

  return (
    <Section title={t('mlearning.course.quiz')}>
      <p className="m-muted m-hint" style={{ marginBottom: 12 }}>
        {ch.progress.quizPassed ? t('mlearning.course.quizPassedBefore') : t('mlearning.course.quizHint', { n: quiz.passCount, total: quiz.questions.length })}
      </p>
      {questions.map((q, i) => {
        const r = byId.get(q.id);
        return (
          <div key={q.id} style={{ marginBottom: 16 }}>
            <QuestionInput q={q} number={i + 1} value={values[q.id]} onChange={(v) => setValues((all) => ({ ...all, [q.id]: v }))} disabled={result !== null || answer.isPending} />
            {r ? <Verdict correct={r.correct} keyText={keyText(q.kind, r.answer)} explanation={r.explanation} /> : null}
          </div>
        );
      })}
      {answer.isError ? <div className="m-error" role="alert"><p>{errorText(t, answer.error)}</p></div> : null}
      {result ? (
        <>
          <p className={result.passed ? 'mm-done' : 'm-problem-title'}>
            {t(result.passed ? 'mlearning.course.quizPassed' : 'mlearning.course.quizFailed', { correct: result.correct, total: result.total, n: result.passCount })}
          </p>
          {result.passed ? null : (
            <button type="button" className="m-button" style={{ width: '100%' }} onClick={() => { setResult(null); setValues({}); answer.reset(); }}>
              {t('mlearning.course.quizRetry')}
            </button>
          )}
        </>
      ) : (
        <button type="button" className="m-button" style={{ width: '100%' }} disabled={!ready || answer.isPending}
          onClick={() => answer.mutate(questions.map((q) => ({ questionId: q.id, answer: values[q.id] as AnswerValue })), { onSuccess: setResult })}>
          {answer.isPending ? t('common.loading') : t('mlearning.course.quizSubmit')}
        </button>
      )}
    </Section>
  );
}
