// Roster import (导入): upload → validate → report → commit. Shapes come from the generated
// schema; the multipart upload goes through fetch because the document describes no body for it.
import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { networkError, requestJson, toApiError, writeHeaders } from './client';
import type { paths } from './schema';

type JobResponse = paths['/api/import-jobs/{id}']['get']['responses'][200]['content']['application/json'];
type ErrorsResponse = paths['/api/import-jobs/{id}/errors']['get']['responses'][200]['content']['application/json'];

export type ImportJob = JobResponse;
export type ImportStatus = ImportJob['status'];
export type ImportMode = NonNullable<ImportJob['mode']>;
export type ImportErrorPage = ErrorsResponse;
export type ImportError = ImportErrorPage['items'][number];

export const importKeys = {
  job: (id: string) => ['import-jobs', id] as const,
  errors: (id: string, page: number, pageSize: number) => ['import-jobs', id, 'errors', page, pageSize] as const,
};

export const IMPORT_TEMPLATE_URL = '/api/members/import/template';

/** Uploads an .xlsx roster for validation; answers the import job's id. */
export async function uploadMemberImport(file: File, orgId: number): Promise<{ jobId: string }> {
  const form = new FormData();
  // Fields before the file: a streaming multipart reader sees orgId first.
  form.append('orgId', String(orgId));
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/members/import', { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as { jobId: string }; // the documented 202 body
}

const RUNNING: ReadonlySet<ImportStatus> = new Set(['validating', 'importing']);

export function isRunning(status: ImportStatus | undefined): boolean {
  return status !== undefined && RUNNING.has(status);
}

/** The import job, polled every second while the server works on it. */
export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: () => requestJson<ImportJob>('GET', `/api/import-jobs/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data && !isRunning(query.state.data.status) ? false : 1000),
  });
}

export function useImportErrors(id: string | undefined, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.errors(id ?? '', page, pageSize),
    queryFn: () => requestJson<ImportErrorPage>('GET', `/api/import-jobs/${encodeURIComponent(id ?? '')}/errors?page=${page}&pageSize=${pageSize}`),
    enabled: id !== undefined && enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCommitImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mode: ImportMode) => requestJson<{ jobId: string }>('POST', `/api/import-jobs/${encodeURIComponent(id)}/commit`, { mode }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: importKeys.job(id) });
    },
  });
}

/** After an import finishes, the roster and the counts in the tree are stale. */
export function useRefreshAfterImport() {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ['members'] });
    void client.invalidateQueries({ queryKey: ['orgs'] });
  }, [client]);
}
