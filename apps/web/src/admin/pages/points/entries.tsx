import { useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { POINTS_ENTRY_STATUSES, type PointsEntryStatus } from '@hongyun/shared';
import { usePointsEntries, usePublishedRulebook, useRecompute, useReverseEntry, type PointsEntry, type RecomputeResult } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { formatDate, orDash } from '../../../shared/format';
import { useCan } from '../../access';
import { MemberPicker } from '../../components/member-picker';
import { QueryState } from '../../components/page-state';

const STATUS_COLOR: Record<PointsEntryStatus, string> = { pending: 'processing', active: 'success', rejected: 'default', reversed: 'warning' };
const PAGE_SIZE = 50;

/** The ledger of an organisation's subtree: filter by member, rule, status and period; reverse an entry with a reason. */
export function EntriesTab({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const book = usePublishedRulebook(year);
  const [memberId, setMemberId] = useState<number | undefined>();
  const [ruleCode, setRuleCode] = useState<string | undefined>();
  const [status, setStatus] = useState<PointsEntryStatus | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<PointsEntry | null>(null);
  const entries = usePointsEntries({
    orgId, year, memberId, ruleCode, status, page, pageSize: PAGE_SIZE,
    from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'),
  });
  // Any filter change starts again at the first page.
  const filter = <V,>(set: (v: V) => void) => (v: V) => { set(v); setPage(1); };

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <div style={{ minWidth: 200 }}><MemberPicker orgId={orgId} value={memberId} onChange={filter(setMemberId)} aria-label={t('learning.entries.member')} /></div>
        <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 220 }} placeholder={t('learning.entries.rule')} aria-label={t('learning.entries.rule')}
          value={ruleCode} onChange={filter(setRuleCode)}
          options={(book.data?.rulebook?.rules ?? []).map((r) => ({ value: r.code, label: `${r.item}（${r.points > 0 ? '+' : ''}${r.points}）` }))} />
        <Select allowClear style={{ minWidth: 120 }} placeholder={t('learning.entries.status')} aria-label={t('learning.entries.status')} value={status} onChange={filter(setStatus)}
          options={POINTS_ENTRY_STATUSES.map((s) => ({ value: s, label: t(`learning.entries.statusName.${s}`) }))} />
        <DatePicker.RangePicker value={range} onChange={filter(setRange)} aria-label={t('learning.entries.period')} placeholder={[t('learning.entries.from'), t('learning.entries.to')]} />
      </Flex>
      <QueryState query={entries}>
        <Table<PointsEntry>
          rowKey="id"
          size="small"
          loading={entries.isFetching}
          dataSource={entries.data?.items ?? []}
          locale={{ emptyText: t('learning.entries.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('learning.entries.total', { n }) }}
          columns={[
            { key: 'date', title: t('learning.award.occurredOn'), width: 110, render: (_, e) => formatDate(e.occurredOn) },
            { key: 'member', title: t('learning.exams.memberName'), width: 160, render: (_, e) => <>{e.memberName}<br /><Typography.Text type="secondary">{orDash(e.orgName)}</Typography.Text></> },
            { key: 'item', title: t('learning.rulebook.item'), render: (_, e) => <>{e.item}<br /><Typography.Text type="secondary">{t('learning.entries.version', { v: e.rulebookVersion })}</Typography.Text></> },
            { key: 'points', title: t('learning.rulebook.points'), width: 70, render: (_, e) => (e.points > 0 ? `+${e.points}` : e.points) },
            { key: 'source', title: t('learning.entries.source'), render: (_, e) => <>{orDash(e.sourceTitle)}{e.evidence ? <><br /><Typography.Text type="secondary">{t('learning.award.evidence')}：{e.evidence}</Typography.Text></> : null}{e.decisionNote ? <><br /><Typography.Text type="secondary">{t('learning.entries.note')}：{e.decisionNote}</Typography.Text></> : null}</> },
            { key: 'status', title: t('learning.entries.status'), width: 100, render: (_, e) => <Tag color={e.reversalOf ? 'default' : STATUS_COLOR[e.status]}>{e.reversalOf ? t('learning.entries.reversal') : t(`learning.entries.statusName.${e.status}`)}</Tag> },
            {
              key: 'actions', title: t('common.actions'), width: 90, render: (_, e) => (can('points.approve') && e.status === 'active' && e.reversalOf === null
                ? <Button size="small" type="link" danger onClick={() => setReversing(e)}>{t('learning.entries.reverse')}</Button> : null),
            },
          ]}
        />
      </QueryState>
      <ReverseModal entry={reversing} onClose={() => setReversing(null)} />
    </Flex>
  );
}

/** Reversal writes a negative twin (nothing is deleted); it asks for a reason and says so before it acts. */
function ReverseModal({ entry, onClose }: { entry: PointsEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reverse = useReverseEntry();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const close = () => { setReason(''); setError(null); onClose(); };
  const ok = async () => {
    if (!entry) return;
    setError(null);
    try {
      await reverse.mutateAsync({ id: entry.id, reason });
      message.success(t('learning.entries.reversed'));
      close();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open={entry !== null} title={t('learning.entries.reverseTitle')} onCancel={close} onOk={() => void ok()} okText={t('learning.entries.reverseOk')} cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: reverse.isPending }}>
      {entry ? (
        <Flex vertical gap={12}>
          {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
          <Typography.Text strong>{entry.memberName} · {entry.item}（{entry.points > 0 ? '+' : ''}{entry.points}，{formatDate(entry.occurredOn)}）</Typography.Text>
          <Alert type="warning" showIcon title={t('learning.entries.reverseWarning', { points: -entry.points })} />
          <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('learning.entries.reasonPlaceholder')} aria-label={t('learning.entries.reason')} />
        </Flex>
      ) : null}
    </Modal>
  );
}

/** Recomputes the year's indices of the caller's deployment from the ledger, and says what it did. */
export function RecomputeButton({ year }: { year: number }) {
  const { t } = useTranslation();
  const recompute = useRecompute();
  const [result, setResult] = useState<RecomputeResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setResult(null);
    setError(null);
    try {
      setResult(await recompute.mutateAsync(year));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        <Button loading={recompute.isPending} onClick={() => void run()}>{recompute.isPending ? t('learning.recompute.running', { year }) : t('learning.recompute.button', { year })}</Button>
        <Typography.Text type="secondary">{t('learning.recompute.hint')}</Typography.Text>
      </Flex>
      {result ? <Alert type="success" showIcon closable onClose={() => setResult(null)} title={t('learning.recompute.done', { year: result.year, members: result.members, orgs: result.orgs, seconds: (result.ms / 1000).toFixed(1) })} /> : null}
      {error ? <Alert type="error" showIcon title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
    </Flex>
  );
}
