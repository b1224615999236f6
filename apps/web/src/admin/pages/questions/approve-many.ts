import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { learningKeys } from '../../../api/learning';

/** Approves the chosen pending questions in one go (all or nothing on the server). */
export function useApproveQuestions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: { id: number; version: number }[]) => unwrap(api.POST('/api/questions/approve', { body: { items } })),
    onSettled: () => client.invalidateQueries({ queryKey: learningKeys.all }),
  });
}
