import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuizQuestionPicker, useSetChapterQuiz, type Chapter, type Course, type QuizQuestionOption } from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';

const MAX_QUESTIONS = 10;

/**
 * A chapter's short quiz: approved questions picked from the bank (at most 10) and how many
 * must be right. Members see the questions without keys; the server checks the answers.
 */
export function ChapterQuizModal({ course: c, chapter, onClose }: { course: Course; chapter: Chapter | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSetChapterQuiz();
  const [selected, setSelected] = useState<number[]>([]);
  const [passCount, setPassCount] = useState<number>(1);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const open = chapter !== null;
  const picker = useQuizQuestionPicker(c.id, { q: q.trim() || undefined, category, page, pageSize: 10 }, open);
  // The stems of the questions already chosen (they may be on another page of the picker).
  const chosen = useQuizQuestionPicker(c.id, { ids: selected.join(','), page: 1, pageSize: MAX_QUESTIONS }, open && selected.length > 0);

  useEffect(() => {
    setSelected(chapter?.quiz?.questionIds ?? []);
    setPassCount(chapter?.quiz?.passCount ?? 1);
    setQ('');
    setCategory(undefined);
    setPage(1);
    setError(null);
  }, [chapter]);

  const toggle = (id: number) => setSelected((all) => (all.includes(id) ? all.filter((x) => x !== id) : all.length >= MAX_QUESTIONS ? all : [...all, id]));
  const write = async (quiz: { questionIds: number[]; passCount: number } | null) => {
    if (!chapter) return;
    setError(null);
    try {
      await save.mutateAsync({ id: c.id, chapterId: chapter.id, version: c.version, title: chapter.title, quiz });
      message.success(quiz ? t('learning.quizEditor.saved') : t('learning.quizEditor.removed'));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  const stemOf = new Map((chosen.data?.items ?? []).map((x) => [x.id, x]));

  return (
    <Modal open={open} width={820} onCancel={onClose} title={t('learning.quizEditor.title', { title: chapter?.title ?? '' })}
      footer={(
        <Flex justify="space-between">
          {chapter?.quiz ? (
            <Popconfirm title={t('learning.quizEditor.removeConfirm')} okText={t('learning.quizEditor.remove')} cancelText={t('common.cancel')} onConfirm={() => write(null)}>
              <Button danger>{t('learning.quizEditor.remove')}</Button>
            </Popconfirm>
          ) : <span />}
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} disabled={selected.length === 0 || passCount > selected.length}
              onClick={() => void write({ questionIds: selected, passCount })}>{t('common.save')}</Button>
          </Flex>
        </Flex>
      )}>
      <Flex vertical gap={12}>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
        <Typography.Text type="secondary">{t('learning.quizEditor.hint', { max: MAX_QUESTIONS })}</Typography.Text>
        <Typography.Text strong>{t('learning.quizEditor.chosen', { n: selected.length, max: MAX_QUESTIONS })}</Typography.Text>
        {selected.length === 0 ? <Typography.Text type="secondary">{t('learning.quizEditor.noneChosen')}</Typography.Text> : (
          <Flex vertical gap={4}>
            {selected.map((id, i) => (
              <Flex key={id} gap={8} align="center">
                <span>{i + 1}.</span>
                <Typography.Text style={{ flex: 1 }} ellipsis>{stemOf.get(id)?.stem ?? `#${id}`}</Typography.Text>
                <Button size="small" type="link" onClick={() => toggle(id)}>{t('learning.quizEditor.unpick')}</Button>
              </Flex>
            ))}
          </Flex>
        )}
        <Flex gap={8} align="center">
          <label htmlFor="quiz-pass"><Typography.Text>{t('learning.quizEditor.passCount')}</Typography.Text></label>
          <InputNumber id="quiz-pass" min={1} max={Math.max(1, selected.length)} precision={0} value={passCount} onChange={(v) => setPassCount(v ?? 1)} />
          <Typography.Text type="secondary">{t('learning.quizEditor.passHint', { n: selected.length })}</Typography.Text>
        </Flex>
        {passCount > selected.length && selected.length > 0 ? <Alert type="warning" showIcon title={t('learning.quizEditor.passTooHigh', { n: selected.length })} /> : null}
        <Flex gap={8} wrap>
          <Input.Search allowClear style={{ width: 280 }} placeholder={t('learning.quizEditor.search')} aria-label={t('learning.quizEditor.search')} onSearch={(v) => { setQ(v); setPage(1); }} />
          <Select allowClear style={{ minWidth: 180 }} placeholder={t('learning.quizEditor.category')} aria-label={t('learning.quizEditor.category')} value={category}
            onChange={(v) => { setCategory(v); setPage(1); }} options={(picker.data?.categories ?? []).map((x) => ({ value: x, label: x }))} />
        </Flex>
        <Table<QuizQuestionOption>
          rowKey="id"
          size="small"
          loading={picker.isFetching}
          dataSource={picker.data?.items ?? []}
          locale={{ emptyText: t('learning.quizEditor.empty') }}
          pagination={{ current: page, pageSize: 10, total: picker.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          rowSelection={{
            selectedRowKeys: selected,
            onSelect: (row) => toggle(row.id),
            hideSelectAll: true,
            getCheckboxProps: (row) => ({ disabled: !selected.includes(row.id) && selected.length >= MAX_QUESTIONS, 'aria-label': row.stem }),
          }}
          columns={[
            { key: 'kind', title: t('learning.questions.kind'), width: 80, render: (_, x) => <Tag>{t(`learning.kind.${x.kind}`)}</Tag> },
            { key: 'stem', title: t('learning.questions.stem'), render: (_, x) => x.stem },
            { key: 'answer', title: t('learning.quizEditor.answer'), width: 160, render: (_, x) => <Typography.Text type="secondary">{x.answerText}</Typography.Text> },
            { key: 'category', title: t('learning.quizEditor.category'), width: 110, render: (_, x) => x.category },
          ]}
        />
      </Flex>
    </Modal>
  );
}
