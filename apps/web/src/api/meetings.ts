// Meetings for secretaries (三会一课 and the other kinds): planning, replies and leave,
// attendance, the rotating sign-in code, minutes, votes, optional files and the meeting thread.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, networkError, toApiError, unwrap, writeHeaders } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type MeetingListQuery = QueryOf<'/api/meetings', 'get'>;
export type MeetingList = ResponseOf<'/api/meetings', 'get'>;
export type MeetingSummary = MeetingList['items'][number];
export type MeetingDetail = ResponseOf<'/api/meetings/{id}', 'get'>;
export type Attendee = MeetingDetail['attendees'][number];
export type MeetingMinutes = NonNullable<MeetingDetail['minutes']>;
export type MeetingVote = MeetingDetail['votes'][number];
export type MeetingAttachment = MeetingDetail['attachments'][number];
export type PlanMeetingBody = BodyOf<'/api/meetings', 'post'>;
export type UpdateMeetingBody = BodyOf<'/api/meetings/{id}', 'put'>;
export type AttendanceEntry = BodyOf<'/api/meetings/{id}/attendance', 'put'>['entries'][number];
export type MinutesBody = BodyOf<'/api/meetings/{id}/minutes', 'put'>;
export type VoteBody = BodyOf<'/api/meetings/{id}/votes', 'post'>;
export type SignInCode = ResponseOf<'/api/meetings/{id}/sign-in-code', 'post'>;
export type PostList = ResponseOf<'/api/meetings/{id}/posts', 'get'>;
export type Post = PostList['items'][number];
export type VenueList = ResponseOf<'/api/venues', 'get'>;
export type Venue = VenueList['items'][number];

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: MeetingListQuery) => ['meetings', 'list', query] as const,
  detail: (id: number) => ['meetings', 'detail', id] as const,
  signInCode: (id: number) => ['meetings', 'sign-in-code', id] as const,
  posts: (id: number, page: number | undefined) => ['meetings', 'posts', id, page ?? 'last'] as const,
  venues: (q: string) => ['venues', 'options', q] as const,
};

export function useMeetingList(query: MeetingListQuery) {
  return useQuery({
    queryKey: meetingKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/meetings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/meetings/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: options.refetchInterval,
  });
}

/**
 * The current sign-in code. The server rotates it; each answer says when it expires, so the
 * next one is fetched a few seconds before that (the server still accepts the previous code).
 */
export function useSignInCode(id: number) {
  return useQuery({
    queryKey: meetingKeys.signInCode(id),
    queryFn: () => unwrap(api.POST('/api/meetings/{id}/sign-in-code', { params: { path: { id } } })),
    refetchInterval: (query) => {
      // Outside the sign-in window (or offline): look again now and then.
      if (query.state.status === 'error') return 30_000;
      const expiresAt = query.state.data?.expiresAt;
      if (!expiresAt) return 5_000;
      return Math.max(2_000, new Date(expiresAt).getTime() - Date.now() - 3_000);
    },
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
    retry: (count, error) => count < 2 && !(isApiError(error) && error.statusCode < 500 && error.statusCode > 0),
  });
}

/** A meeting write changes its detail, the lists (counts, minutes state) and venue calendars. */
function useMeetingWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: meetingKeys.all });
      await client.invalidateQueries({ queryKey: ['venues'] });
    },
  });
}

export const usePlanMeeting = () => useMeetingWrite((body: PlanMeetingBody) => unwrap(api.POST('/api/meetings', { body })));

export const useUpdateMeeting = (id: number) =>
  useMeetingWrite((body: UpdateMeetingBody) => unwrap(api.PUT('/api/meetings/{id}', { params: { path: { id } }, body })));

export const useCancelMeeting = (id: number) =>
  useMeetingWrite((body: { reason: string; version: number }) => unwrap(api.POST('/api/meetings/{id}/cancel', { params: { path: { id } }, body })));

export const useDecideLeave = (id: number) =>
  useMeetingWrite(({ memberId, decision, note }: { memberId: number; decision: 'approved' | 'rejected'; note?: string | null }) =>
    unwrap(api.POST('/api/meetings/{id}/leave/{memberId}', { params: { path: { id, memberId } }, body: { decision, note: note ?? null } })));

export const useMarkAttendance = (id: number) =>
  useMeetingWrite((entries: AttendanceEntry[]) => unwrap(api.PUT('/api/meetings/{id}/attendance', { params: { path: { id } }, body: { entries } })));

export const useSaveMinutes = (id: number) =>
  useMeetingWrite((body: MinutesBody) => unwrap(api.PUT('/api/meetings/{id}/minutes', { params: { path: { id } }, body })));

export const useConfirmMinutes = (id: number) =>
  useMeetingWrite((revision: number) => unwrap(api.POST('/api/meetings/{id}/minutes/confirm', { params: { path: { id } }, body: { revision } })));

export const useRecordVote = (id: number) =>
  useMeetingWrite((body: VoteBody) => unwrap(api.POST('/api/meetings/{id}/votes', { params: { path: { id } }, body })));

export const useDeleteAttachment = (id: number) =>
  useMeetingWrite((attachmentId: number) => unwrap(api.DELETE('/api/meetings/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })));

/** Uploads one optional file (multipart field `file`); the typed client does not describe the form. */
async function uploadAttachment({ id, file }: { id: number; file: File }): Promise<unknown> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/meetings/${id}/attachments`, { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body;
}

export const useUploadAttachment = () => useMeetingWrite(uploadAttachment);

export const attachmentUrl = (meetingId: number, attachmentId: number) => `/api/meetings/${meetingId}/attachments/${attachmentId}`;

/** The meeting's thread (网络e支部); without a page, the last one (the newest posts). */
export function useMeetingPosts(id: number, page?: number) {
  return useQuery({
    queryKey: meetingKeys.posts(id, page),
    queryFn: () => unwrap(api.GET('/api/meetings/{id}/posts', { params: { path: { id }, query: page ? { page } : {} } })),
    placeholderData: keepPreviousData,
  });
}

function usePostWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['meetings', 'posts'] }) });
}

export const useAddMeetingPost = (id: number) =>
  usePostWrite((body: string) => unwrap(api.POST('/api/meetings/{id}/posts', { params: { path: { id } }, body: { body } })));

export const useHidePost = () =>
  usePostWrite((postId: number) => unwrap(api.POST('/api/discussion-posts/{id}/hide', { params: { path: { id: postId } } })));

/** Shared venues (阵地) to book, searched by name. */
export function useVenueOptions(q: string) {
  return useQuery({
    queryKey: meetingKeys.venues(q),
    queryFn: () => unwrap(api.GET('/api/venues', { params: { query: { q: q || undefined, page: 1, pageSize: 50 } } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
