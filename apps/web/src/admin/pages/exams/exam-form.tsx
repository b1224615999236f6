import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  PAPER_MODES, QUESTION_KINDS, useCreateExam, useExamQuestionPicker, useUpdateExam,
  type CreateExamBody, type Exam, type ExamKind, type PaperMode, type QuestionKind,
} from '../../../api/learning';
import { shanghaiIso, shanghaiWallClock } from '../../../shared/meeting-time';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useServerErrors } from '../../components/server-error';

type Audience = NonNullable<CreateExamBody['audience']>;
type Role = NonNullable<Audience['roles']>[number];
const ROLES: Role[] = ['member', 'orgAdmin', 'cadre', 'department', 'townCoordinator', 'cityAdmin'];
const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

interface FormValues {
  orgId?: number;
  kind: ExamKind;
  title: string;
  instructions?: string;
  paperMode: PaperMode;
  questionIds: number[];
  randomCount: number;
  randomCategories: string[];
  pointsPerQuestion: number;
  timeLimitMinutes?: number | null;
  secondsPerQuestion?: number | null;
  opensAt?: Dayjs;
  closesAt?: Dayjs;
  passMark: number;
  attemptsAllowed: number;
  leaderboard: boolean;
  audienceKind: Audience['kind'];
  audienceOrgId?: number;
  audienceRoles?: Role[];
}

const wall = (iso: string) => dayjs(shanghaiWallClock(iso), TIME_FORMAT);

function initialValues(exam: Exam | null, kind: ExamKind): FormValues {
  if (!exam) {
    return {
      kind, title: '', paperMode: 'fixed', questionIds: [], randomCount: 0, randomCategories: [], pointsPerQuestion: kind === 'contest' ? 1 : 5,
      timeLimitMinutes: kind === 'exam' ? 30 : null, secondsPerQuestion: kind === 'contest' ? 20 : null, passMark: kind === 'exam' ? 60 : 0,
      attemptsAllowed: 1, leaderboard: false, audienceKind: 'all',
    };
  }
  return {
    orgId: exam.orgId, kind: exam.kind, title: exam.title, instructions: exam.instructions ?? undefined, paperMode: exam.paperMode,
    questionIds: exam.questions.map((q) => q.id), randomCount: exam.randomCount, randomCategories: exam.randomCategories,
    pointsPerQuestion: exam.pointsPerQuestion, timeLimitMinutes: exam.timeLimitMinutes, secondsPerQuestion: exam.secondsPerQuestion,
    opensAt: wall(exam.opensAt), closesAt: wall(exam.closesAt), passMark: exam.passMark, attemptsAllowed: exam.attemptsAllowed, leaderboard: exam.leaderboard,
    audienceKind: exam.audience.kind, audienceOrgId: exam.audience.orgId ?? undefined, audienceRoles: exam.audience.roles as Role[],
  };
}

function toBody(v: FormValues) {
  const contest = v.kind === 'contest';
  const audience: Audience = v.audienceKind === 'subtree' ? { kind: 'subtree', orgId: v.audienceOrgId }
    : v.audienceKind === 'role' ? { kind: 'role', roles: v.audienceRoles ?? [] } : { kind: 'all' };
  return {
    title: v.title,
    instructions: v.instructions?.trim() ? v.instructions : null,
    paperMode: v.paperMode,
    questionIds: v.paperMode === 'random' ? [] : v.questionIds,
    randomCount: v.paperMode === 'fixed' ? 0 : v.randomCount,
    randomCategories: v.paperMode === 'fixed' ? [] : v.randomCategories,
    pointsPerQuestion: v.pointsPerQuestion,
    timeLimitMinutes: contest ? null : (v.timeLimitMinutes ?? null),
    secondsPerQuestion: contest ? (v.secondsPerQuestion ?? null) : null,
    opensAt: shanghaiIso(v.opensAt?.format(TIME_FORMAT) ?? ''),
    closesAt: contest || !v.closesAt ? undefined : shanghaiIso(v.closesAt.format(TIME_FORMAT)),
    passMark: v.passMark,
    attemptsAllowed: contest ? 1 : v.attemptsAllowed,
    leaderboard: contest ? v.leaderboard : false,
    audience,
  };
}

/** Picks approved questions the exam's organisation may use (keys shown: the organiser checks the paper). */
function QuestionPicker({ orgId, value = [], onChange }: { orgId?: number; value?: number[]; onChange?: (ids: number[]) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<QuestionKind | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const picker = useExamQuestionPicker(orgId ? { orgId, kind, category, q, page, pageSize: 10 } : undefined);
  if (!orgId) return <Typography.Text type="secondary">{t('learning.exams.pickOrgFirst')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Select<QuestionKind> allowClear placeholder={t('learning.questions.kind')} aria-label={t('learning.questions.kind')} style={{ width: 130 }} value={kind}
          onChange={(v) => { setKind(v); setPage(1); }} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`learning.kind.${k}`) }))} />
        <Select<string> allowClear placeholder={t('learning.questions.category')} aria-label={t('learning.questions.category')} style={{ width: 160 }} value={category}
          onChange={(v) => { setCategory(v); setPage(1); }} options={(picker.data?.categories ?? []).map((c) => ({ value: c.category, label: `${c.category}（${c.count}）` }))} />
        <Input.Search allowClear placeholder={t('learning.questions.searchPlaceholder')} style={{ width: 200 }} onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} />
      </Flex>
      <Typography.Text>{t('learning.exams.selected', { count: value.length })}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        loading={picker.isFetching}
        dataSource={picker.data?.items ?? []}
        locale={{ emptyText: t('learning.exams.noApproved') }}
        rowSelection={{
          selectedRowKeys: value,
          preserveSelectedRowKeys: true,
          // Keeps the order of choosing: a fixed paper is asked in this order.
          onChange: (keys) => onChange?.([...value.filter((id) => keys.includes(id)), ...keys.map(Number).filter((id) => !value.includes(id))]),
        }}
        pagination={{ current: page, pageSize: 10, total: picker.data?.total ?? 0, onChange: setPage, size: 'small' }}
        columns={[
          { key: 'stem', title: t('learning.questions.stem'), render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 360 }}>{r.stem}</Typography.Text> },
          { key: 'kind', title: t('learning.questions.kind'), width: 90, render: (_, r) => t(`learning.kind.${r.kind}`) },
          { key: 'category', title: t('learning.questions.category'), width: 90, render: (_, r) => r.category },
          { key: 'answer', title: t('learning.questions.answer'), width: 120, render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 120 }}>{r.answerText}</Typography.Text> },
        ]}
      />
    </Flex>
  );
}

/** Create or edit an exam or a contest (drafts only; publishing is a separate step). */
export function ExamFormDrawer({ open, exam, kind, onClose }: { open: boolean; exam: Exam | null; kind: ExamKind; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateExam();
  const update = useUpdateExam();
  const server = useServerErrors(form, onClose);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const currentKind = values?.kind ?? exam?.kind ?? kind;
  const contest = currentKind === 'contest';
  const paperMode = values?.paperMode ?? 'fixed';
  const audienceKind = values?.audienceKind ?? 'all';

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues(exam, kind));
      server.clear();
    }
  }, [open, exam, kind]);

  const save = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    server.clear();
    try {
      if (exam) await update.mutateAsync({ id: exam.id, body: { ...toBody(v), version: exam.version } });
      else await create.mutateAsync({ ...toBody(v), orgId: v.orgId ?? 0, kind: v.kind });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      server.handle(e);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={exam ? t('learning.exams.editTitle') : contest ? t('learning.exams.newContest') : t('learning.exams.newExam')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => void save()}>{t('learning.exams.saveDraft')}</Button>
        </Flex>
      }
    >
      {server.alert}
      <Form form={form} layout="vertical" initialValues={initialValues(exam, kind)}>
        <Form.Item name="kind" label={t('learning.exams.kind')}>
          <Radio.Group optionType="button" disabled={!!exam} options={[{ value: 'exam', label: t('learning.exams.kindExam') }, { value: 'contest', label: t('learning.exams.kindContest') }]} />
        </Form.Item>
        {exam ? (
          <Form.Item label={t('learning.exams.org')}><Typography.Text>{exam.orgName}</Typography.Text></Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('learning.exams.org')} rules={[{ required: true, message: t('learning.exams.orgRequired') }]}>
            <OrgTreeSelect aria-label={t('learning.exams.org')} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('learning.exams.name')} rules={[{ required: true, whitespace: true, message: t('learning.exams.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="instructions" label={t('learning.exams.instructions')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="paperMode" label={t('learning.exams.paperMode')} extra={t(`learning.paperModeHint.${paperMode}`)}>
          <Radio.Group optionType="button" options={PAPER_MODES.map((m) => ({ value: m, label: t(`learning.paperMode.${m}`) }))} />
        </Form.Item>
        {paperMode !== 'random' ? (
          <Form.Item name="questionIds" label={t('learning.exams.fixedQuestions')}>
            <QuestionPicker orgId={values?.orgId ?? exam?.orgId} />
          </Form.Item>
        ) : null}
        {paperMode !== 'fixed' ? (
          <Flex gap={16} wrap>
            <Form.Item name="randomCount" label={t('learning.exams.randomCount')} rules={[{ required: true }]}>
              <InputNumber min={0} max={200} precision={0} />
            </Form.Item>
            <Form.Item name="randomCategories" label={t('learning.exams.randomCategories')} extra={t('learning.exams.randomCategoriesHint')} style={{ flex: 1, minWidth: 240 }}>
              <Select mode="tags" open={false} tokenSeparators={['，', ',']} aria-label={t('learning.exams.randomCategories')} />
            </Form.Item>
          </Flex>
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item name="pointsPerQuestion" label={t('learning.exams.pointsPerQuestion')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={100} step={0.5} />
          </Form.Item>
          {contest ? (
            <Form.Item name="secondsPerQuestion" label={t('learning.exams.secondsPerQuestion')} rules={[{ required: true, message: t('learning.exams.secondsRequired') }]}>
              <InputNumber min={5} max={600} precision={0} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="timeLimitMinutes" label={t('learning.exams.timeLimit')} extra={t('learning.exams.timeLimitHint')}>
                <InputNumber min={1} max={600} precision={0} />
              </Form.Item>
              <Form.Item name="passMark" label={t('learning.exams.passMark')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100000} />
              </Form.Item>
              <Form.Item name="attemptsAllowed" label={t('learning.exams.attempts')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10} precision={0} />
              </Form.Item>
            </>
          )}
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="opensAt" label={t('learning.exams.opensAt')} rules={[{ required: true, message: t('learning.exams.opensAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} />
          </Form.Item>
          {contest ? null : (
            <Form.Item name="closesAt" label={t('learning.exams.closesAt')} rules={[{ required: true, message: t('learning.exams.closesAtRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="audienceKind" label={t('learning.exams.audience')}>
          <Radio.Group options={(['all', 'subtree', 'role'] as const).map((k) => ({ value: k, label: t(`learning.audience.${k}`) }))} />
        </Form.Item>
        {audienceKind === 'subtree' ? (
          <Form.Item name="audienceOrgId" label={t('learning.exams.audienceOrg')} rules={[{ required: true, message: t('learning.exams.audienceOrgRequired') }]}>
            <OrgTreeSelect aria-label={t('learning.exams.audienceOrg')} />
          </Form.Item>
        ) : null}
        {audienceKind === 'role' ? (
          <Form.Item name="audienceRoles" label={t('learning.exams.audienceRoles')} rules={[{ required: true, type: 'array', min: 1, message: t('learning.exams.audienceRolesRequired') }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`learning.role.${r}`) }))} />
          </Form.Item>
        ) : null}
        {contest ? (
          <>
            <Form.Item name="leaderboard" label={t('learning.exams.leaderboard')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Alert type="info" showIcon title={t('learning.exams.leaderboardPolicy')} />
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
