// The member's side of organisational life (/m): my meetings, replies, sign-in, joining
// online, the meeting and branch threads (网络e支部), and my to-dos.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BodyOf, ResponseOf } from './types';

export type MyMeetingList = ResponseOf<'/api/me/meetings', 'get'>;
export type MyMeetingSummary = MyMeetingList['items'][number];
export type MyMeeting = ResponseOf<'/api/me/meetings/{id}', 'get'>;
export type MyPart = MyMeeting['mine'];
export type MyPostList = ResponseOf<'/api/me/thread', 'get'>;
export type MyPost = MyPostList['items'][number];
export type Todo = ResponseOf<'/api/me/todos', 'get'>['items'][number];
export type MeetingWhen = 'upcoming' | 'past';

export const myMeetingKeys = {
  all: ['me', 'meetings'] as const,
  list: (when: MeetingWhen) => ['me', 'meetings', 'list', when] as const,
  detail: (id: number) => ['me', 'meetings', 'detail', id] as const,
  posts: (id: number, page: number | undefined) => ['me', 'meetings', 'posts', id, page ?? 'last'] as const,
  thread: (page: number | undefined) => ['me', 'thread', page ?? 'last'] as const,
  todos: ['me', 'todos'] as const,
};

const PAGE_SIZE = 20;

/** My meetings, upcoming (soonest first) or past, a page at a time ("more" loads the next). */
export function useMyMeetings(when: MeetingWhen) {
  return useInfiniteQuery({
    queryKey: myMeetingKeys.list(when),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/me/meetings', { params: { query: { when, page: pageParam, pageSize: PAGE_SIZE } } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function useMyMeeting(id: number) {
  return useQuery({
    queryKey: myMeetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/me/meetings/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useMyTodos() {
  return useQuery({ queryKey: myMeetingKeys.todos, queryFn: () => unwrap(api.GET('/api/me/todos')) });
}

/** A reply, sign-in or joining changes the meeting, my lists and my to-dos. */
function useMyWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: myMeetingKeys.all });
      await client.invalidateQueries({ queryKey: myMeetingKeys.todos });
    },
  });
}

export const useReply = (id: number) =>
  useMyWrite((body: { reply: 'attend' | 'leave'; reason?: string | null }) =>
    unwrap(api.POST('/api/me/meetings/{id}/reply', { params: { path: { id } }, body })));

export const useSignIn = () =>
  useMyWrite(({ id, token }: { id: number; token: string }) =>
    unwrap(api.POST('/api/me/meetings/{id}/sign-in', { params: { path: { id } }, body: { token } })));

export const useJoinOnline = (id: number) =>
  useMyWrite(() => unwrap(api.POST('/api/me/meetings/{id}/join-online', { params: { path: { id } } })));

export function useMyMeetingPosts(id: number, page?: number) {
  return useQuery({
    queryKey: myMeetingKeys.posts(id, page),
    queryFn: () => unwrap(api.GET('/api/me/meetings/{id}/posts', { params: { path: { id }, query: page ? { page } : {} } })),
    placeholderData: keepPreviousData,
  });
}

/** My organisation's online-branch thread; without a page, the last one (the newest posts). */
export function useMyThread(page?: number) {
  return useQuery({
    queryKey: myMeetingKeys.thread(page),
    queryFn: () => unwrap(api.GET('/api/me/thread', { params: { query: page ? { page } : {} } })),
    placeholderData: keepPreviousData,
  });
}

function usePostWrite<V, R>(fn: (vars: V) => Promise<R>, key: readonly unknown[]) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: key }) });
}

export const useAddMyMeetingPost = (id: number) =>
  usePostWrite((body: string) => unwrap(api.POST('/api/me/meetings/{id}/posts', { params: { path: { id } }, body: { body } })), ['me', 'meetings', 'posts', id]);

export const useAddThreadPost = () =>
  usePostWrite((body: string) => unwrap(api.POST('/api/me/thread', { body: { body } })), ['me', 'thread']);

/** The recorder writes the minutes from the phone too (same endpoint as the admin pages). */
export const useSaveMyMinutes = (id: number) =>
  useMyWrite((body: BodyOf<'/api/meetings/{id}/minutes', 'put'>) =>
    unwrap(api.PUT('/api/meetings/{id}/minutes', { params: { path: { id } }, body })));
