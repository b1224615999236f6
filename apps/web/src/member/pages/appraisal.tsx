import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, APPRAISAL_STAGE_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { isApiError } from '../../api/client';
import { useAppealAppraisal, useMyAppraisal, useSaveSelfReview, type MyAppraisal } from '../../api/appraisal';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useLabel } from '../../shared/labels';
import { Fields, Loading, Problem, Section, Shell } from '../components/ui';
import { useScreenParam } from '../router';
import { GradeButtons, PeerReviews } from './appraisal-peer';
import './appraisal.css';

/** One appraisal on the phone: study materials, my 党性分析, peer reviews one by one, my result and appeal. */
export function AppraisalPage() {
  const { t } = useTranslation();
  const id = useScreenParam() ?? 0;
  const appraisal = useMyAppraisal(id);
  return (
    <Shell title={appraisal.data?.title ?? t('mappraisal.detail.title')}>
      {appraisal.isLoading ? <Loading /> : null}
      {appraisal.isError ? <Problem error={appraisal.error} onRetry={isApiError(appraisal.error) && appraisal.error.statusCode === 404 ? undefined : () => void appraisal.refetch()} /> : null}
      {appraisal.data ? <AppraisalView appraisal={appraisal.data} /> : null}
    </Shell>
  );
}

function AppraisalView({ appraisal: a }: { appraisal: MyAppraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <>
      <Section title={t('mappraisal.detail.summary')}>
        <Fields rows={[
          { key: 'org', label: t('mappraisal.detail.org'), value: a.orgName },
          { key: 'stage', label: t('mappraisal.detail.stage'), value: label(APPRAISAL_STAGE_LABELS[a.stage]) },
          { key: 'due', label: t('mappraisal.detail.due'), value: a.reviewDueOn },
          { key: 'progress', label: t('mappraisal.detail.progress'), value: a.finished ? t('mappraisal.detail.finished') : t('mappraisal.detail.left', { self: a.selfSubmitted ? t('mappraisal.list.selfDone') : t('mappraisal.list.selfTodo'), n: a.toReview }) },
        ]} />
      </Section>
      {a.result ? <ResultSection appraisal={a} /> : null}
      {a.studyMaterials ? (
        <Section title={t('mappraisal.detail.study')}>
          <p className="ma-pre">{a.studyMaterials}</p>
        </Section>
      ) : null}
      <SelfReview appraisal={a} />
      <PeerReviews appraisal={a} />
    </>
  );
}

/** 党性分析 and my self grade: editable while the review stage lasts. */
function SelfReview({ appraisal: a }: { appraisal: MyAppraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const save = useSaveSelfReview(a.id);
  const [text, setText] = useState(a.self.selfAnalysis ?? '');
  const [grade, setGrade] = useState<AppraisalGrade | null>(a.self.selfGrade);
  const [saved, setSaved] = useState(false);
  const issues = isApiError(save.error) ? save.error.details?.issues ?? [] : [];
  const textError = issues.find((i) => i.path.endsWith('selfAnalysis'))?.message;
  const gradeError = issues.find((i) => i.path.endsWith('selfGrade'))?.message;
  const probationary = a.myCategory === 'probationary';

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!grade) return;
    setSaved(false);
    save.mutate({ selfAnalysis: text.trim(), selfGrade: grade }, { onSuccess: () => setSaved(true) });
  };

  if (!a.abilities.editSelf) {
    return (
      <Section title={t('mappraisal.self.title')}>
        {a.self.submittedAt ? (
          <>
            <p className="ma-pre">{a.self.selfAnalysis}</p>
            <p className="ma-sub">{t('mappraisal.self.gradeIs', { grade: a.self.selfGrade ? label(APPRAISAL_GRADE_LABELS[a.self.selfGrade]) : '—', at: formatDateTime(a.self.submittedAt) })}</p>
          </>
        ) : <p className="m-muted">{t('mappraisal.self.notSubmitted')}</p>}
      </Section>
    );
  }
  return (
    <Section title={t('mappraisal.self.title')}>
      <form className="m-form" onSubmit={handleSubmit} noValidate>
        <label className="m-label" htmlFor="ma-self-text">{t('mappraisal.self.analysis')}</label>
        <textarea id="ma-self-text" className={`ma-textarea${textError ? ' m-input-error' : ''}`} maxLength={5000} value={text}
          onChange={(e) => setText(e.target.value)} placeholder={t('mappraisal.self.placeholder')}
          aria-invalid={textError ? true : undefined} aria-describedby="ma-self-count" />
        <p id="ma-self-count" className="m-hint m-muted">{t('mappraisal.self.count', { n: text.trim().length })}</p>
        {textError ? <p className="m-field-error">{textError}</p> : null}
        <p className="m-label" id="ma-self-grade">{t('mappraisal.self.grade')}</p>
        <GradeButtons value={grade} onChange={setGrade} noExcellent={probationary} labelledBy="ma-self-grade" />
        {probationary ? <p className="m-hint m-muted">{t('mappraisal.self.probationaryHint')}</p> : null}
        {gradeError ? <p className="m-field-error">{gradeError}</p> : null}
        {save.isError && !textError && !gradeError ? <div className="m-error" role="alert"><p>{errorText(t, save.error)}</p></div> : null}
        {saved ? <p className="ma-done" role="status">{t('mappraisal.self.saved')}</p> : null}
        <button type="submit" className="m-button" disabled={!grade || text.trim().length === 0 || save.isPending}>
          {save.isPending ? t('mappraisal.saving') : a.self.submittedAt ? t('mappraisal.self.update') : t('mappraisal.self.submit')}
        </button>
        <p className="m-hint m-muted">{t('mappraisal.self.editable', { date: a.reviewDueOn })}</p>
      </form>
    </Section>
  );
}

/** The published result: my grade, the branch's counts per grade (no names), and my appeal. */
function ResultSection({ appraisal: a }: { appraisal: MyAppraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const appeal = useAppealAppraisal(a.id);
  const [writing, setWriting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonError = isApiError(appeal.error) ? appeal.error.details?.issues?.find((i) => i.path.endsWith('reason'))?.message : undefined;
  const result = a.result!;

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    appeal.mutate(reason.trim(), { onSuccess: () => setWriting(false) });
  };

  return (
    <Section title={t('mappraisal.result.title')}>
      <p className="ma-grade-big">{a.myGrade ? label(APPRAISAL_GRADE_LABELS[a.myGrade]) : '—'}</p>
      <p className="ma-sub ma-center">{t('mappraisal.result.mine')}</p>
      <p className="m-label">{t('mappraisal.result.counts', { n: result.participantCount })}</p>
      <ul className="ma-counts">
        {APPRAISAL_GRADES.map((g) => <li key={g}><span>{label(APPRAISAL_GRADE_LABELS[g])}</span><strong>{t('mappraisal.result.people', { n: result.counts[g] })}</strong></li>)}
      </ul>
      {a.appeal ? (
        <div className="ma-appeal">
          <p><strong>{t(`mappraisal.appeal.status.${a.appeal.status}`)}</strong></p>
          <p className="ma-sub">{t('mappraisal.appeal.reason', { reason: a.appeal.reason })}</p>
          {a.appeal.decision ? <p>{t('mappraisal.appeal.decision', { decision: a.appeal.decision })}</p> : null}
        </div>
      ) : a.abilities.appeal ? (
        writing ? (
          <form className="m-form" onSubmit={handleSubmit} noValidate>
            <label className="m-label" htmlFor="ma-appeal">{t('mappraisal.appeal.label')}</label>
            <textarea id="ma-appeal" className={`ma-textarea ma-textarea-short${reasonError ? ' m-input-error' : ''}`} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('mappraisal.appeal.placeholder')} />
            {reasonError ? <p className="m-field-error">{reasonError}</p> : null}
            {appeal.isError && !reasonError ? <div className="m-error" role="alert"><p>{errorText(t, appeal.error)}</p></div> : null}
            <p className="m-hint m-muted">{t('mappraisal.appeal.once')}</p>
            <div className="ma-actions">
              <button type="button" className="m-button m-button-secondary" onClick={() => setWriting(false)}>{t('common.cancel')}</button>
              <button type="submit" className="m-button" disabled={reason.trim().length < 2 || appeal.isPending}>{t('mappraisal.appeal.submit')}</button>
            </div>
          </form>
        ) : (
          <>
            <p className="m-hint m-muted">{t('mappraisal.appeal.until', { date: a.appealUntil })}</p>
            <button type="button" className="m-button m-button-secondary ma-wide" onClick={() => setWriting(true)}>{t('mappraisal.appeal.start')}</button>
          </>
        )
      ) : a.stage === 'published' ? <p className="m-hint m-muted">{t('mappraisal.appeal.over', { date: a.appealUntil })}</p> : null}
    </Section>
  );
}
