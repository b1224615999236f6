import { useEffect, useState, type FormEvent } from 'react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MyPostList } from '../../api/my-meetings';
import { errorText } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { Loading, Problem } from './ui';

interface PostThreadProps {
  posts: UseQueryResult<MyPostList>;
  send: UseMutationResult<unknown, Error, string>;
  canPost: boolean;
  /** Shows another page of the thread (undefined: the newest). */
  onPage: (page: number | undefined) => void;
  emptyText: string;
  /** The writing box stays at the bottom of the screen (a page that is only the thread). */
  sticky?: boolean;
}

/** A conversation, oldest first and the newest at the bottom, with a box to write in. */
export function PostThread({ posts, send, canPost, onPage, emptyText, sticky = true }: PostThreadProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const data = posts.data;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const newest = data ? data.page >= lastPage : false;
  const count = data?.items.length ?? 0;

  // A thread of its own opens at the newest post, and follows a post just sent (the page's
  // bottom: the writing box sticks there and would cover the last post otherwise).
  useEffect(() => {
    if (sticky && newest && count > 0) window.scrollTo(0, document.documentElement.scrollHeight);
  }, [sticky, newest, count]);

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    send.mutate(text.trim(), {
      onSuccess: () => {
        setText('');
        onPage(undefined);
      },
    });
  };

  if (posts.isLoading) return <Loading />;
  if (posts.isError) return <Problem error={posts.error} onRetry={() => void posts.refetch()} />;
  return (
    <>
      {data && data.page > 1 ? (
        <div className="mm-pager"><button type="button" onClick={() => onPage(data.page - 1)}>{t('mmeetings.thread.older')}</button></div>
      ) : null}
      {data && data.items.length ? (
        <ul className="mm-posts">
          {data.items.map((p) => (
            <li key={p.id} className={`mm-post${p.mine ? ' mm-post-mine' : ''}`}>
              <div className="mm-post-meta">{p.mine ? t('mmeetings.thread.me') : p.authorName} · {formatDateTime(p.createdAt)}</div>
              {p.hidden ? <p className="mm-pre mm-post-hidden">{t('mmeetings.thread.hidden')}</p> : <p className="mm-pre">{p.body}</p>}
            </li>
          ))}
        </ul>
      ) : <p className="m-empty">{emptyText}</p>}
      {data && data.page < lastPage ? (
        <div className="mm-pager"><button type="button" onClick={() => onPage(data.page + 1 >= lastPage ? undefined : data.page + 1)}>{t('mmeetings.thread.newer')}</button></div>
      ) : null}
      {canPost ? (
        <form className={sticky ? 'mm-composer mm-composer-sticky' : 'mm-composer'} onSubmit={handleSubmit}>
          {send.isError ? <div className="m-error" role="alert"><p>{errorText(t, send.error)}</p></div> : null}
          <label className="m-label" htmlFor="mm-post-body">{t('mmeetings.thread.write')}</label>
          <textarea id="mm-post-body" className="mm-textarea" maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('mmeetings.thread.placeholder')} />
          <button type="submit" className="m-button" disabled={send.isPending || !text.trim()}>{send.isPending ? t('mmeetings.thread.sending') : t('mmeetings.thread.send')}</button>
        </form>
      ) : null}
    </>
  );
}
