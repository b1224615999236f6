import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddThreadPost, useMyThread } from '../../api/my-meetings';
import { PostThread } from '../components/post-thread';
import { Shell } from '../components/ui';
import './meetings.css';

/** 网络e支部: my organisation's thread, for members who work elsewhere as much as those nearby. */
export function ThreadPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState<number | undefined>(undefined);
  const posts = useMyThread(page);
  const send = useAddThreadPost();

  return (
    <Shell title={t('mmeetings.thread.title')}>
      <p className="m-intro">{t('mmeetings.thread.intro')}</p>
      <PostThread posts={posts} send={send} canPost onPage={setPage} emptyText={t('mmeetings.thread.empty')} />
    </Shell>
  );
}
