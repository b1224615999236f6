// Structure checks of one organisation against the 支部工作条例 and the term rules
// (domain-rules.md §2.3, §5.1, §5.2, checklist §9 items 2–3).

import { addMonths, daysBetween } from './dates';
import { ORG_KIND_INFO, type OrgKind } from './enums';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './settings';

export const STRUCTURE_WARNING_CODES = [
  'tooFewFullMembers',
  'committeeRequired',
  'tooManyMembers',
  'jointBranchTooManyUnits',
  'termDueSoon',
  'termOverdue',
  'secretaryStandingShort',
  'noSecretary',
] as const;
export type StructureWarningCode = (typeof STRUCTURE_WARNING_CODES)[number];

export interface StructureWarning {
  code: StructureWarningCode;
  /** 'error': the rule is broken; 'warning': a "generally" (一般) rule or an approaching deadline. */
  severity: 'warning' | 'error';
  /** zh-CN, with the numbers. */
  message: string;
  messageEn: string;
  citation: string;
  params: Record<string, string | number>;
}

export interface StructureInput {
  kind: OrgKind;
  fullMemberCount: number;
  memberCount: number;
  /** A current leadership with ≥ 3 posts held. */
  hasCommittee: boolean;
  linkedUnitCount: number;
  termDueOn: string | null;
  /** 党龄 of the current secretary in whole years; null = no secretary. */
  secretaryStandingYears: number | null;
  abolished: boolean;
}

/**
 * Every structure rule the organisation breaks or is close to breaking on `today`.
 * Empty for abolished organisations and working offices. Never throws on valid input.
 */
export function structureWarnings(
  input: StructureInput,
  today: string,
  settings: RuleSettings = DEFAULT_RULE_SETTINGS,
): StructureWarning[] {
  if (input.abolished || input.kind === 'office') return [];
  const branchLike = ORG_KIND_INFO[input.kind].isBranchLike;
  const checks = [
    branchLike ? headcountWarnings(input, settings) : [],
    termWarnings(input.termDueOn, today, settings),
    secretaryWarnings(input, branchLike, settings),
  ];
  return checks.flat();
}

function headcountWarnings(input: StructureInput, settings: RuleSettings): StructureWarning[] {
  const out: StructureWarning[] = [];
  const { fullMemberCount, memberCount, linkedUnitCount } = input;

  // 支部工作条例 ch. 2: ≥ 3 正式党员 to set up a branch; fewer → joint branch.
  const min = settings.branchMinFullMembers;
  if (fullMemberCount < min.value) {
    const joint = input.kind === 'jointBranch';
    out.push({
      code: 'tooFewFullMembers',
      severity: 'error',
      message: joint
        ? `正式党员${fullMemberCount}名，少于${min.value}名，请吸纳邻近单位党员或与其他联合党支部合并`
        : `正式党员${fullMemberCount}名，少于${min.value}名，不具备单独成立党支部的条件，请与邻近单位组建联合党支部`,
      messageEn: joint
        ? `${fullMemberCount} full members, fewer than ${min.value}: bring in members of neighbouring units or merge with another joint branch`
        : `${fullMemberCount} full members, fewer than ${min.value}: too few for a branch of its own; form a joint branch with neighbouring units`,
      citation: min.citation,
      params: { fullMemberCount, min: min.value },
    });
  }

  // 支部工作条例 ch. 6: ≥ 7 正式党员 → a 支部委员会 of 3–5 must be set up.
  const committee = settings.committeeRequiredFullMembers;
  if (fullMemberCount >= committee.value && !input.hasCommittee) {
    out.push({
      code: 'committeeRequired',
      severity: 'error',
      message: `正式党员${fullMemberCount}名，达到${committee.value}名以上，应当设立支部委员会（3至5人），请选举产生支委会`,
      messageEn: `${fullMemberCount} full members (${committee.value} or more): a branch committee of 3–5 must be elected`,
      citation: committee.citation,
      params: { fullMemberCount, threshold: committee.value },
    });
  }

  // 支部工作条例 ch. 2: a branch generally has ≤ 50 members (all members, not only full ones).
  const max = settings.branchMaxMembers;
  if (memberCount > max.value) {
    out.push({
      code: 'tooManyMembers',
      severity: 'warning',
      message: `党员${memberCount}名，超过${max.value}名，建议分设党支部或成立党总支`,
      messageEn: `${memberCount} members, more than ${max.value}: consider splitting the branch or setting up a general branch`,
      citation: max.citation,
      params: { memberCount, max: max.value },
    });
  }

  // 支部工作条例 ch. 2: a joint branch generally covers ≤ 5 units.
  const units = settings.jointBranchMaxUnits;
  if (input.kind === 'jointBranch' && linkedUnitCount > units.value) {
    out.push({
      code: 'jointBranchTooManyUnits',
      severity: 'warning',
      message: `联合党支部覆盖${linkedUnitCount}个单位，超过${units.value}个，建议拆分或推动符合条件的单位单独建支部`,
      messageEn: `The joint branch covers ${linkedUnitCount} units, more than ${units.value}: consider splitting it or letting eligible units form their own branch`,
      citation: units.citation,
      params: { linkedUnitCount, max: units.value },
    });
  }
  return out;
}

// domain-rules §5.2: remind 6 months before the term ends; past the end → red flag.
function termWarnings(termDueOn: string | null, today: string, settings: RuleSettings): StructureWarning[] {
  if (termDueOn === null) return [];
  if (today > termDueOn) {
    const daysOverdue = daysBetween(termDueOn, today);
    return [
      {
        code: 'termOverdue',
        severity: 'error',
        message: `本届任期已于${termDueOn}届满，已超期${daysOverdue}天，请尽快换届；确需延期的，须报上级党组织批准`,
        messageEn: `The term ended on ${termDueOn}, ${daysOverdue} days ago: hold the re-election now, or obtain the higher organisation's approval to postpone`,
        citation: settings.termYears.citation,
        params: { termDueOn, daysOverdue },
      },
    ];
  }
  const months = settings.termReminderMonths;
  if (today >= addMonths(termDueOn, -months.value)) {
    const daysLeft = daysBetween(today, termDueOn);
    return [
      {
        code: 'termDueSoon',
        severity: 'warning',
        message: `本届任期将于${termDueOn}届满，还有${daysLeft}天，请做好换届准备`,
        messageEn: `The term ends on ${termDueOn}, in ${daysLeft} days: prepare the re-election`,
        citation: months.citation,
        params: { termDueOn, daysLeft, reminderMonths: months.value },
      },
    ];
  }
  return [];
}

function secretaryWarnings(input: StructureInput, branchLike: boolean, settings: RuleSettings): StructureWarning[] {
  const years = input.secretaryStandingYears;
  if (years === null) {
    return [
      {
        code: 'noSecretary',
        severity: 'warning',
        message: '尚未配备书记，请尽快选举产生书记',
        messageEn: 'No secretary: elect one as soon as possible',
        citation: settings.committeeRequiredFullMembers.citation,
        params: {},
      },
    ];
  }
  // 支部工作条例 ch. 6: a 支部书记 generally has ≥ 1 year of 党龄. The rule is written for
  // branch secretaries, so it is not applied to 总支, 党委 or 党工委 secretaries.
  const min = settings.secretaryMinStandingYears;
  if (branchLike && years < min.value) {
    return [
      {
        code: 'secretaryStandingShort',
        severity: 'warning',
        message: `书记党龄${years}年，不足${min.value}年，党支部书记一般应具有${min.value}年以上党龄`,
        messageEn: `The secretary has ${years} years of party standing; a branch secretary should generally have at least ${min.value}`,
        citation: min.citation,
        params: { secretaryStandingYears: years, min: min.value },
      },
    ];
  }
  return [];
}
