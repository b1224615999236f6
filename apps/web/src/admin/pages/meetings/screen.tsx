import { useEffect, useState } from 'react';
import { Spin } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMeeting, useSignInCode } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';
import { formatMeetingRange } from '../../../shared/meeting-time';
import { QrCode } from './qr-code';

const COUNT_REFRESH_MS = 5_000;

/** Seconds left until an instant, ticking once a second. */
function useSecondsLeft(until: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return until ? Math.max(0, Math.round((new Date(until).getTime() - now) / 1000)) : null;
}

/** The QR size that fits the window beside the text. */
function useQrSize(): number {
  const fit = () => Math.max(220, Math.min(window.innerHeight - 260, window.innerWidth * 0.5, 720));
  const [size, setSize] = useState(fit);
  useEffect(() => {
    const handleResize = () => setSize(fit());
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return size;
}

/**
 * 签到屏幕: shown on a projector at the meeting. The code rotates; a phone that scans it opens
 * the member app's sign-in page. Signing in is optional and the count is for the room only.
 */
export function SignInScreenPage() {
  const { t } = useTranslation();
  const id = Number(useParams().meetingId);
  const meeting = useMeeting(id, { refetchInterval: COUNT_REFRESH_MS });
  const code = useSignInCode(id);
  const left = useSecondsLeft(code.data?.expiresAt);
  const size = useQrSize();
  const m = meeting.data;
  const scanned = m?.attendees.filter((a) => a.signInMethod === 'qr').length ?? 0;
  // A code that stopped refreshing (network, window closed) is hidden rather than left to fail at the door.
  const fresh = code.data && left !== null && left > 0 && !code.isError;

  return (
    <main style={{ minHeight: '100vh', background: '#9e1414', color: '#fff', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '24px 32px', gap: 16 }}>
      <h1 style={{ margin: 0, fontSize: 40, textAlign: 'center', color: '#fff' }}>{m?.title ?? '\u00a0'}</h1>
      {m ? <div style={{ fontSize: 22, opacity: 0.9 }}>{m.orgName} · {formatMeetingRange(m.startsAt, m.endsAt)}</div> : null}
      {meeting.isError && !m ? <div role="alert" style={{ fontSize: 22 }}>{errorText(t, meeting.error)}</div> : null}
      <div style={{ display: 'flex', gap: 48, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'center', flex: 1 }}>
        <div style={{ background: '#fff', borderRadius: 16, overflow: 'hidden', minWidth: size, minHeight: size, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {fresh ? (
            <QrCode text={`${window.location.origin}${code.data.url}`} size={size} label={t('meetings.screen.qrLabel')} />
          ) : code.isError ? (
            <p style={{ color: '#a8071a', fontSize: 24, maxWidth: size, textAlign: 'center' }}>{errorText(t, code.error)}</p>
          ) : <Spin size="large" />}
        </div>
        <div style={{ maxWidth: 520, fontSize: 24, lineHeight: 1.6 }}>
          <p style={{ fontSize: 30, fontWeight: 600, margin: '0 0 12px' }}>{t('meetings.screen.scan')}</p>
          <p style={{ margin: '0 0 24px' }}>{t('meetings.screen.optional')}</p>
          {m ? (
            <div aria-live="polite">
              <div style={{ fontSize: 64, fontWeight: 700, lineHeight: 1.1 }}>{m.counts.present}<span style={{ fontSize: 28, fontWeight: 400 }}> / {m.counts.invited}</span></div>
              <div>{t('meetings.screen.present')}</div>
              <div style={{ fontSize: 18, opacity: 0.85 }}>{t('meetings.screen.scanned', { n: scanned })}</div>
            </div>
          ) : null}
          {fresh ? <p style={{ fontSize: 16, opacity: 0.8, marginTop: 24 }}>{t('meetings.screen.rotates', { seconds: left })}</p> : null}
          {fresh ? (
            // For those who cannot scan (no camera, a screen shared online): the same address as text.
            <p style={{ fontSize: 14, opacity: 0.85, wordBreak: 'break-all' }}>
              {t('meetings.screen.link')}{' '}
              <a href={code.data.url} data-testid="sign-in-link" style={{ color: '#fff', textDecoration: 'underline' }}>{`${window.location.origin}${code.data.url}`}</a>
            </p>
          ) : null}
        </div>
      </div>
    </main>
  );
}
