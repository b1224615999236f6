import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, MEMBER_CATEGORY_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { isApiError } from '../../api/client';
import { useSubmitPeerReviews, type MyAppraisal, type MyPeer } from '../../api/appraisal';
import { errorText } from '../../shared/errors';
import { useLabel } from '../../shared/labels';
import { Section } from '../components/ui';

/** Four large grade buttons (a radio group); 优秀 can be switched off for probationary members. */
export function GradeButtons({ value, onChange, noExcellent, labelledBy, disabled }: {
  value: AppraisalGrade | null; onChange: (g: AppraisalGrade) => void; noExcellent?: boolean; labelledBy: string; disabled?: boolean;
}) {
  const label = useLabel();
  return (
    <div className="ma-grades" role="radiogroup" aria-labelledby={labelledBy}>
      {APPRAISAL_GRADES.map((g) => (
        <button key={g} type="button" role="radio" aria-checked={value === g} className="ma-grade" disabled={disabled || (noExcellent && g === 'excellent')} onClick={() => onChange(g)}>
          {label(APPRAISAL_GRADE_LABELS[g])}
        </button>
      ))}
    </div>
  );
}

/**
 * 党员互评, one peer at a time: a grade and an optional comment, submitted at once and stored
 * without my name. Tapping a name in the list picks that peer next.
 */
export function PeerReviews({ appraisal: a }: { appraisal: MyAppraisal }) {
  const { t } = useTranslation();
  const label = useLabel();
  const submit = useSubmitPeerReviews(a.id);
  const [pickedId, setPickedId] = useState<number | null>(null);
  const [grade, setGrade] = useState<AppraisalGrade | null>(null);
  const [comment, setComment] = useState('');
  const waiting = a.peers.filter((p) => !p.reviewed);
  const current: MyPeer | undefined = waiting.find((p) => p.memberId === pickedId) ?? waiting[0];
  const total = a.peers.length;
  const issue = isApiError(submit.error) ? submit.error.details?.issues?.[0]?.message : undefined;

  const handlePick = (peer: MyPeer) => {
    setPickedId(peer.memberId);
    setGrade(null);
    setComment('');
    submit.reset();
  };
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!current || !grade) return;
    submit.mutate({ reviews: [{ memberId: current.memberId, grade, comment: comment.trim() || null }] }, {
      onSuccess: () => {
        setPickedId(null);
        setGrade(null);
        setComment('');
      },
    });
  };

  return (
    <Section title={t('mappraisal.peer.title', { n: a.reviewed, total })}>
      <div className="ma-bar" aria-hidden="true"><span style={{ width: `${total ? Math.round((a.reviewed / total) * 100) : 0}%` }} /></div>
      <p className="ma-note">{t('mappraisal.peer.anonymous')}</p>
      {a.abilities.review && current ? (
        <form className="m-form" onSubmit={handleSubmit} noValidate>
          <p className="ma-peer-name" id="ma-peer-grade">
            {t('mappraisal.peer.rate', { name: current.name })}
            {current.category === 'probationary' ? <span className="ma-badge"> {label(MEMBER_CATEGORY_LABELS.probationary)}</span> : null}
          </p>
          <GradeButtons value={grade} onChange={setGrade} noExcellent={current.category === 'probationary'} labelledBy="ma-peer-grade" />
          {current.category === 'probationary' ? <p className="m-hint m-muted">{t('mappraisal.peer.probationaryHint')}</p> : null}
          <label className="m-label" htmlFor="ma-peer-comment">{t('mappraisal.peer.comment')}</label>
          <textarea id="ma-peer-comment" className="ma-textarea ma-textarea-short" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('mappraisal.peer.commentPlaceholder')} />
          {submit.isError ? <div className="m-error" role="alert"><p>{issue ?? errorText(t, submit.error)}</p></div> : null}
          <button type="submit" className="m-button" disabled={!grade || submit.isPending}>
            {submit.isPending ? t('mappraisal.saving') : waiting.length > 1 ? t('mappraisal.peer.submitNext') : t('mappraisal.peer.submitLast')}
          </button>
          <p className="m-hint m-muted">{t('mappraisal.peer.final')}</p>
        </form>
      ) : (
        <p className={a.toReview === 0 ? 'ma-done' : 'm-muted'}>{a.toReview === 0 ? t('mappraisal.peer.allDone') : t('mappraisal.peer.closed', { n: a.reviewed })}</p>
      )}
      <ul className="ma-peers" aria-label={t('mappraisal.peer.list')}>
        {a.peers.map((p) => (
          <li key={p.memberId}>
            <button type="button" className={`ma-peer${current?.memberId === p.memberId && a.abilities.review ? ' ma-peer-current' : ''}`} disabled={p.reviewed || !a.abilities.review} onClick={() => handlePick(p)}>
              <span>{p.name}</span>
              <span className={p.reviewed ? 'ma-ok' : 'ma-sub'}>{p.reviewed ? t('mappraisal.peer.reviewed') : t('mappraisal.peer.notReviewed')}</span>
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
