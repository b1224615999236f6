import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile } from '../../../api/client';
import {
  QUESTION_KINDS, QUESTION_STATUSES, questionExportUrl, useQuestions, useRetireQuestion, useSubmitQuestion,
  type Question, type QuestionKind, type QuestionListQuery, type QuestionStatus,
} from '../../../api/learning';
import { errorText } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import { useCan } from '../../access';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useApproveQuestions } from './approve-many';
import { QuestionFormDrawer } from './question-form';
import { ReviewModal } from './review-modal';

const STATUS_COLOR: Record<QuestionStatus, string> = { draft: 'default', pending: 'processing', approved: 'success', retired: 'warning' };

/** 题库: the questions the account writes or reviews, with filters, review and retirement. */
export function QuestionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [query, setQuery] = useState<QuestionListQuery>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const list = useQuestions(query);
  const submit = useSubmitQuestion();
  const retire = useRetireQuestion();
  const [editing, setEditing] = useState<Question | null | undefined>(undefined);
  const [reviewing, setReviewing] = useState<Question | null>(null);
  const approveMany = useApproveQuestions();
  // Only questions this reviewer may approve (pending, not their own) can be ticked.
  const [selected, setSelected] = useState<Question[]>([]);
  const reviewer = can('question.review');
  const handleApproveMany = async () => {
    const items = selected.map((q) => ({ id: q.id, version: q.version }));
    await act(() => approveMany.mutateAsync(items), t('questions.bulk.approved', { n: items.length }));
    setSelected([]);
  };

  const filter = (patch: Partial<QuestionListQuery>) => {
    setSelected([]);
    setQuery((q) => ({ ...q, ...patch, page: 1 }));
  };

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      // The server's own words, e.g. why one may not review one's own question.
      message.error(errorText(t, e));
    }
  };

  const handleExport = async () => {
    try {
      await downloadFile(questionExportUrl(query), t('learning.questions.exportName'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('learning.questions.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void handleExport()}>{t('learning.questions.export')}</Button>
            <Link to="/questions/import"><Button icon={<UploadOutlined />}>{t('learning.questions.import')}</Button></Link>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('learning.questions.new')}</Button>
          </>
        }
      >
        <Typography.Text type="secondary">{t('learning.questions.intro')}</Typography.Text>
      </PageHeader>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select<QuestionKind> allowClear placeholder={t('learning.questions.kind')} aria-label={t('learning.questions.kind')} style={{ width: 140 }}
            value={query.kind} onChange={(kind) => filter({ kind })} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`learning.kind.${k}`) }))} />
          <Select<QuestionStatus> allowClear placeholder={t('learning.questions.status')} aria-label={t('learning.questions.status')} style={{ width: 140 }}
            value={query.status} onChange={(status) => filter({ status })} options={QUESTION_STATUSES.map((s) => ({ value: s, label: t(`learning.status.${s}`) }))} />
          <Input allowClear placeholder={t('learning.questions.category')} aria-label={t('learning.questions.category')} style={{ width: 160 }}
            defaultValue={query.category} onBlur={(e) => filter({ category: e.target.value.trim() || undefined })} onPressEnter={(e) => filter({ category: e.currentTarget.value.trim() || undefined })} />
          <Input.Search allowClear placeholder={t('learning.questions.searchPlaceholder')} aria-label={t('learning.questions.searchPlaceholder')} style={{ width: 260 }}
            value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => filter({ q: v.trim() || undefined })} />
        </Flex>
        {reviewer ? (
          <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
            <Popconfirm title={t('questions.bulk.approveConfirm', { n: selected.length })} okText={t('learning.questions.approve')} cancelText={t('common.cancel')}
              onConfirm={handleApproveMany} disabled={selected.length === 0}>
              <Button type="primary" disabled={selected.length === 0} loading={approveMany.isPending}>{t('questions.bulk.approve', { n: selected.length })}</Button>
            </Popconfirm>
            <Typography.Text type="secondary">{t('questions.bulk.selectHint')}</Typography.Text>
          </Flex>
        ) : null}
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<Question>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowSelection={reviewer ? {
              selectedRowKeys: selected.map((q) => q.id),
              onChange: (_, rows) => setSelected(rows),
              getCheckboxProps: (q) => ({ disabled: !q.abilities.review, 'aria-label': t('questions.bulk.selectRow') }),
            } : undefined}
            locale={{ emptyText: t('learning.questions.empty') }}
            pagination={{
              current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => {
                setSelected([]);
                setQuery((q) => ({ ...q, page, pageSize }));
              },
            }}
            expandable={{
              expandedRowRender: (q) => (
                <Flex vertical gap={4}>
                  {q.options.map((o) => <Typography.Text key={o.key}>{o.key}. {o.text}</Typography.Text>)}
                  <Typography.Text>{t('learning.questions.answer')}：<Typography.Text strong>{q.answerText}</Typography.Text></Typography.Text>
                  {q.explanation ? <Typography.Text type="secondary">{t('learning.questions.explanation')}：{q.explanation}</Typography.Text> : null}
                  {q.reviewNote ? <Typography.Text type="warning">{t('learning.questions.reviewNote')}：{q.reviewNote}</Typography.Text> : null}
                  <Typography.Text type="secondary">
                    {t('learning.questions.authorLine', { org: q.orgName, author: q.createdByName ?? '—', at: formatDateTime(q.createdAt) })}
                    {q.reviewedByName ? ` · ${t('learning.questions.reviewedLine', { name: q.reviewedByName, at: formatDateTime(q.reviewedAt) })}` : ''}
                  </Typography.Text>
                </Flex>
              ),
            }}
            columns={[
              { key: 'stem', title: t('learning.questions.stem'), render: (_, q) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{q.stem}</Typography.Paragraph> },
              { key: 'kind', title: t('learning.questions.kind'), width: 90, render: (_, q) => t(`learning.kind.${q.kind}`) },
              { key: 'category', title: t('learning.questions.category'), width: 110, render: (_, q) => q.category },
              { key: 'difficulty', title: t('learning.questions.difficulty'), width: 70, render: (_, q) => q.difficulty },
              { key: 'status', title: t('learning.questions.status'), width: 100, render: (_, q) => <Tag color={STATUS_COLOR[q.status]}>{t(`learning.status.${q.status}`)}</Tag> },
              {
                key: 'actions', title: t('common.actions'), width: 230, render: (_, q) => (
                  <Flex gap={4} wrap>
                    {q.abilities.edit ? <Button size="small" type="link" onClick={() => setEditing(q)}>{t('common.edit')}</Button> : null}
                    {q.abilities.submit ? (
                      <Button size="small" type="link" onClick={() => void act(() => submit.mutateAsync({ id: q.id, version: q.version }), t('learning.questions.submitted'))}>{t('learning.questions.submit')}</Button>
                    ) : null}
                    {q.status === 'pending' && can('question.review') ? (
                      // Offered even when the server says no (one's own question, one's own level):
                      // trying shows its reason in the review dialog.
                      <Tooltip title={q.abilities.review ? undefined : t('learning.questions.notYourReview')}>
                        <Button size="small" type="link" onClick={() => setReviewing(q)}>{t('learning.questions.review')}</Button>
                      </Tooltip>
                    ) : null}
                    {q.abilities.retire ? (
                      <Popconfirm title={t('learning.questions.retireConfirm')} okText={t('learning.questions.retire')} cancelText={t('common.cancel')}
                        onConfirm={() => act(() => retire.mutateAsync({ id: q.id, version: q.version }), t('learning.questions.retired'))}>
                        <Button size="small" type="link" danger>{t('learning.questions.retire')}</Button>
                      </Popconfirm>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <QuestionFormDrawer open={editing !== undefined} question={editing ?? null} onClose={() => setEditing(undefined)} />
      <ReviewModal question={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
