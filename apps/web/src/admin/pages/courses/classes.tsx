import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useClasses, useCourses, useCreateClass, useUpdateClass, type ClassDetail, type ClassListQuery, type ClassSummary } from '../../../api/learning';
import { ErrorAlert } from '../../components/error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** 网上党校培训班: classes of a year with enrolment and completion counts. */
export function ClassesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState<ClassListQuery>({ year: thisYear(), page: 1, pageSize: 20 });
  const list = useClasses(query);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('learning.classes.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('learning.classes.new')}</Button>}>
        <Typography.Text type="secondary">{t('learning.classes.intro')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('learning.pointsPage.year')}</Typography.Text>
          <InputNumber min={2000} max={2100} precision={0} value={query.year} aria-label={t('learning.pointsPage.year')} onChange={(v) => setQuery((q) => ({ ...q, year: v ?? undefined, page: 1 }))} />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<ClassSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('learning.classes.empty') }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
            columns={[
              { key: 'title', title: t('learning.classes.name'), render: (_, c) => <Link to={`/classes/${c.id}`}>{c.title}</Link> },
              { key: 'org', title: t('learning.exams.org'), width: 160, render: (_, c) => c.orgName },
              { key: 'dates', title: t('learning.classes.dates'), width: 210, render: (_, c) => `${c.startsOn} – ${c.endsOn}` },
              { key: 'hours', title: t('learning.classes.requiredHours'), width: 90, render: (_, c) => c.requiredHours },
              { key: 'enrolled', title: t('learning.classes.enrolledCompleted'), width: 120, render: (_, c) => `${c.enrolledCount} / ${c.completedCount}` },
              { key: 'status', title: t('learning.questions.status'), width: 90, render: (_, c) => <Tag color={c.status === 'open' ? 'processing' : 'default'}>{t(`learning.classStatus.${c.status}`)}</Tag> },
            ]}
          />
        )}
      </Card>
      <ClassFormDrawer open={creating} klass={null} onClose={(id) => { setCreating(false); if (id) void navigate(`/classes/${id}`); }} />
    </>
  );
}

interface ClassValues {
  orgId?: number;
  title: string;
  year: number;
  range?: [Dayjs, Dayjs];
  requiredHours: number;
  courseIds: number[];
  status?: 'open' | 'closed';
}

/** A class's fields and its courses (published courses only make sense to members). */
export function ClassFormDrawer({ open, klass, onClose }: { open: boolean; klass: ClassDetail | null; onClose: (createdId?: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClassValues>();
  const [courseQ, setCourseQ] = useState<string | undefined>();
  const courses = useCourses({ status: 'published', q: courseQ, page: 1, pageSize: 50 });
  const create = useCreateClass();
  const update = useUpdateClass();
  const server = useServerErrors(form, () => onClose());

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    server.clear();
    form.setFieldsValue(klass ? {
      title: klass.title, year: klass.year, range: [dayjs(klass.startsOn), dayjs(klass.endsOn)], requiredHours: klass.requiredHours, courseIds: klass.courses.map((c) => c.id), status: klass.status,
    } : { title: '', year: thisYear(), requiredHours: 32, courseIds: [] });
  }, [open, klass]);

  const known = new Map<number, string>([...(klass?.courses ?? []).map((c) => [c.id, c.title] as [number, string]), ...(courses.data?.items ?? []).map((c) => [c.id, `${c.title}（${c.studyHours}）`] as [number, string])]);

  const save = async () => {
    let v: ClassValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    server.clear();
    const fields = { title: v.title, year: v.year, startsOn: v.range?.[0].format('YYYY-MM-DD') ?? '', endsOn: v.range?.[1].format('YYYY-MM-DD') ?? '', requiredHours: v.requiredHours, courseIds: v.courseIds };
    try {
      if (klass) {
        await update.mutateAsync({ id: klass.id, body: { ...fields, status: v.status, version: klass.version } });
        message.success(t('common.saved'));
        onClose();
      } else {
        const r = await create.mutateAsync({ ...fields, orgId: v.orgId ?? 0 });
        message.success(t('common.saved'));
        onClose(r.id);
      }
    } catch (e) {
      server.handle(e);
    }
  };

  return (
    <Drawer open={open} onClose={() => onClose()} size="large" destroyOnHidden title={klass ? t('learning.classes.editTitle') : t('learning.classes.new')}
      footer={<Flex justify="flex-end" gap={8}><Button onClick={() => onClose()}>{t('common.cancel')}</Button><Button type="primary" loading={create.isPending || update.isPending} onClick={() => void save()}>{t('common.save')}</Button></Flex>}>
      {server.alert}
      <Form form={form} layout="vertical">
        {klass ? null : (
          <Form.Item name="orgId" label={t('learning.exams.org')} rules={[{ required: true, message: t('learning.exams.orgRequired') }]}><OrgTreeSelect aria-label={t('learning.exams.org')} /></Form.Item>
        )}
        <Form.Item name="title" label={t('learning.classes.name')} rules={[{ required: true, whitespace: true, message: t('learning.classes.nameRequired') }]}><Input maxLength={100} /></Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="year" label={t('learning.pointsPage.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} precision={0} /></Form.Item>
          <Form.Item name="range" label={t('learning.classes.dates')} rules={[{ required: true, message: t('learning.classes.datesRequired') }]}><DatePicker.RangePicker /></Form.Item>
          <Form.Item name="requiredHours" label={t('learning.classes.requiredHours')} rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
        </Flex>
        <Form.Item name="courseIds" label={t('learning.classes.courses')} extra={t('learning.classes.coursesHint')}>
          <Select mode="multiple" showSearch filterOption={false} onSearch={(v) => setCourseQ(v.trim() || undefined)} loading={courses.isFetching}
            options={[...known.entries()].map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {klass ? (
          <Form.Item name="status" label={t('learning.questions.status')}>
            <Select options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`learning.classStatus.${s}`) }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
