import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  useAwardPoints, useDecideAppeal, useDecideEntry, useOrgMembersPoints, useOrgPoints, usePointsAppeals, usePointsEntries, usePublishedRulebook,
  type Appeal, type AwardBody, type PointsEntry,
} from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { formatDate, formatDateTime, orDash } from '../../../shared/format';
import { MemberPicker } from '../../components/member-picker';
import { QueryState } from '../../components/page-state';
import { useServerErrors } from '../../components/server-error';

/** An organisation's index and its direct sub-organisations by name, then its members by name (never ranked). */
export function OrgIndexTab({ orgId, year, onOpenOrg }: { orgId: number; year: number; onOpenOrg: (id: number) => void }) {
  const { t } = useTranslation();
  const org = useOrgPoints(orgId, year);
  const [page, setPage] = useState(1);
  const members = useOrgMembersPoints(orgId, year, page);
  const o = org.data;
  const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return (
    <QueryState query={org}>
      {o ? (
        <Flex vertical gap={16}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('learning.pointsPage.orgLine', { name: o.org.orgName, value: orDash(o.org.value), stars: o.org.stars, members: o.org.members, active: share(o.org.activeShare) })}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('learning.pointsPage.formula')}：{o.formulas.org}；{o.formulas.stars}{o.computedAt ? ` · ${t('learning.pointsPage.computedAt', { at: formatDateTime(o.computedAt) })}` : ''}</Typography.Text>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('learning.pointsPage.children')}</Typography.Title>
          <Table
            rowKey="orgId"
            size="small"
            dataSource={o.children}
            pagination={false}
            locale={{ emptyText: t('learning.pointsPage.noChildren') }}
            columns={[
              { key: 'name', title: t('learning.pointsPage.orgName'), render: (_, c) => <Button type="link" size="small" onClick={() => onOpenOrg(c.orgId)}>{c.orgName}</Button> },
              { key: 'value', title: t('learning.pointsPage.index'), width: 100, render: (_, c) => orDash(c.value) },
              { key: 'stars', title: t('learning.pointsPage.stars'), width: 80, render: (_, c) => c.stars },
              { key: 'members', title: t('learning.pointsPage.members'), width: 80, render: (_, c) => c.members },
              { key: 'active', title: t('learning.pointsPage.activeShare'), width: 100, render: (_, c) => share(c.activeShare) },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('learning.pointsPage.memberList')}</Typography.Title>
          {members.data?.notice ? <Alert type="info" showIcon title={members.data.notice} /> : null}
          <Table
            rowKey="memberId"
            size="small"
            loading={members.isFetching}
            dataSource={members.data?.items ?? []}
            locale={{ emptyText: t('common.noData') }}
            pagination={{ current: page, pageSize: 50, total: members.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { key: 'name', title: t('learning.exams.memberName'), render: (_, m) => m.name },
              { key: 'org', title: t('learning.pointsPage.orgName'), render: (_, m) => m.orgName },
              { key: 'value', title: t('learning.pointsPage.index'), width: 100, render: (_, m) => m.value },
              { key: 'stars', title: t('learning.pointsPage.stars'), width: 80, render: (_, m) => m.stars },
            ]}
          />
        </Flex>
      ) : null}
    </QueryState>
  );
}

interface AwardValues {
  memberId?: number;
  ruleCode?: string;
  points?: number;
  occurredOn?: Dayjs;
  reason: string;
  evidence?: string;
}

/** Awards (or deducts) points under a rule of the published rulebook; some rules then wait for approval. */
export function AwardTab({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AwardValues>();
  const book = usePublishedRulebook(year);
  const award = useAwardPoints();
  const server = useServerErrors(form);
  const ruleCode = Form.useWatch('ruleCode', form);
  const rules = (book.data?.rulebook?.rules ?? []).filter((r) => r.earnMode === 'award');
  const rule = rules.find((r) => r.code === ruleCode);

  const submit = async () => {
    let v: AwardValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    server.clear();
    const body: AwardBody = {
      memberId: v.memberId ?? 0, ruleCode: v.ruleCode ?? '', points: v.points ?? undefined, reason: v.reason,
      occurredOn: v.occurredOn ? v.occurredOn.format('YYYY-MM-DD') : undefined, evidence: v.evidence?.trim() ? v.evidence : null,
    };
    try {
      const r = await award.mutateAsync(body);
      message.success(r.status === 'pending' ? t('learning.award.pending') : t('learning.award.done'));
      form.resetFields();
    } catch (e) {
      server.handle(e);
    }
  };

  return (
    <QueryState query={book}>
      {book.data && !book.data.rulebook ? <Alert type="warning" showIcon title={t('learning.award.noRulebook', { year })} style={{ marginBottom: 16 }} /> : null}
      {server.alert}
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item name="memberId" label={t('learning.award.member')} rules={[{ required: true, message: t('learning.award.memberRequired') }]}>
          <MemberPicker orgId={orgId} aria-label={t('learning.award.member')} />
        </Form.Item>
        <Form.Item name="ruleCode" label={t('learning.award.rule')} rules={[{ required: true, message: t('learning.award.ruleRequired') }]}
          extra={rule ? t('learning.award.ruleHint', { points: rule.points, approve: rule.approveRoles.length ? t('learning.award.needsApproval') : t('learning.award.noApproval') }) : undefined}>
          <Select showSearch optionFilterProp="label" options={rules.map((r) => ({ value: r.code, label: `${t(`learning.category.${r.category}`)} · ${r.item}（${r.points > 0 ? '+' : ''}${r.points}）` }))} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="points" label={t('learning.award.points')} extra={t('learning.award.pointsHint')}>
            <InputNumber min={-100} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('learning.award.occurredOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="reason" label={t('learning.award.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('learning.award.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="evidence" label={t('learning.award.evidence')} extra={t('learning.award.evidenceHint')}
          rules={rule?.evidenceRequired ? [{ required: true, whitespace: true, message: t('learning.award.evidenceRequired') }] : []}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" loading={award.isPending} onClick={() => void submit()}>{t('learning.award.submit')}</Button>
      </Form>
    </QueryState>
  );
}

/** Awards waiting for approval (never one's own: the server refuses and says so). */
export function PendingTab({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const entries = usePointsEntries({ orgId, year, status: 'pending', page, pageSize: 50 });
  const decide = useDecideEntry();
  const [rejecting, setRejecting] = useState<PointsEntry | null>(null);
  const [note, setNote] = useState('');

  const act = async (entry: PointsEntry, decision: 'approve' | 'reject', n?: string) => {
    try {
      await decide.mutateAsync({ id: entry.id, decision, note: n?.trim() || null });
      message.success(decision === 'approve' ? t('learning.pending.approved') : t('learning.pending.rejected'));
      setRejecting(null);
      setNote('');
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <QueryState query={entries}>
      <Table<PointsEntry>
        rowKey="id"
        size="small"
        loading={entries.isFetching}
        dataSource={entries.data?.items ?? []}
        locale={{ emptyText: t('learning.pending.empty') }}
        pagination={{ current: page, pageSize: 50, total: entries.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { key: 'member', title: t('learning.exams.memberName'), render: (_, e) => <>{e.memberName}<br /><Typography.Text type="secondary">{orDash(e.orgName)}</Typography.Text></> },
          { key: 'item', title: t('learning.rulebook.item'), render: (_, e) => e.item },
          { key: 'points', title: t('learning.rulebook.points'), width: 70, render: (_, e) => e.points },
          { key: 'date', title: t('learning.award.occurredOn'), width: 110, render: (_, e) => formatDate(e.occurredOn) },
          { key: 'reason', title: t('learning.award.reason'), render: (_, e) => <>{orDash(e.reason)}{e.evidence ? <><br /><Typography.Text type="secondary">{t('learning.award.evidence')}：{e.evidence}</Typography.Text></> : null}</> },
          {
            key: 'actions', title: t('common.actions'), width: 160, render: (_, e) => (
              <Flex gap={4}>
                <Button size="small" type="link" onClick={() => void act(e, 'approve')}>{t('learning.pending.approve')}</Button>
                <Button size="small" type="link" danger onClick={() => setRejecting(e)}>{t('learning.pending.reject')}</Button>
              </Flex>
            ),
          },
        ]}
      />
      <Modal open={rejecting !== null} title={t('learning.pending.rejectTitle')} onCancel={() => setRejecting(null)} okText={t('learning.pending.reject')} cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: note.trim().length < 2, loading: decide.isPending }} onOk={() => rejecting && void act(rejecting, 'reject', note)}>
        <Typography.Paragraph>{rejecting ? `${rejecting.memberName} · ${rejecting.item}（${rejecting.points}）` : ''}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('learning.pending.notePlaceholder')} aria-label={t('learning.pending.note')} />
      </Modal>
    </QueryState>
  );
}

const APPEAL_COLOR: Record<Appeal['status'], string> = { open: 'processing', upheld: 'default', corrected: 'success' };

/** Members' appeals: uphold the record, or correct it (reverse the entry and/or record a corrected one). */
export function AppealsTab({ orgId, year }: { orgId: number; year: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Appeal['status'] | undefined>('open');
  const [page, setPage] = useState(1);
  const appeals = usePointsAppeals({ orgId, year, status, page, pageSize: 50 });
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  return (
    <Flex vertical gap={12}>
      <Radio.Group optionType="button" value={status ?? 'all'} onChange={(e) => { setStatus(e.target.value === 'all' ? undefined : e.target.value); setPage(1); }}
        options={[{ value: 'open', label: t('learning.appeal.status.open') }, { value: 'upheld', label: t('learning.appeal.status.upheld') }, { value: 'corrected', label: t('learning.appeal.status.corrected') }, { value: 'all', label: t('learning.appeal.all') }]} />
      <QueryState query={appeals}>
        <Table<Appeal>
          rowKey="id"
          size="small"
          loading={appeals.isFetching}
          dataSource={appeals.data?.items ?? []}
          locale={{ emptyText: t('learning.appeal.empty') }}
          pagination={{ current: page, pageSize: 50, total: appeals.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { key: 'member', title: t('learning.exams.memberName'), width: 120, render: (_, a) => a.memberName },
            { key: 'entry', title: t('learning.appeal.entry'), width: 220, render: (_, a) => (a.entryItem ? `${a.entryItem}（${orDash(a.entryPoints)}，${formatDate(a.entryOccurredOn)}）` : t('learning.appeal.wholeYear', { year: a.year })) },
            { key: 'reason', title: t('learning.appeal.reason'), render: (_, a) => a.reason },
            { key: 'status', title: t('learning.questions.status'), width: 90, render: (_, a) => <Tag color={APPEAL_COLOR[a.status]}>{t(`learning.appeal.status.${a.status}`)}</Tag> },
            { key: 'decision', title: t('learning.appeal.decision'), render: (_, a) => (a.status === 'open' ? <Button size="small" type="link" onClick={() => setDeciding(a)}>{t('learning.appeal.decide')}</Button> : <>{orDash(a.decision)}<br /><Typography.Text type="secondary">{formatDateTime(a.decidedAt)}</Typography.Text></>) },
          ]}
        />
      </QueryState>
      <AppealModal appeal={deciding} year={year} onClose={() => setDeciding(null)} />
    </Flex>
  );
}

function AppealModal({ appeal, year, onClose }: { appeal: Appeal | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecideAppeal();
  const book = usePublishedRulebook(year);
  const [decision, setDecision] = useState<'upheld' | 'corrected'>('upheld');
  const [reason, setReason] = useState('');
  const [reverseEntry, setReverse] = useState(true);
  const [ruleCode, setRuleCode] = useState<string | undefined>();
  const [points, setPoints] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setDecision('upheld'); setReason(''); setReverse(true); setRuleCode(undefined); setPoints(null); setError(null);
    onClose();
  };

  const ok = async () => {
    if (!appeal) return;
    setError(null);
    try {
      await decide.mutateAsync({
        id: appeal.id,
        body: {
          decision, reason,
          reverseEntry: decision === 'corrected' && appeal.entryId !== null ? reverseEntry : false,
          correction: decision === 'corrected' && ruleCode && points !== null ? { ruleCode, points } : null,
        },
      });
      message.success(t('learning.appeal.decided'));
      close();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal open={appeal !== null} title={t('learning.appeal.decideTitle')} onCancel={close} onOk={() => void ok()} okText={t('learning.appeal.decide')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: reason.trim().length < 2, loading: decide.isPending }}>
      {appeal ? (
        <Flex vertical gap={12}>
          {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
          <Typography.Text>{appeal.memberName}：{appeal.reason}</Typography.Text>
          <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value)}
            options={[{ value: 'upheld', label: t('learning.appeal.uphold') }, { value: 'corrected', label: t('learning.appeal.correct') }]} />
          {decision === 'corrected' ? (
            <>
              {appeal.entryId !== null ? <Checkbox checked={reverseEntry} onChange={(e) => setReverse(e.target.checked)}>{t('learning.appeal.reverseEntry')}</Checkbox> : null}
              <Typography.Text type="secondary">{t('learning.appeal.correctionHint')}</Typography.Text>
              <Flex gap={8}>
                <Select allowClear style={{ flex: 1 }} value={ruleCode} onChange={setRuleCode} placeholder={t('learning.award.rule')} aria-label={t('learning.award.rule')}
                  options={(book.data?.rulebook?.rules ?? []).map((r) => ({ value: r.code, label: `${r.item}（${r.points}）` }))} />
                <InputNumber min={-100} max={100} step={0.5} value={points} onChange={setPoints} placeholder={t('learning.rulebook.points')} aria-label={t('learning.rulebook.points')} />
              </Flex>
            </>
          ) : null}
          <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('learning.appeal.reasonPlaceholder')} aria-label={t('learning.appeal.decisionReason')} />
        </Flex>
      ) : null}
    </Modal>
  );
}
