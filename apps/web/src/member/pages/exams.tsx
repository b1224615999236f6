import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyExams, useStartAttempt, type MyExam } from '../../api/my-learning';
import { errorText } from '../../shared/errors';
import { formatDateTime } from './learning-format';
import { Loading, Problem, Shell } from '../components/ui';
import { go } from '../router';
import './meetings.css';
import './learning.css';

/** 我的考试: exams and contests open to me, with my attempts; start or resume one. */
export function ExamsPage() {
  const { t } = useTranslation();
  const exams = useMyExams();
  const items = exams.data?.items ?? [];
  return (
    <Shell title={t('mlearning.exams.title')}>
      {exams.isLoading ? <Loading /> : null}
      {exams.isError ? <Problem error={exams.error} onRetry={() => void exams.refetch()} /> : null}
      {exams.data && items.length === 0 ? <p className="m-empty">{t('mlearning.exams.empty')}</p> : null}
      {items.length ? <ul className="mm-list">{items.map((e) => <li key={e.id}><ExamItem exam={e} /></li>)}</ul> : null}
    </Shell>
  );
}

function ExamItem({ exam: e }: { exam: MyExam }) {
  const { t, i18n } = useTranslation();
  const start = useStartAttempt();
  const [confirming, setConfirming] = useState(false);
  const left = e.attemptsAllowed - e.attemptsUsed;
  const last = e.lastAttempt;
  const contest = e.kind === 'contest';
  const canStart = !contest && e.state === 'open' && (e.openAttemptId !== null || left > 0);
  // Done: nothing more to take. The exam's window may still be open, but not for this member.
  const done = !contest && last !== null && e.openAttemptId === null && left <= 0;
  const open = () => {
    if (e.openAttemptId !== null) go('exam', { id: e.id, query: { attempt: String(e.openAttemptId) } });
    else start.mutate(e.id, { onSuccess: (a) => go('exam', { id: e.id, query: { attempt: String(a.id) } }) });
  };
  return (
    <div className="mm-item" style={{ cursor: 'default' }}>
      <span className="mm-item-title">{e.title}</span>
      <span className="mm-item-meta">{t(`mlearning.exams.kind.${e.kind}`)} · {e.orgName}</span>
      <span className="mm-item-meta">{formatDateTime(e.opensAt, i18n.language)} – {formatDateTime(e.closesAt, i18n.language)}</span>
      <span className="mm-item-meta">
        {contest ? t('mlearning.exams.contestRules', { n: e.questionCount }) : t('mlearning.exams.rules', { n: e.questionCount, pass: e.passMark })}
        {e.timeLimitMinutes !== null ? ` · ${t('mlearning.exams.limit', { n: e.timeLimitMinutes })}` : ''}
        {e.secondsPerQuestion !== null ? ` · ${t('mlearning.exams.perQuestion', { n: e.secondsPerQuestion })}` : ''}
      </span>
      {e.instructions ? <p className="mm-sub mm-pre">{e.instructions}</p> : null}
      <span className="mm-item-badges">
        {done ? <span className="mm-badge mm-badge-green">{t('mlearning.exams.done')}</span>
          : <span className={`mm-badge ${e.state === 'open' ? 'mm-badge-blue' : ''}`}>{t(`mlearning.exams.state.${e.state}`)}</span>}
        {contest ? null : <span className="mm-badge">{t('mlearning.exams.attempts', { used: e.attemptsUsed, allowed: e.attemptsAllowed })}</span>}
        {e.bestScore !== null && e.attemptsUsed > 1 ? <span className={`mm-badge ${e.passed ? 'mm-badge-green' : 'mm-badge-red'}`}>{t(e.passed ? 'mlearning.exams.bestPassed' : 'mlearning.exams.bestFailed', { score: e.bestScore })}</span> : null}
      </span>
      {last ? (
        <button type="button" className="mm-item" style={{ marginTop: 8, background: '#fafafa', boxShadow: 'inset 0 0 0 1px #f0f0f0' }}
          onClick={() => go('exam', { id: e.id, query: { attempt: String(last.id) } })}>
          <span className="mm-item-title">{t(last.passed ? 'mlearning.exams.lastPassed' : 'mlearning.exams.lastFailed', { score: last.score ?? 0 })}</span>
          <span className="mm-item-meta">
            {formatDateTime(last.submittedAt, i18n.language)}{last.autoSubmitted ? ` · ${t('mlearning.exams.autoSubmittedBadge')}` : ''}
          </span>
          <span className="mm-item-meta">{t('mlearning.exams.viewResult')} ›</span>
        </button>
      ) : null}
      {contest ? (
        <button type="button" className={`m-button${e.state === 'closed' ? ' m-button-secondary' : ''}`} style={{ width: '100%', marginTop: 12 }}
          onClick={() => go('contest', { id: e.id })}>
          {t(e.state === 'closed' ? 'mlearning.exams.contestResult' : 'mlearning.exams.enterContest')}
        </button>
      ) : null}
      {start.isError ? <div className="m-error" role="alert" style={{ marginTop: 8 }}><p>{errorText(t, start.error)}</p></div> : null}
      {canStart && confirming ? (
        <div style={{ marginTop: 12 }}>
          <p className="m-notice" style={{ margin: 0 }}>{t('mlearning.exams.startConfirm', { left })}</p>
          <div className="mm-actions">
            <button type="button" className="m-button m-button-secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            <button type="button" className="m-button" onClick={open} disabled={start.isPending}>{start.isPending ? t('common.loading') : t('mlearning.exams.start')}</button>
          </div>
        </div>
      ) : canStart ? (
        <button type="button" className="m-button" style={{ width: '100%', marginTop: 12 }}
          onClick={() => (e.openAttemptId !== null ? open() : setConfirming(true))} disabled={start.isPending}>
          {start.isPending ? t('common.loading') : t(e.openAttemptId !== null ? 'mlearning.exams.resume' : 'mlearning.exams.start')}
        </button>
      ) : null}
    </div>
  );
}
