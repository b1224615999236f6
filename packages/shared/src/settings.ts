// Rule thresholds. architecture.md rule 7 and domain-rules.md (preamble): every threshold
// is a per-tenant setting whose default is the national value, kept next to its legal basis.

import type { OrgKind } from './enums';

/** A threshold value with the legal basis (依据) shown to users next to it. */
export interface RuleSetting<T> {
  value: T;
  citation: string;
}

/** Organisation kinds that have an elected (or appointed) leadership with a term. */
export type TermKind = Exclude<OrgKind, 'office'>;

export interface RuleSettings {
  /** 任期 in years per organisation kind. */
  termYears: RuleSetting<Record<TermKind, number>>;
  /** Remind this many months before a term ends. */
  termReminderMonths: RuleSetting<number>;
  /** A branch needs at least this many 正式党员. */
  branchMinFullMembers: RuleSetting<number>;
  /** From this many 正式党员 a branch must have a 支部委员会. */
  committeeRequiredFullMembers: RuleSetting<number>;
  /** A branch generally has at most this many members. */
  branchMaxMembers: RuleSetting<number>;
  /** A joint branch generally covers at most this many units. */
  jointBranchMaxUnits: RuleSetting<number>;
  /** A branch secretary generally has at least this many years of 党龄. */
  secretaryMinStandingYears: RuleSetting<number>;
  /** Consecutive failed logins before the account is locked. */
  loginMaxFailures: RuleSetting<number>;
  /** How long a locked account stays locked. */
  lockoutMinutes: RuleSetting<number>;
  /** A company counts in the coverage denominator from this many staff (实体运营). */
  coverageMinStaff: RuleSetting<number>;
  /** Days a town has to survey a newly registered company (三同步·排查摸底). */
  surveyDueDays: RuleSetting<number>;
  /** Days a department has to resolve a company's request (诉求). */
  requestDueDays: RuleSetting<number>;
}

const BRANCH_RULES_CH2 = '《中国共产党支部工作条例（试行）》第二章';
const BRANCH_RULES_CH6 = '《中国共产党支部工作条例（试行）》第六章';
// The standard requires locking after repeated failures but leaves the numbers to the operator;
// 5 attempts / 15 minutes are the platform's defaults, not a national figure.
const LOGIN_LOCKOUT =
  'GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》身份鉴别：登录失败处理（次数与时长为本平台默认值）';

/**
 * National defaults (domain-rules.md §2.3, §5.1, §5.2). Article numbers of the 支部工作条例
 * differ between the secondary sources seen, so the chapter is cited instead.
 */
export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  termYears: {
    // domain-rules §5.2: 基层党委 5 years; 总支, 支部 3 years. A 党工委 is appointed by the
    // committee that sets it up; it follows that committee's 5-year cycle.
    value: {
      workCommittee: 5,
      committee: 5,
      generalBranch: 3,
      branch: 3,
      jointBranch: 3,
      temporaryBranch: 3,
    },
    citation: `中办《关于党的基层组织任期的意见》(2018)；${BRANCH_RULES_CH6}`,
  },
  termReminderMonths: {
    // domain-rules §5.2: the higher organisation generally reminds 6 months ahead.
    value: 6,
    citation: '上级党组织对任期届满的党支部一般提前6个月提醒做好换届准备（中办《关于党的基层组织任期的意见》(2018)）',
  },
  branchMinFullMembers: { value: 3, citation: BRANCH_RULES_CH2 },
  committeeRequiredFullMembers: { value: 7, citation: BRANCH_RULES_CH6 },
  branchMaxMembers: { value: 50, citation: BRANCH_RULES_CH2 },
  jointBranchMaxUnits: { value: 5, citation: BRANCH_RULES_CH2 },
  secretaryMinStandingYears: { value: 1, citation: BRANCH_RULES_CH6 },
  loginMaxFailures: { value: 5, citation: LOGIN_LOCKOUT },
  lockoutMinutes: { value: 15, citation: LOGIN_LOCKOUT },
  coverageMinStaff: {
    // policy.md: the survey scope (摸排) is companies with fixed premises, 10+ staff and real operations.
    value: 10,
    citation: '中办发〔2012〕11号《关于加强和改进非公有制企业党的建设工作的意见（试行）》：摸排范围为有固定经营场所、从业人员10人以上、实体运营的企业',
  },
  surveyDueDays: {
    value: 30,
    citation: '“三同步”：引进项目、落户企业的同时第一时间跟进党建排查摸底（期限为本平台默认值，可按本地要求调整）',
  },
  requestDueDays: {
    value: 15,
    citation: '“百名干部走千企”联系服务机制：企业诉求限时办结（期限为本平台默认值，可按本地要求调整）',
  },
};
