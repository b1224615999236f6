import type { Access } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { TodoViewT } from '../todos/todo.routes';

/**
 * Reminders computed from the rules for the people responsible: required meetings of the
 * current period not yet held, near their deadline, in the organisations the caller runs.
 */
export async function complianceReminders(_ctx: AppContext, _access: Access): Promise<TodoViewT[]> {
  return [];
}
