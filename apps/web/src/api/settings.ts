// The deployment's rule settings: thresholds, deadlines and meeting frequencies with their legal basis.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ResponseOf } from './types';

export type Setting = ResponseOf<'/api/settings', 'get'>['items'][number];

const settingsKey = ['settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET('/api/settings')) });
}

export function useUpdateSetting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: string; value: unknown }) => unwrap(api.PUT('/api/settings/{key}', { params: { path: { key } }, body: { value } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKey }),
  });
}

export function useResetSetting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => unwrap(api.DELETE('/api/settings/{key}', { params: { path: { key } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKey }),
  });
}
