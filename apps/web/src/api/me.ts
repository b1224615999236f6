import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const meKeys = {
  profile: ['me', 'profile'] as const,
  org: ['me', 'org'] as const,
  accessLog: ['me', 'access-log'] as const,
};

export function useMyProfile() {
  return useQuery({ queryKey: meKeys.profile, queryFn: () => unwrap(api.GET('/api/me/profile')) });
}

export function useMyOrg() {
  return useQuery({ queryKey: meKeys.org, queryFn: () => unwrap(api.GET('/api/me/org')) });
}

export function useMyAccessLog() {
  return useQuery({ queryKey: meKeys.accessLog, queryFn: () => unwrap(api.GET('/api/me/access-log')) });
}
