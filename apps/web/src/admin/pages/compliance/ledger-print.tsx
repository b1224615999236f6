import { useEffect } from 'react';
import { Button, Flex, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KIND_LABELS, MEETING_MODE_LABELS } from '@hongyun/shared';
import { formatDateTime } from '../../../shared/format';
import { useLabel } from '../../../shared/labels';
import { ErrorAlert } from '../../components/error-alert';
import { currentYear, useLedger, type Ledger, type LedgerMeeting } from './api';

// A4 portrait, black on white, no menu; the buttons are not printed.
const PRINT_CSS = `
@page { size: A4 portrait; margin: 15mm 12mm; }
.ledger { max-width: 186mm; margin: 0 auto; padding: 16px 0 32px; color: #000; font-size: 12px; line-height: 1.5; font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; }
.ledger h1 { font-size: 20px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.ledger .sub { text-align: center; margin-bottom: 16px; }
.ledger h2 { font-size: 14px; margin: 16px 0 6px; }
.ledger table { width: 100%; border-collapse: collapse; }
.ledger th, .ledger td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left; }
.ledger th { background: #f2f2f2; font-weight: 600; }
.ledger td.n { text-align: center; white-space: nowrap; }
.ledger .meeting { break-inside: avoid; margin-bottom: 10px; }
.ledger .foot { margin-top: 18px; display: flex; justify-content: space-between; }
@media print { .no-print { display: none !important; } .ledger { padding: 0; } .ledger th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/** 三会一课台账: the ledger of a year as a printable A4 page, generated from the meetings already recorded. */
export function LedgerPrintPage() {
  const { t } = useTranslation();
  const params = useParams();
  const orgId = Number(params.orgId);
  const year = Number(params.year) || currentYear();
  const ledger = useLedger(orgId, year);

  useEffect(() => {
    if (ledger.data) document.title = t('compliance.ledger.docTitle', { name: ledger.data.org.name, year });
  }, [ledger.data, t, year]);

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" justify="center" gap={8} style={{ padding: 12, borderBottom: '1px solid #eee' }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!ledger.data}>{t('compliance.ledger.printNow')}</Button>
        <Button onClick={() => window.close()}>{t('compliance.ledger.close')}</Button>
      </Flex>
      {ledger.isLoading ? <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex> : null}
      {ledger.isError ? <div className="no-print" style={{ maxWidth: 720, margin: '24px auto' }}><ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} /></div> : null}
      {ledger.data ? <LedgerBody ledger={ledger.data} /> : null}
    </>
  );
}

function LedgerBody({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const label = useLabel();
  const period = (p: 'month' | 'quarter' | 'year', n: number) => t(`compliance.grid.rule.${p}`, { n });
  return (
    <article className="ledger">
      <h1>{t('compliance.ledger.heading')}</h1>
      <div className="sub">{t('compliance.ledger.subtitle', { name: ledger.org.name, year: ledger.year })}</div>

      <h2>{t('compliance.ledger.summary')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('compliance.grid.kind')}</th><th>{t('compliance.ledger.rule')}</th><th>{t('compliance.summary.required')}</th><th>{t('compliance.summary.met')}</th>
            <th>{t('compliance.summary.missed')}</th><th>{t('compliance.summary.due')}</th><th>{t('compliance.summary.exempt')}</th><th>{t('compliance.ledger.held')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.byKind.map((k) => (
            <tr key={k.kind}>
              <td>{label(MEETING_KIND_LABELS[k.kind])}</td><td>{k.required ? period(k.period, k.times) : t('compliance.ledger.notRequired')}</td>
              <td className="n">{k.required}</td><td className="n">{k.met}</td><td className="n">{k.missed}</td><td className="n">{k.due}</td><td className="n">{k.exempt}</td><td className="n">{k.held}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('compliance.ledger.details', { n: ledger.meetings.length })}</h2>
      {ledger.meetings.length === 0 ? <p>{t('compliance.ledger.noMeetings')}</p> : ledger.meetings.map((m, i) => <MeetingBlock key={m.id} index={i + 1} m={m} />)}

      <div className="foot">
        <span>{t('compliance.ledger.generated', { at: formatDateTime(ledger.generatedAt) })}</span>
        <span>{t('compliance.ledger.signature')}</span>
      </div>
    </article>
  );
}

function MeetingBlock({ index, m }: { index: number; m: LedgerMeeting }) {
  const { t } = useTranslation();
  const label = useLabel();
  const a = m.attendance;
  const place = m.mode === 'online' ? label(MEETING_MODE_LABELS.online) : `${m.place ?? '—'}${m.mode === 'mixed' ? `（${label(MEETING_MODE_LABELS.mixed)}）` : ''}`;
  return (
    <table className="meeting">
      <tbody>
        <tr>
          <th style={{ width: '16%' }}>{t('compliance.ledger.no', { n: index })}</th>
          <td colSpan={3}><strong>{m.title}</strong>（{label(MEETING_KIND_LABELS[m.kind])}{m.partyGroupName ? ` · ${m.partyGroupName}` : ''}）{m.held ? '' : ` ${t('compliance.ledger.notCounted')}`}</td>
        </tr>
        <tr>
          <th>{t('compliance.ledger.time')}</th><td style={{ width: '34%' }}>{formatDateTime(m.startsAt)}—{formatDateTime(m.endsAt).slice(11)}</td>
          <th style={{ width: '16%' }}>{t('compliance.ledger.place')}</th><td>{place}</td>
        </tr>
        <tr>
          <th>{t('compliance.ledger.host')}</th><td>{m.hostName ?? '—'}</td>
          <th>{t('compliance.ledger.recorder')}</th><td>{m.recorderName ?? '—'}{m.lecturerName ? ` · ${t('compliance.ledger.lecturer')}：${m.lecturerName}` : ''}</td>
        </tr>
        <tr>
          <th>{t('compliance.ledger.attendance')}</th>
          <td colSpan={3}>{t('compliance.ledger.attendanceLine', { invited: a.invited, present: a.present, online: a.online, excused: a.excused, absent: a.absent })}</td>
        </tr>
        {m.topics.length ? <tr><th>{t('compliance.ledger.topics')}</th><td colSpan={3}>{m.topics.map((x, k) => `${k + 1}. ${x}`).join('　')}</td></tr> : null}
        <tr>
          <th>{t('compliance.ledger.minutes')}</th>
          <td colSpan={3}>
            {m.minutes ? m.minutes.excerpt : t('compliance.ledger.noMinutes')}
            {m.minutes?.decisions ? <div>{t('compliance.ledger.decisions')}：{m.minutes.decisions}</div> : null}
            <div>{m.minutes?.confirmedAt ? t('compliance.ledger.confirmedAt', { at: formatDateTime(m.minutes.confirmedAt) }) : t('compliance.ledger.unconfirmed')}</div>
          </td>
        </tr>
        {m.votes.length ? (
          <tr>
            <th>{t('compliance.ledger.votes')}</th>
            <td colSpan={3}>{m.votes.map((v) => <div key={v.item}>{t('compliance.ledger.voteLine', { item: v.item, entitled: v.entitled, present: v.present, yes: v.yes, no: v.no, abstain: v.abstain })}{v.passed ? t('compliance.ledger.passed') : v.quorumMet ? t('compliance.ledger.failed') : t('compliance.ledger.noQuorum')}</div>)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
