import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_LABELS, type Attendance } from '@hongyun/shared';
import { downloadFile, isApiError } from '../../api/client';
import { useSaveMyMinutes, type MyMeeting } from '../../api/my-meetings';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useLabel } from '../../shared/labels';
import { Section } from './ui';

const GROUPS: Attendance[] = ['present', 'online', 'excused', 'absent'];

/** The confirmed minutes with who took part (online participants named as such), votes and files. */
export function MeetingMinutes({ meeting: m }: { meeting: MyMeeting }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [editing, setEditing] = useState(false);
  const minutes = m.minutes;
  const canWrite = m.abilities.canRecordMinutes;
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (editing || (!minutes && canWrite)) return <MinutesEditor meeting={m} onDone={() => setEditing(false)} onCancel={minutes ? () => setEditing(false) : undefined} />;
  if (!minutes) return null;

  return (
    <Section title={minutes.confirmedAt ? t('mmeetings.minutes.title') : t('mmeetings.minutes.draftTitle')}>
      {!minutes.confirmedAt ? <div className="m-notice" role="note">{t('mmeetings.minutes.draftNote')}</div> : null}
      <p className="mm-pre">{minutes.content}</p>
      {minutes.decisions ? (
        <>
          <h3 className="m-label">{t('mmeetings.minutes.decisions')}</h3>
          <p className="mm-pre">{minutes.decisions}</p>
        </>
      ) : null}
      {/* Without the attendance list (not shown to everyone), name those who took part online here. */}
      {m.onlineParticipants.length && !m.attendance.length ? <p className="mm-sub">{t('mmeetings.minutes.online', { names: m.onlineParticipants.map((p) => p.name).join('、') })}</p> : null}
      {m.attendance.length ? (
        <dl className="m-fields">
          {GROUPS.map((g) => {
            const names = m.attendance.filter((a) => a.attendance === g).map((a) => a.name);
            return names.length ? (
              <div key={g} className="m-field"><dt>{label(ATTENDANCE_LABELS[g])}</dt><dd>{names.join('、')}</dd></div>
            ) : null;
          })}
        </dl>
      ) : null}
      {m.votes.map((v) => (
        <p key={v.id} className="mm-sub">
          {t('mmeetings.minutes.vote', { item: v.subject ? `${v.item}（${v.subject.name}）` : v.item, yes: v.yes, no: v.no, abstain: v.abstain })}
          {' '}<span className={`mm-badge ${v.passed ? 'mm-badge-green' : 'mm-badge-red'}`}>{v.passed ? t('mmeetings.minutes.passed') : v.quorumMet ? t('mmeetings.minutes.failed') : t('mmeetings.minutes.noQuorum')}</span>
        </p>
      ))}
      {m.attachments.length ? (
        <ul className="m-list">
          {m.attachments.map((f) => (
            <li key={f.id} className="m-list-item">
              <a href={`/api/meetings/${m.id}/attachments/${f.id}`} onClick={(e) => { e.preventDefault(); setDownloadError(null); downloadFile(`/api/meetings/${m.id}/attachments/${f.id}`, f.fileName).catch(setDownloadError); }}>{f.fileName}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {downloadError ? <div className="m-error" role="alert"><p>{errorText(t, downloadError)}</p></div> : null}
      <p className="mm-sub">{minutes.confirmedAt
        ? t('mmeetings.minutes.confirmedBy', { name: minutes.confirmedByName ?? '—', at: formatDateTime(minutes.confirmedAt) })
        : t('mmeetings.minutes.recordedBy', { name: minutes.recordedByName ?? '—', at: formatDateTime(minutes.recordedAt) })}</p>
      {canWrite ? <button type="button" className="m-button m-button-secondary mm-more" onClick={() => setEditing(true)}>{minutes.confirmedAt ? t('mmeetings.minutes.correct') : t('mmeetings.minutes.edit')}</button> : null}
    </Section>
  );
}

/** The recorder's editor; a correction after confirmation needs a reason (the server keeps every version). */
function MinutesEditor({ meeting: m, onDone, onCancel }: { meeting: MyMeeting; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const save = useSaveMyMinutes(m.id);
  const minutes = m.minutes;
  const correcting = !!minutes?.confirmedAt;
  const [content, setContent] = useState(minutes?.content ?? '');
  const [decisions, setDecisions] = useState(minutes?.decisions ?? '');
  const [reason, setReason] = useState('');
  const issues = isApiError(save.error) ? save.error.details?.issues ?? [] : [];
  const issueOf = (field: string) => issues.find((i) => i.path.replace(/^body\./, '') === field)?.message;

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ content: content.trim(), decisions: decisions.trim() || null, revision: minutes?.revision, reason: correcting ? reason.trim() : null }, { onSuccess: onDone });
  };

  const field = (id: string, labelText: string, value: string, onChange: (v: string) => void, max: number, error?: string) => (
    <>
      <label className="m-label" htmlFor={id}>{labelText}</label>
      <textarea id={id} className={`mm-textarea${error ? ' m-input-error' : ''}`} maxLength={max} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error ? <p className="m-field-error">{error}</p> : null}
    </>
  );

  return (
    <Section title={t('mmeetings.minutes.editorTitle')}>
      <form className="m-form" onSubmit={handleSubmit} noValidate>
        <p className="m-muted m-hint">{t('mmeetings.minutes.editorHint', { date: m.minutesDueOn })}</p>
        {save.isError && issues.length === 0 ? <div className="m-error" role="alert"><p>{errorText(t, save.error)}</p></div> : null}
        {field('mm-minutes-content', t('mmeetings.minutes.content'), content, setContent, 20000, issueOf('content'))}
        {field('mm-minutes-decisions', t('mmeetings.minutes.decisions'), decisions, setDecisions, 5000, issueOf('decisions'))}
        {correcting ? field('mm-minutes-reason', t('mmeetings.minutes.reason'), reason, setReason, 500, issueOf('reason')) : null}
        <div className="mm-actions">
          {onCancel ? <button type="button" className="m-button m-button-secondary" onClick={onCancel}>{t('common.cancel')}</button> : null}
          <button type="submit" className="m-button" disabled={save.isPending || !content.trim() || (correcting && !reason.trim())}>{t('mmeetings.minutes.save')}</button>
        </div>
      </form>
    </Section>
  );
}
