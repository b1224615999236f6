// 换届 (re-election) due dates. domain-rules.md §5.2: terms are 5 years for a basic-level
// 党委 and 3 years for a 总支 or 支部 (中办《关于党的基层组织任期的意见》2018).

import { addYears } from './dates';
import type { OrgKind } from './enums';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './settings';

/**
 * The date the term that started on `termStart` ends, i.e. when re-election is due
 * (29 Feb starts end on 28 Feb). Null for a working office, which has no elected leadership.
 */
export function termDueDate(
  kind: OrgKind,
  termStart: string,
  settings: RuleSettings = DEFAULT_RULE_SETTINGS,
): string | null {
  if (kind === 'office') return null;
  return addYears(termStart, settings.termYears.value[kind]);
}
