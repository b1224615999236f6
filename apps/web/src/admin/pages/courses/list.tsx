import { useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCourses, useCreateCourse, useUpdateCourse, type Course, type CourseListQuery, type CourseSummary, type CreateCourseBody } from '../../../api/learning';
import { formatDateTime } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { useServerErrors } from '../../components/server-error';
import { PUBLISH_COLOR } from '../exams/list';

type Audience = CreateCourseBody['audience'];
type Role = NonNullable<Audience['roles']>[number];
const ROLES: Role[] = ['member', 'orgAdmin', 'cadre', 'department', 'townCoordinator', 'cityAdmin'];

/** 课程: the courses the account manages; a course is built as a draft, then published. */
export function CoursesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState<CourseListQuery>({ page: 1, pageSize: 20 });
  const list = useCourses(query);
  const [creating, setCreating] = useState(false);
  const filter = (patch: Partial<CourseListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  return (
    <>
      <PageHeader title={t('learning.courses.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('learning.courses.new')}</Button>}>
        <Typography.Text type="secondary">{t('learning.courses.intro')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select<CourseSummary['status']> allowClear placeholder={t('learning.questions.status')} aria-label={t('learning.questions.status')} style={{ width: 120 }} value={query.status}
            onChange={(status) => filter({ status })} options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(`learning.publish.${s}`) }))} />
          <Input allowClear placeholder={t('learning.courses.category')} aria-label={t('learning.courses.category')} style={{ width: 160 }}
            onPressEnter={(e) => filter({ category: e.currentTarget.value.trim() || undefined })} onBlur={(e) => filter({ category: e.target.value.trim() || undefined })} />
          <Input.Search allowClear placeholder={t('learning.courses.searchPlaceholder')} aria-label={t('learning.courses.searchPlaceholder')} style={{ width: 240 }} onSearch={(v) => filter({ q: v.trim() || undefined })} />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<CourseSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('learning.courses.empty') }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })) }}
            columns={[
              { key: 'title', title: t('learning.courses.name'), render: (_, c) => <Link to={`/courses/${c.id}`}>{c.title}</Link> },
              { key: 'category', title: t('learning.courses.category'), width: 110, render: (_, c) => c.category },
              { key: 'org', title: t('learning.exams.org'), width: 160, render: (_, c) => c.orgName },
              { key: 'hours', title: t('learning.courses.studyHours'), width: 70, render: (_, c) => c.studyHours },
              { key: 'chapters', title: t('learning.courses.chapterCount'), width: 70, render: (_, c) => c.chapterCount },
              { key: 'completed', title: t('learning.courses.completedCount'), width: 90, render: (_, c) => c.completedCount },
              { key: 'status', title: t('learning.questions.status'), width: 150, render: (_, c) => <><Tag color={PUBLISH_COLOR[c.status]}>{t(`learning.publish.${c.status}`)}</Tag>{c.publishedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.publishedAt)}</Typography.Text> : null}</> },
            ]}
          />
        )}
      </Card>
      <CourseFormDrawer open={creating} course={null} onClose={(id) => { setCreating(false); if (id) void navigate(`/courses/${id}`); }} />
    </>
  );
}

interface CourseValues {
  orgId?: number;
  title: string;
  category: string;
  summary?: string;
  lecturer?: string;
  studyHours: number;
  audienceKind: Audience['kind'];
  audienceOrgId?: number;
  audienceRoles?: Role[];
}

/** The course's own fields (chapters are edited on the course page). */
export function CourseFormDrawer({ open, course, onClose }: { open: boolean; course: Course | null; onClose: (createdId?: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseValues>();
  const create = useCreateCourse();
  const update = useUpdateCourse();
  const server = useServerErrors(form, () => onClose());
  const audienceKind = Form.useWatch('audienceKind', form) ?? 'all';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    server.clear();
    form.setFieldsValue(course ? {
      title: course.title, category: course.category, summary: course.summary ?? undefined, lecturer: course.lecturer ?? undefined, studyHours: course.studyHours,
      audienceKind: course.audience.kind, audienceOrgId: course.audience.orgId ?? undefined, audienceRoles: course.audience.roles as Role[],
    } : { title: '', category: '', studyHours: 1, audienceKind: 'all' });
  }, [open, course]);

  const save = async () => {
    let v: CourseValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    server.clear();
    const audience: Audience = v.audienceKind === 'subtree' ? { kind: 'subtree', orgId: v.audienceOrgId } : v.audienceKind === 'role' ? { kind: 'role', roles: v.audienceRoles ?? [] } : { kind: 'all' };
    const fields = { title: v.title, category: v.category, summary: v.summary?.trim() ? v.summary : null, lecturer: v.lecturer?.trim() ? v.lecturer : null, studyHours: v.studyHours, audience };
    try {
      if (course) {
        await update.mutateAsync({ id: course.id, body: { ...fields, version: course.version } });
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
    <Drawer open={open} onClose={() => onClose()} size="large" destroyOnHidden title={course ? t('learning.courses.editTitle') : t('learning.courses.new')}
      footer={<Flex justify="flex-end" gap={8}><Button onClick={() => onClose()}>{t('common.cancel')}</Button><Button type="primary" loading={create.isPending || update.isPending} onClick={() => void save()}>{t('common.save')}</Button></Flex>}>
      {server.alert}
      <Form form={form} layout="vertical">
        {course ? null : (
          <Form.Item name="orgId" label={t('learning.exams.org')} rules={[{ required: true, message: t('learning.exams.orgRequired') }]}>
            <OrgTreeSelect aria-label={t('learning.exams.org')} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('learning.courses.name')} rules={[{ required: true, whitespace: true, message: t('learning.courses.nameRequired') }]}><Input maxLength={100} /></Form.Item>
        <Flex gap={16}>
          <Form.Item name="category" label={t('learning.courses.category')} style={{ flex: 1 }} rules={[{ required: true, whitespace: true, message: t('learning.courses.categoryRequired') }]}><Input maxLength={30} /></Form.Item>
          <Form.Item name="lecturer" label={t('learning.courses.lecturer')} style={{ flex: 1 }}><Input maxLength={60} /></Form.Item>
          <Form.Item name="studyHours" label={t('learning.courses.studyHours')} rules={[{ required: true, message: t('learning.courses.hoursRequired') }]}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('learning.courses.summary')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="audienceKind" label={t('learning.courses.audience')}>
          <Radio.Group options={(['all', 'subtree', 'role'] as const).map((k) => ({ value: k, label: t(`learning.audience.${k}`) }))} />
        </Form.Item>
        {audienceKind === 'subtree' ? (
          <Form.Item name="audienceOrgId" label={t('learning.exams.audienceOrg')} rules={[{ required: true, message: t('learning.exams.audienceOrgRequired') }]}><OrgTreeSelect aria-label={t('learning.exams.audienceOrg')} /></Form.Item>
        ) : null}
        {audienceKind === 'role' ? (
          <Form.Item name="audienceRoles" label={t('learning.exams.audienceRoles')} rules={[{ required: true, type: 'array', min: 1, message: t('learning.exams.audienceRolesRequired') }]}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`learning.role.${r}`) }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
