import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCreateRulebook, usePublishRulebook, useRulebook, useRulebooks, useUpdateRulebook, type Rule, type RuleInput } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { formatDateTime, orDash } from '../../../shared/format';
import { QueryState } from '../../components/page-state';

export const POINTS_CATEGORIES: RuleInput['category'][] = ['orgLife', 'learning', 'volunteer', 'pioneer', 'other'];
const OUTCOME_KINDS: NonNullable<RuleInput['outcomeKind']>[] = ['meetingAttended', 'courseCompleted', 'quizPassed', 'examPassed', 'volunteerAccepted'];
type RuleRole = NonNullable<RuleInput['awardRoles']>[number];
const RULE_ROLES: RuleRole[] = ['orgAdmin', 'townCoordinator', 'cityAdmin', 'sysadmin'];

function toInput(r: Rule): RuleInput {
  return {
    code: r.code, category: r.category, item: r.item, description: r.description, points: r.points,
    capDay: r.capDay, capMonth: r.capMonth, capYear: r.capYear, onceOnly: r.onceOnly, earnMode: r.earnMode, outcomeKind: r.outcomeKind,
    evidenceRequired: r.evidenceRequired, awardRoles: r.awardRoles as RuleRole[], approveRoles: r.approveRoles as RuleRole[], validFrom: r.validFrom, validTo: r.validTo,
  };
}

/** The year's points rulebook: drafts are edited rule by rule, then published (the published version is what counts). */
export function RulebookTab({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useRulebooks(year);
  const create = useCreateRulebook();
  const [selected, setSelected] = useState<number | undefined>();
  const items = list.data?.items ?? [];

  useEffect(() => {
    // Open the newest version of the year (a draft when one exists).
    if (items.length > 0 && (selected === undefined || !items.some((i) => i.id === selected))) setSelected(items[0]?.id);
  }, [items, selected]);

  const startDraft = async () => {
    try {
      const r = await create.mutateAsync({ year });
      setSelected(r.id);
      message.success(t('learning.rulebook.draftCreated'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <QueryState query={list}>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <Select<number> style={{ minWidth: 320 }} aria-label={t('learning.rulebook.version')} value={selected} onChange={setSelected} placeholder={t('learning.rulebook.none', { year })}
            options={items.map((i) => ({ value: i.id, label: `${i.title} · v${i.version} · ${i.publishedAt ? t('learning.rulebook.publishedAt', { at: formatDateTime(i.publishedAt) }) : t('learning.rulebook.draft')}` }))} />
          {items.some((i) => !i.publishedAt) ? null : (
            <Button icon={<PlusOutlined />} loading={create.isPending} onClick={() => void startDraft()}>{t('learning.rulebook.newDraft')}</Button>
          )}
        </Flex>
        {items.length === 0 ? <Alert type="info" showIcon title={t('learning.rulebook.none', { year })} /> : null}
        {selected ? <RulebookEditor id={selected} /> : null}
      </Flex>
    </QueryState>
  );
}

function RulebookEditor({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const book = useRulebook(id);
  const update = useUpdateRulebook();
  const publish = usePublishRulebook();
  const [title, setTitle] = useState('');
  const [rules, setRules] = useState<RuleInput[]>([]);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ index: number; rule: RuleInput } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (book.data) {
      setTitle(book.data.title);
      setRules(book.data.rules.map(toInput));
      setDirty(false);
      setError(null);
    }
  }, [book.data]);

  const b = book.data;
  const draft = b ? !b.publishedAt : false;

  const save = async () => {
    if (!b) return;
    setError(null);
    try {
      await update.mutateAsync({ id: b.id, body: { title, rules, revision: b.revision } });
      message.success(t('common.saved'));
    } catch (e) {
      setError(e);
    }
  };

  const doPublish = async () => {
    if (!b) return;
    setError(null);
    try {
      await publish.mutateAsync({ id: b.id, revision: b.revision });
      message.success(t('learning.rulebook.publishedOk'));
    } catch (e) {
      setError(e);
    }
  };

  const put = (rule: RuleInput) => {
    if (!editing) return;
    setRules((rs) => (editing.index < 0 ? [...rs, rule] : rs.map((r, i) => (i === editing.index ? rule : r))));
    setDirty(true);
    setEditing(null);
  };

  const roles = (rs: string[] | undefined) => (rs && rs.length > 0 ? rs.map((r) => t(`learning.role.${r}`)).join('、') : '—');

  return (
    <QueryState query={book}>
      {b ? (
        <Flex vertical gap={12}>
          {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
          <Flex gap={8} wrap align="center">
            <Input style={{ maxWidth: 360 }} value={title} disabled={!draft} maxLength={60} aria-label={t('learning.rulebook.title')} onChange={(e) => { setTitle(e.target.value); setDirty(true); }} />
            {draft ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: -1, rule: { code: '', category: 'learning', item: '', points: 1, earnMode: 'award', onceOnly: false, evidenceRequired: false, awardRoles: ['orgAdmin'], approveRoles: [] } })}>{t('learning.rulebook.addRule')}</Button>
                <Button type="primary" disabled={!dirty} loading={update.isPending} onClick={() => void save()}>{t('learning.rulebook.saveDraft')}</Button>
                <Popconfirm title={t('learning.rulebook.publishConfirm', { year: b.year })} okText={t('learning.rulebook.publish')} cancelText={t('common.cancel')} onConfirm={() => doPublish()} disabled={dirty}>
                  <Button disabled={dirty} loading={publish.isPending}>{t('learning.rulebook.publish')}</Button>
                </Popconfirm>
                {dirty ? <Typography.Text type="warning">{t('learning.rulebook.saveFirst')}</Typography.Text> : null}
              </>
            ) : <Tag color="success">{t('learning.rulebook.publishedAt', { at: formatDateTime(b.publishedAt) })}</Tag>}
          </Flex>
          <Table
            rowKey={(r) => r.code || r.item}
            size="small"
            dataSource={rules}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('learning.rulebook.noRules') }}
            columns={[
              { key: 'category', title: t('learning.rulebook.category'), width: 100, render: (_, r) => t(`learning.category.${r.category}`) },
              { key: 'item', title: t('learning.rulebook.item'), render: (_, r) => <>{r.item}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></> },
              { key: 'points', title: t('learning.rulebook.points'), width: 70, render: (_, r) => r.points },
              { key: 'caps', title: t('learning.rulebook.caps'), width: 150, render: (_, r) => t('learning.rulebook.capsValue', { day: orDash(r.capDay), month: orDash(r.capMonth), year: orDash(r.capYear) }) },
              { key: 'once', title: t('learning.rulebook.onceOnly'), width: 70, render: (_, r) => (r.onceOnly ? t('common.yes') : t('common.no')) },
              { key: 'mode', title: t('learning.rulebook.earnMode'), width: 170, render: (_, r) => (r.earnMode === 'auto' ? `${t('learning.earnMode.auto')}：${r.outcomeKind ? t(`learning.outcome.${r.outcomeKind}`) : '—'}` : t('learning.earnMode.award')) },
              { key: 'evidence', title: t('learning.rulebook.evidenceRequired'), width: 80, render: (_, r) => (r.evidenceRequired ? t('common.yes') : t('common.no')) },
              { key: 'roles', title: t('learning.rulebook.roles'), width: 200, render: (_, r) => (r.earnMode === 'award' ? <>{t('learning.rulebook.awardBy')}：{roles(r.awardRoles)}<br />{t('learning.rulebook.approveBy')}：{roles(r.approveRoles)}</> : '—') },
              ...(draft ? [{
                key: 'actions', title: t('common.actions'), width: 120, fixed: 'right' as const, render: (_: unknown, r: RuleInput, index: number) => (
                  <Flex gap={4}>
                    <Button size="small" type="link" onClick={() => setEditing({ index, rule: r })}>{t('common.edit')}</Button>
                    <Popconfirm title={t('learning.rulebook.removeConfirm', { item: r.item })} okText={t('learning.rulebook.remove')} cancelText={t('common.cancel')}
                      onConfirm={() => { setRules((rs) => rs.filter((_, i) => i !== index)); setDirty(true); }}>
                      <Button size="small" type="link" danger>{t('learning.rulebook.remove')}</Button>
                    </Popconfirm>
                  </Flex>
                ),
              }] : []),
            ]}
          />
          <RuleModal editing={editing} onCancel={() => setEditing(null)} onOk={put} />
        </Flex>
      ) : null}
    </QueryState>
  );
}

/** One rule's fields; checked here for the obvious, and by the server on saving the draft. */
function RuleModal({ editing, onCancel, onOk }: { editing: { index: number; rule: RuleInput } | null; onCancel: () => void; onOk: (rule: RuleInput) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleInput>();
  const earnMode = Form.useWatch('earnMode', form);

  useEffect(() => {
    if (editing) {
      form.resetFields();
      form.setFieldsValue(editing.rule);
    }
  }, [editing, form]);

  const ok = async () => {
    try {
      const v = await form.validateFields();
      const auto = v.earnMode === 'auto';
      onOk({
        ...editing?.rule, ...v,
        description: v.description?.trim() ? v.description : null,
        outcomeKind: auto ? v.outcomeKind ?? null : null,
        awardRoles: auto ? [] : v.awardRoles ?? [],
        approveRoles: auto ? [] : v.approveRoles ?? [],
        capDay: v.capDay ?? null, capMonth: v.capMonth ?? null, capYear: v.capYear ?? null,
      });
    } catch {
      // the form shows what is missing
    }
  };

  return (
    <Modal open={editing !== null} onCancel={onCancel} onOk={() => void ok()} title={editing && editing.index >= 0 ? t('learning.rulebook.editRule') : t('learning.rulebook.addRule')} width={640} okText={t('learning.rulebook.keepRule')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Flex gap={12}>
          <Form.Item name="category" label={t('learning.rulebook.category')} rules={[{ required: true }]} style={{ width: 160 }}>
            <Select options={POINTS_CATEGORIES.map((c) => ({ value: c, label: t(`learning.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="code" label={t('learning.rulebook.code')} extra={t('learning.rulebook.codeHint')} style={{ flex: 1 }}
            rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9.-]{0,39}$/, message: t('learning.rulebook.codeInvalid') }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Flex>
        <Form.Item name="item" label={t('learning.rulebook.item')} rules={[{ required: true, whitespace: true, message: t('learning.rulebook.itemRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('learning.rulebook.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="points" label={t('learning.rulebook.points')} rules={[{ required: true, message: t('learning.rulebook.pointsRequired') }, { validator: (_, v) => (v === 0 ? Promise.reject(new Error(t('learning.rulebook.pointsZero'))) : Promise.resolve()) }]}>
            <InputNumber min={-100} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="capDay" label={t('learning.rulebook.capDay')}><InputNumber min={0.5} max={10000} /></Form.Item>
          <Form.Item name="capMonth" label={t('learning.rulebook.capMonth')}><InputNumber min={0.5} max={10000} /></Form.Item>
          <Form.Item name="capYear" label={t('learning.rulebook.capYear')}><InputNumber min={0.5} max={10000} /></Form.Item>
        </Flex>
        <Flex gap={24} wrap>
          <Form.Item name="onceOnly" valuePropName="checked"><Checkbox>{t('learning.rulebook.onceOnly')}</Checkbox></Form.Item>
          <Form.Item name="evidenceRequired" valuePropName="checked"><Checkbox>{t('learning.rulebook.evidenceRequired')}</Checkbox></Form.Item>
        </Flex>
        <Form.Item name="earnMode" label={t('learning.rulebook.earnMode')} rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'auto', label: t('learning.earnMode.auto') }, { value: 'award', label: t('learning.earnMode.award') }]} />
        </Form.Item>
        {earnMode === 'auto' ? (
          <Form.Item name="outcomeKind" label={t('learning.rulebook.outcomeKind')} rules={[{ required: true, message: t('learning.rulebook.outcomeRequired') }]}>
            <Select options={OUTCOME_KINDS.map((k) => ({ value: k, label: t(`learning.outcome.${k}`) }))} />
          </Form.Item>
        ) : (
          <Flex gap={12}>
            <Form.Item name="awardRoles" label={t('learning.rulebook.awardBy')} style={{ flex: 1 }}>
              <Select mode="multiple" options={RULE_ROLES.map((r) => ({ value: r, label: t(`learning.role.${r}`) }))} />
            </Form.Item>
            <Form.Item name="approveRoles" label={t('learning.rulebook.approveBy')} extra={t('learning.rulebook.approveHint')} style={{ flex: 1 }}>
              <Select mode="multiple" options={RULE_ROLES.map((r) => ({ value: r, label: t(`learning.role.${r}`) }))} />
            </Form.Item>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}
