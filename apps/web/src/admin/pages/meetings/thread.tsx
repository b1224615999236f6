import { useState } from 'react';
import { App, Button, Empty, Flex, Input, List, Popconfirm, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAddMeetingPost, useHidePost, useMeetingPosts, type MeetingDetail, type Post } from '../../../api/meetings';
import { errorText } from '../../../shared/errors';
import { formatDateTime } from '../../../shared/format';
import { ErrorAlert } from '../../components/error-alert';

/** The meeting's discussion (网络e支部): members who are elsewhere take part here too. */
export function ThreadPanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState<number | undefined>(undefined);
  const posts = useMeetingPosts(m.id, page);
  const add = useAddMeetingPost(m.id);
  const hide = useHidePost();
  const [text, setText] = useState('');
  const data = posts.data;
  const current = data?.page ?? 1;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const handleSend = () => add.mutate(text.trim(), {
    onSuccess: () => {
      setText('');
      setPage(undefined);
    },
    onError: (error) => message.error(errorText(t, error)),
  });
  const handleHide = (p: Post) => hide.mutateAsync(p.id)
    .then(() => { message.success(t('meetings.thread.hidden')); })
    .catch((error: unknown) => { message.error(errorText(t, error)); });

  if (posts.isLoading) return <Flex justify="center" style={{ padding: 24 }}><Spin /></Flex>;
  if (posts.isError) return <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('meetings.thread.intro')}</Typography.Text>
      {current > 1 ? <Button size="small" style={{ alignSelf: 'center' }} onClick={() => setPage(current - 1)}>{t('meetings.thread.older')}</Button> : null}
      {data && data.items.length ? (
        <List<Post>
          dataSource={data.items}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              actions={data.canHide && !p.hidden ? [
                <Popconfirm key="hide" title={t('meetings.thread.hideConfirm')} okText={t('meetings.thread.hide')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => handleHide(p)}>
                  <Button type="link" size="small" danger>{t('meetings.thread.hide')}</Button>
                </Popconfirm>,
              ] : undefined}
            >
              <List.Item.Meta
                title={<Flex gap={8}><span>{p.authorName}</span><Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{formatDateTime(p.createdAt)}</Typography.Text></Flex>}
                description={p.hidden ? <Typography.Text type="secondary" italic>{t('meetings.thread.hiddenPost')}</Typography.Text> : <span style={{ whiteSpace: 'pre-wrap', color: 'inherit' }}>{p.body}</span>}
              />
            </List.Item>
          )}
        />
      ) : <Empty description={t('meetings.thread.empty')} />}
      {current < lastPage ? <Button size="small" style={{ alignSelf: 'center' }} onClick={() => setPage(current + 1 >= lastPage ? undefined : current + 1)}>{t('meetings.thread.newer')}</Button> : null}
      {m.abilities.canPost ? (
        <Flex vertical gap={8}>
          <Input.TextArea rows={3} maxLength={2000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder={t('meetings.thread.placeholder')} aria-label={t('meetings.thread.placeholder')} />
          <Button type="primary" style={{ alignSelf: 'flex-end' }} disabled={!text.trim()} loading={add.isPending} onClick={handleSend}>{t('meetings.thread.send')}</Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
