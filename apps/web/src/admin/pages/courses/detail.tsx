import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, List, Modal, Popconfirm, Radio, Tag, Typography, Upload } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadFile } from '../../../api/client';
import {
  chapterFileUrl, learningKeys, uploadChapterFile, useAddTextChapter, useArchiveCourse, useCourse, usePublishCourse, useRemoveChapter, useReorderChapters, useUpdateChapter,
  type Chapter, type Course, type FileChapterKind,
} from '../../../api/learning';
import { errorDetail, errorText } from '../../../shared/errors';
import { formatDateTime, orDash } from '../../../shared/format';
import { QueryState } from '../../components/page-state';
import { PageHeader } from '../../components/page-header';
import { PUBLISH_COLOR } from '../exams/list';
import { ChapterQuizModal } from './chapter-quiz';
import { CourseFormDrawer } from './list';

/**
 * Plain paragraphs (no tags at all) become <p> blocks, one per blank-line-separated block with
 * single line breaks kept; text that already has tags is sent as written (the server cleans it).
 */
export function paragraphsToHtml(text: string): string {
  if (/<[a-z!/]/i.test(text)) return text;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('\n');
}

const ACCEPT: Record<FileChapterKind, string> = { pdf: '.pdf', video: '.mp4,.webm', audio: '.mp3,.m4a' };

/** One course: its fields, its chapters (text, PDF, video, audio) in order, publishing and archiving. */
export function CourseDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().courseId);
  const course = useCourse(id);
  const publish = usePublishCourse();
  const archive = useArchiveCourse();
  const [editing, setEditing] = useState(false);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const c = course.data;
  return (
    <QueryState query={course}>
      {c ? (
        <>
          <PageHeader
            title={c.title}
            extra={
              <>
                <Link to="/courses"><Button>{t('learning.exams.back')}</Button></Link>
                {c.abilities.edit ? <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
                {c.abilities.publish ? (
                  <Popconfirm title={t('learning.courses.publishConfirm')} okText={t('learning.exams.publish')} cancelText={t('common.cancel')}
                    onConfirm={() => act(() => publish.mutateAsync({ id: c.id, version: c.version }), t('learning.exams.published'))}>
                    <Button type="primary">{t('learning.exams.publish')}</Button>
                  </Popconfirm>
                ) : null}
                {c.abilities.archive ? (
                  <Popconfirm title={t('learning.courses.archiveConfirm')} okText={t('learning.courses.archive')} cancelText={t('common.cancel')}
                    onConfirm={() => act(() => archive.mutateAsync({ id: c.id, version: c.version }), t('learning.courses.archived'))}>
                    <Button danger>{t('learning.courses.archive')}</Button>
                  </Popconfirm>
                ) : null}
              </>
            }
          >
            <Tag color={PUBLISH_COLOR[c.status]}>{t(`learning.publish.${c.status}`)}</Tag>
          </PageHeader>
          <Flex vertical gap={16}>
            <Card>
              <Descriptions size="small" column={2} items={[
                { key: 'org', label: t('learning.exams.org'), children: c.orgName },
                { key: 'category', label: t('learning.courses.category'), children: c.category },
                { key: 'lecturer', label: t('learning.courses.lecturer'), children: orDash(c.lecturer) },
                { key: 'hours', label: t('learning.courses.studyHours'), children: c.studyHours },
                { key: 'audience', label: t('learning.courses.audience'), children: c.audience.kind === 'subtree' ? `${t('learning.audience.subtree')}：${orDash(c.audience.orgName)}` : c.audience.kind === 'role' ? c.audience.roles.map((r) => t(`learning.role.${r}`)).join('、') : t('learning.audience.all') },
                { key: 'published', label: t('learning.publish.published'), children: formatDateTime(c.publishedAt) },
                ...(c.summary ? [{ key: 'summary', label: t('learning.courses.summary'), span: 2, children: c.summary }] : []),
              ]} />
            </Card>
            <Chapters course={c} />
          </Flex>
          <CourseFormDrawer open={editing} course={c} onClose={() => setEditing(false)} />
        </>
      ) : null}
    </QueryState>
  );
}

function Chapters({ course: c }: { course: Course }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useRemoveChapter();
  const reorder = useReorderChapters();
  const [editing, setEditing] = useState<Chapter | 'newText' | 'newFile' | null>(null);
  const [quizOf, setQuizOf] = useState<Chapter | null>(null);
  const can = c.abilities.editChapters;

  const move = async (index: number, by: number) => {
    const ids = c.chapters.map((ch) => ch.id);
    const [moved] = ids.splice(index, 1);
    if (moved === undefined) return;
    ids.splice(index + by, 0, moved);
    try {
      await reorder.mutateAsync({ id: c.id, version: c.version, chapterIds: ids });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const openFile = async (ch: Chapter) => {
    try {
      await downloadFile(chapterFileUrl(c.id, ch.id), ch.file?.fileName ?? ch.title);
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Card title={t('learning.courses.chapters')} extra={can ? (
      <Flex gap={8}>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('newText')}>{t('learning.courses.addText')}</Button>
        <Button icon={<UploadOutlined />} onClick={() => setEditing('newFile')}>{t('learning.courses.addFile')}</Button>
      </Flex>
    ) : null}>
      {can ? null : <Alert type="info" showIcon title={t('learning.courses.chaptersLocked')} style={{ marginBottom: 12 }} />}
      <List
        dataSource={c.chapters}
        locale={{ emptyText: t('learning.courses.noChapters') }}
        renderItem={(ch, index) => (
          <List.Item actions={[
            ...(ch.file ? [<Button key="file" size="small" type="link" onClick={() => void openFile(ch)}>{t('learning.courses.openFile')}</Button>] : []),
            ...(can ? [
              <Button key="up" size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => void move(index, -1)} aria-label={t('learning.courses.moveUp')} />,
              <Button key="down" size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === c.chapters.length - 1} onClick={() => void move(index, 1)} aria-label={t('learning.courses.moveDown')} />,
              <Button key="edit" size="small" type="link" onClick={() => setEditing(ch)}>{t('common.edit')}</Button>,
              <Button key="quiz" size="small" type="link" onClick={() => setQuizOf(ch)}>{ch.quiz ? t('learning.quizEditor.edit') : t('learning.quizEditor.add')}</Button>,
              <Popconfirm key="remove" title={t('learning.courses.removeConfirm', { title: ch.title })} okText={t('learning.rulebook.remove')} cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync({ id: c.id, chapterId: ch.id, version: c.version }).then(() => message.success(t('learning.courses.removed')), (e: unknown) => message.error(errorText(t, e)))}>
                <Button size="small" type="link" danger>{t('learning.rulebook.remove')}</Button>
              </Popconfirm>,
            ] : []),
          ]}>
            <List.Item.Meta
              title={`${index + 1}. ${ch.title}`}
              description={<>{t(`learning.chapterKind.${ch.kind}`)}{ch.file ? ` · ${ch.file.fileName}（${(ch.file.sizeBytes / 1024 / 1024).toFixed(1)} MB）` : ''}{ch.quiz ? ` · ${t('learning.courses.hasQuiz', { count: ch.quiz.questionIds.length, pass: ch.quiz.passCount })}` : ''}</>}
            />
          </List.Item>
        )}
      />
      <ChapterModal course={c} editing={editing} onClose={() => setEditing(null)} />
      <ChapterQuizModal course={c} chapter={quizOf} onClose={() => setQuizOf(null)} />
    </Card>
  );
}

/** Adds a text chapter, uploads a file chapter, or renames/re-edits an existing one. */
function ChapterModal({ course: c, editing, onClose }: { course: Course; editing: Chapter | 'newText' | 'newFile' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const add = useAddTextChapter();
  const update = useUpdateChapter();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<FileChapterKind>('pdf');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ch = typeof editing === 'object' ? editing : null;
    setTitle(ch?.title ?? '');
    setBody(ch?.body ?? '');
    setKind('pdf');
    setFile(null);
    setError(null);
  }, [editing]);

  const isFile = editing === 'newFile';
  const isText = editing === 'newText' || (editing !== null && typeof editing === 'object' && editing.kind === 'text');

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      if (editing === 'newText') await add.mutateAsync({ id: c.id, version: c.version, title, body: paragraphsToHtml(body) });
      else if (editing === 'newFile') {
        if (!file) return;
        await uploadChapterFile(c.id, { version: c.version, title, kind }, file);
        await client.invalidateQueries({ queryKey: learningKeys.all });
      } else if (editing) await update.mutateAsync({ id: c.id, chapterId: editing.id, version: c.version, title, body: editing.kind === 'text' ? paragraphsToHtml(body) : undefined });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={editing !== null} onCancel={onClose} onOk={() => void save()} width={760} okText={t('common.save')} cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: !title.trim() || (isFile && !file) || (editing === 'newText' && !body.trim()) }}
      title={editing === 'newText' ? t('learning.courses.addText') : isFile ? t('learning.courses.addFile') : t('learning.courses.editChapter')}>
      <Flex vertical gap={12}>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(t, error)} description={errorDetail(t, error)} /> : null}
        <label htmlFor="chapter-title"><Typography.Text>{t('learning.courses.chapterTitle')}</Typography.Text></label>
        <Input id="chapter-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
        {isText ? (
          <>
            <label htmlFor="chapter-body"><Typography.Text>{t('learning.courses.body')}</Typography.Text></label>
            <Typography.Text type="secondary">{t('learning.courses.bodyHint')}</Typography.Text>
            <Input.TextArea id="chapter-body" rows={14} value={body} onChange={(e) => setBody(e.target.value)} style={{ fontFamily: 'monospace' }} />
          </>
        ) : null}
        {isFile ? (
          <>
            <Radio.Group optionType="button" value={kind} onChange={(e) => { setKind(e.target.value); setFile(null); }}
              options={(['pdf', 'video', 'audio'] as const).map((k) => ({ value: k, label: t(`learning.chapterKind.${k}`) }))} />
            <Typography.Text type="secondary">{t(`learning.courses.fileHint.${kind}`)}</Typography.Text>
            <Upload accept={ACCEPT[kind]} maxCount={1} fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
              <Button icon={<UploadOutlined />}>{t('learning.courses.chooseFile')}</Button>
            </Upload>
          </>
        ) : null}
      </Flex>
    </Modal>
  );
}
