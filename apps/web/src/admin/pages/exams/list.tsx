import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useExams, type ExamKind, type ExamListQuery, type ExamSummary } from '../../../api/learning';
import { formatDateTime } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ExamFormDrawer } from './exam-form';

type PublishStatus = ExamSummary['status'];
export const PUBLISH_COLOR: Record<PublishStatus, string> = { draft: 'default', published: 'success', archived: 'warning' };

/** 考试与竞赛: every exam and contest the account organises, newest first. */
export function ExamsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<ExamListQuery>({ page: 1, pageSize: 20 });
  const list = useExams(query);
  const [creating, setCreating] = useState<ExamKind | null>(null);
  const filter = (patch: Partial<ExamListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  return (
    <>
      <PageHeader
        title={t('learning.exams.title')}
        extra={
          <>
            <Button icon={<PlusOutlined />} onClick={() => setCreating('contest')}>{t('learning.exams.newContest')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('exam')}>{t('learning.exams.newExam')}</Button>
          </>
        }
      >
        <Typography.Text type="secondary">{t('learning.exams.intro')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select<ExamKind> allowClear placeholder={t('learning.exams.kind')} aria-label={t('learning.exams.kind')} style={{ width: 120 }} value={query.kind}
            onChange={(kind) => filter({ kind })} options={[{ value: 'exam', label: t('learning.exams.kindExam') }, { value: 'contest', label: t('learning.exams.kindContest') }]} />
          <Select<PublishStatus> allowClear placeholder={t('learning.questions.status')} aria-label={t('learning.questions.status')} style={{ width: 120 }} value={query.status}
            onChange={(status) => filter({ status })} options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(`learning.publish.${s}`) }))} />
          <Input.Search allowClear placeholder={t('learning.exams.searchPlaceholder')} aria-label={t('learning.exams.searchPlaceholder')} style={{ width: 240 }}
            onSearch={(v) => filter({ q: v.trim() || undefined })} />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<ExamSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('learning.exams.empty') }}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
            }}
            columns={[
              { key: 'title', title: t('learning.exams.name'), render: (_, e) => <Link to={`/exams/${e.id}`}>{e.title}</Link> },
              { key: 'kind', title: t('learning.exams.kind'), width: 80, render: (_, e) => (e.kind === 'contest' ? t('learning.exams.kindContest') : t('learning.exams.kindExam')) },
              { key: 'org', title: t('learning.exams.org'), width: 160, render: (_, e) => e.orgName },
              { key: 'window', title: t('learning.exams.window'), width: 260, render: (_, e) => `${formatDateTime(e.opensAt)} – ${formatDateTime(e.closesAt)}` },
              { key: 'questions', title: t('learning.exams.questionCount'), width: 80, render: (_, e) => e.questionCount },
              { key: 'attempts', title: t('learning.exams.attemptsPassed'), width: 110, render: (_, e) => `${e.attempts} / ${e.passed}` },
              { key: 'status', title: t('learning.questions.status'), width: 90, render: (_, e) => <Tag color={PUBLISH_COLOR[e.status]}>{t(`learning.publish.${e.status}`)}</Tag> },
            ]}
          />
        )}
      </Card>
      <ExamFormDrawer open={creating !== null} exam={null} kind={creating ?? 'exam'} onClose={() => setCreating(null)} />
    </>
  );
}
