import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useMyMeeting, useSignIn } from '../../api/my-meetings';
import { errorText } from '../../shared/errors';
import { formatMeetingDay } from '../../shared/meeting-time';
import { Loading, Shell } from '../components/ui';
import { go, useQueryParams } from '../router';
import './meetings.css';

/** The server's answer when the member is already recorded as taking part: shown as success. */
const ALREADY = 'ALREADY_SIGNED_IN';

/**
 * The page the meeting's QR code opens (/m/sign-in?m=<meeting>&t=<code>): signs in once and
 * says how it went. Not logged in, the member logs in and comes straight back here.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const params = useQueryParams();
  const id = Number(params.get('m'));
  const token = params.get('t')?.trim() ?? '';
  const valid = Number.isInteger(id) && id > 0 && token.length > 0;
  const signIn = useSignIn();
  const started = useRef<string | null>(null);

  useEffect(() => {
    // Once per code (StrictMode runs effects twice; a second call would answer "already signed in").
    if (!valid || started.current === token) return;
    started.current = token;
    signIn.mutate({ id, token });
  }, [valid, id, token, signIn]);

  return (
    <Shell title={t('mmeetings.signIn.pageTitle')}>
      {!valid ? (
        <Result ok={false} title={t('mmeetings.signIn.badCode')} text={t('mmeetings.signIn.badCodeHint')} />
      ) : signIn.isPending || signIn.isIdle ? (
        <Loading />
      ) : signIn.isSuccess || (isApiError(signIn.error) && signIn.error.code === ALREADY) ? (
        <SignedIn id={id} already={!signIn.isSuccess} />
      ) : (
        <Failed error={signIn.error} onRetry={() => signIn.mutate({ id, token })} />
      )}
      <p className="mm-sub" style={{ textAlign: 'center' }}>{t('mmeetings.signIn.optional')}</p>
    </Shell>
  );
}

function Result({ ok, title, text, children }: { ok: boolean; title: string; text?: string; children?: ReactNode }) {
  return (
    <div className="m-card mm-result" role={ok ? 'status' : 'alert'}>
      <div className={`mm-result-icon ${ok ? 'mm-result-ok' : 'mm-result-bad'}`} aria-hidden="true">{ok ? '✓' : '!'}</div>
      <p className="mm-result-title">{title}</p>
      {text ? <p className="m-muted">{text}</p> : null}
      {children}
    </div>
  );
}

function SignedIn({ id, already }: { id: number; already: boolean }) {
  const { t, i18n } = useTranslation();
  const meeting = useMyMeeting(id);
  const m = meeting.data;
  return (
    <Result ok title={already ? t('mmeetings.signIn.already') : t('mmeetings.signIn.success')} text={m ? `${m.title} · ${formatMeetingDay(m.startsAt, m.endsAt, i18n.language)}` : undefined}>
      <button type="button" className="m-button mm-more" onClick={() => go('meeting', { id, replace: true })}>{t('mmeetings.signIn.toMeeting')}</button>
    </Result>
  );
}

function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const code = isApiError(error) ? error.code : '';
  if (code === 'SIGN_IN_CODE_EXPIRED') return <Result ok={false} title={t('mmeetings.signIn.expired')} text={t('mmeetings.signIn.expiredHint')} />;
  if (code === 'NOT_FOUND') return <Result ok={false} title={t('mmeetings.signIn.notInvited')} text={t('mmeetings.signIn.notInvitedHint')} />;
  // A network failure may pass on a second try while the code is still current.
  const retryable = isApiError(error) && (error.statusCode === 0 || error.statusCode >= 500);
  return (
    <Result ok={false} title={t('mmeetings.signIn.failed')} text={errorText(t, error)}>
      {retryable ? <button type="button" className="m-button mm-more" onClick={onRetry}>{t('common.retry')}</button> : null}
      <button type="button" className="m-button m-button-secondary mm-more" onClick={() => go('meetings', { replace: true })}>{t('mmeetings.signIn.toMeetings')}</button>
    </Result>
  );
}
