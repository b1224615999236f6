import { addDays, computeCompliance, daysBetween, deadlineTitle, HeldTally, todayInShanghai } from '@hongyun/shared';
import type { Access } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { TodoViewT } from '../todos/todo.schemas';
import { createComplianceRepository } from './compliance.repository';
import { complianceOrgOf, loadMeetingRules, talliesOf } from './compliance.rules';

/** Remind this many days before a period's last day, and for this many days after it ended unmet. */
const WINDOW_DAYS = 7;
/** A secretary runs a handful of branches; a grant high up the tree is not a secretary's. */
const MAX_ORGS = 30;

/**
 * Reminders computed from the rules for the people responsible: required meetings of the
 * current period not yet held, near their deadline (or just past it: the minutes may still
 * need confirming), in the organisations the caller runs as secretary (orgAdmin grants).
 * Town and city staff get none: reminders go to those who hold the meetings, never as lists
 * of others' shortfalls.
 */
export async function complianceReminders(ctx: AppContext, access: Access, today = todayInShanghai()): Promise<TodoViewT[]> {
  const paths = access.actor.grants.filter((g) => g.role === 'orgAdmin').map((g) => g.orgPath);
  if (paths.length === 0) return [];
  const repo = createComplianceRepository(ctx.db);
  const branches = await repo.branchesUnder(paths, MAX_ORGS);
  if (branches.length === 0) return [];
  // Early in January the periods just ended belong to last year.
  const years = [...new Set([Number(addDays(today, -WINDOW_DAYS).slice(0, 4)), Number(today.slice(0, 4))])];
  const ids = branches.map((b) => b.id);
  const rules = await loadMeetingRules(ctx.db);
  const items: TodoViewT[] = [];
  for (const year of years) {
    const [facts, held, exemptions] = await Promise.all([
      repo.branchFacts({ rootPath: null, year, orgIds: ids }),
      repo.heldMonths({ rootPath: null, year, orgIds: ids }),
      repo.approvedExemptions({ rootPath: null, year, orgIds: ids }),
    ]);
    const tallies = talliesOf(year, held);
    for (const f of facts) {
      const result = computeCompliance({
        org: complianceOrgOf(f, f), year, today, rules, held: tallies.get(f.id) ?? new HeldTally(), exemptions: exemptions.filter((e) => e.orgId === f.id),
      });
      for (const row of result.rows) {
        for (const cell of row.cells) {
          const daysLeft = daysBetween(today, cell.end);
          const soon = cell.status === 'due' && daysLeft <= WINDOW_DAYS;
          const justMissed = cell.status === 'missed' && daysLeft >= -WINDOW_DAYS;
          if (!soon && !justMissed) continue;
          const title = deadlineTitle(row.kind, cell.periodKey, cell.required, cell.held, daysLeft, row.partyGroupName);
          items.push({ id: null, kind: 'compliance.due', title: facts.length > 1 ? `${f.name}：${title}` : title, link: `/compliance/${f.id}`, dueOn: cell.end, createdAt: null });
        }
      }
    }
  }
  return items.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
}
