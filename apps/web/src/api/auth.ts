import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from './client';
import type { Me } from './types';

export const authKeys = { me: ['auth', 'me'] as const };

/** Every permission string the server knows (apps/server/src/platform/permissions.ts). */
export type Permission =
  | 'org.read' | 'org.write' | 'org.move'
  | 'enterprise.read' | 'enterprise.write'
  | 'member.read' | 'member.write' | 'member.reveal' | 'member.import' | 'member.export'
  | 'audit.read' | 'user.read' | 'user.write' | 'settings.write'
  | 'coverage.read' | 'survey.write' | 'standard.assess' | 'standard.review' | 'standard.manage'
  | 'department.manage' | 'cadre.assign' | 'visit.write' | 'request.write' | 'request.handle' | 'service.read'
  | 'meeting.read' | 'meeting.write' | 'venue.manage' | 'compliance.read' | 'compliance.exempt' | 'appraisal.manage'
  | 'course.manage' | 'question.manage' | 'question.review' | 'exam.manage'
  | 'points.manage' | 'points.award' | 'points.approve' | 'points.read';

async function fetchMe(): Promise<Me> {
  const me = await unwrap(api.GET('/api/auth/me'));
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in account; errors with 401 when there is no session. */
export function useMe(enabled = true) {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, enabled, staleTime: 5 * 60_000, retry: false });
}

export function hasPermission(me: Me | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => {
      setCsrfToken(null);
      return unwrap(api.POST('/api/auth/login', { body }));
    },
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery({ queryKey: authKeys.me, queryFn: fetchMe });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
    },
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/auth/password', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: authKeys.me }),
  });
}
