import type { Tx } from '../../db/database';

/**
 * 三同步: registering a newly settled company opens a survey task (排查摸底) for its town, due
 * after the survey window (setting). Called by the enterprise registry in the same transaction
 * as the registration. Returns the task's id.
 */
export async function openSurveyTask(_tx: Tx, _input: { enterpriseId: number; townOrgId: number; createdBy: number | null; today: string }): Promise<number> {
  throw new Error('survey tasks are not written yet');
}
