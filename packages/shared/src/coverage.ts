// The enterprise registry's vocabulary and the coverage definitions (policy.md, "Coverage
// definitions"; 中办发〔2012〕11号《关于加强和改进非公有制企业党的建设工作的意见（试行）》).
// The database keeps per-cell counts (coverage_count) by the same rules; these functions are
// the definition the counts are tested against and the words shown next to every figure.

import type { Label } from './enums';

/** Kinds every deployment starts with; a deployment adds more (table `enterprise_kind`). */
export const BUILTIN_ENTERPRISE_KINDS: Record<string, Label> = {
  newsPortal: { zh: '新闻门户', en: 'News portal' },
  socialMedia: { zh: '社交媒体', en: 'Social media' },
  commercePlatform: { zh: '商务平台', en: 'Commerce platform' },
  onlineMerchants: { zh: '网商群体', en: 'Online merchants' },
};

export const CARRIER_KINDS = ['makerSpace', 'industrialPark', 'commercialBuilding', 'featureTown'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];
export const CARRIER_KIND_LABELS: Record<CarrierKind, Label> = {
  makerSpace: { zh: '众创空间', en: 'Maker space' },
  industrialPark: { zh: '产业园区', en: 'Industrial park' },
  commercialBuilding: { zh: '商圈楼宇', en: 'Commercial building' },
  featureTown: { zh: '特色小镇', en: 'Feature town' },
};

export const OPERATING_STATUSES = ['operating', 'suspended', 'closed', 'movedOut', 'shell'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
export const OPERATING_STATUS_LABELS: Record<OperatingStatus, Label> = {
  operating: { zh: '正常经营', en: 'Operating' },
  suspended: { zh: '停业', en: 'Suspended' },
  closed: { zh: '已注销/关闭', en: 'Closed' },
  movedOut: { zh: '已迁出', en: 'Moved out' },
  shell: { zh: '空壳/僵尸企业', en: 'Shell company' },
};

export const COVERAGE_MODES = ['standalone', 'joint', 'leadBuilt', 'industryLinked', 'fallback', 'none'] as const;
export type CoverageMode = (typeof COVERAGE_MODES)[number];
export const COVERAGE_MODE_LABELS: Record<CoverageMode, Label> = {
  standalone: { zh: '单独组建', en: 'Standalone organisation' },
  joint: { zh: '联合组建', en: 'Joint organisation' },
  leadBuilt: { zh: '龙头领建', en: 'Lead-built' },
  industryLinked: { zh: '行业连建', en: 'Industry-linked' },
  fallback: { zh: '兜底管理', en: 'Fallback organisation' },
  none: { zh: '未覆盖', en: 'Not covered' },
};

export const PARTY_STATUSES = ['member', 'notMember', 'unknown'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];
export const PARTY_STATUS_LABELS: Record<PartyStatus, Label> = {
  member: { zh: '党员', en: 'Party member' },
  notMember: { zh: '非党员', en: 'Not a member' },
  unknown: { zh: '未知', en: 'Unknown' },
};

export const SIZE_BANDS = ['under10', 'from10to49', 'from50to299', 'from300', 'unknown'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, Label> = {
  under10: { zh: '10人以下', en: 'Under 10 staff' },
  from10to49: { zh: '10–49人', en: '10–49 staff' },
  from50to299: { zh: '50–299人', en: '50–299 staff' },
  from300: { zh: '300人及以上', en: '300 staff or more' },
  unknown: { zh: '人数未填', en: 'Staff unknown' },
};

/** The size band of a staff count (the database computes the same in `enterprise.size_band`). */
export function sizeBandOf(staff: number | null | undefined): SizeBand {
  if (staff === null || staff === undefined) return 'unknown';
  if (staff < 10) return 'under10';
  if (staff < 50) return 'from10to49';
  if (staff < 300) return 'from50to299';
  return 'from300';
}

export const SURVEY_WILLINGNESS = ['willing', 'undecided', 'unwilling'] as const;
export type SurveyWillingness = (typeof SURVEY_WILLINGNESS)[number];
export const SURVEY_WILLINGNESS_LABELS: Record<SurveyWillingness, Label> = {
  willing: { zh: '愿意组建', en: 'Willing' },
  undecided: { zh: '尚在考虑', en: 'Undecided' },
  unwilling: { zh: '暂不愿意', en: 'Not willing yet' },
};

export const SURVEY_STATUSES = ['open', 'done', 'cancelled'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, Label> = {
  open: { zh: '待摸排', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const REQUEST_CATEGORIES = ['project', 'financing', 'staffing', 'policy', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, Label> = {
  project: { zh: '项目推进', en: 'Project progress' },
  financing: { zh: '融资', en: 'Financing' },
  staffing: { zh: '用工', en: 'Staffing' },
  policy: { zh: '政策', en: 'Policy' },
  other: { zh: '其他', en: 'Other' },
};

export const REQUEST_STATUSES = ['new', 'accepted', 'inProgress', 'resolved', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, Label> = {
  new: { zh: '待受理', en: 'New' },
  accepted: { zh: '已受理', en: 'Accepted' },
  inProgress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已办结', en: 'Resolved' },
  declined: { zh: '不予受理', en: 'Declined' },
};
/** Which status may follow which (declining needs a reason; resolved and declined are final). */
export const REQUEST_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  new: ['accepted', 'declined'],
  accepted: ['inProgress', 'resolved', 'declined'],
  inProgress: ['resolved', 'declined'],
  resolved: [],
  declined: [],
};

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, Label> = {
  draft: { zh: '填写中', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已通过', en: 'Accepted' },
};

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------

export interface DenominatorFacts {
  operatingStatus: OperatingStatus;
  hasFixedPremises: boolean;
  staffCount: number | null;
  /** Set when a registry reconciliation found the company gone. */
  goneOn: string | null;
}

/**
 * 实体运营: only operating companies with fixed premises and at least `minStaff` staff that
 * are still on the registry count (policy.md: survey scope; closed and shell companies leave).
 */
export function inDenominator(e: DenominatorFacts, minStaff: number): boolean {
  return e.operatingStatus === 'operating' && e.hasFixedPremises && e.staffCount !== null && e.staffCount >= minStaff && e.goneOn === null;
}

export interface CoverageFacts {
  inDenominator: boolean;
  mode: CoverageMode;
  /** 党建指导员 or 联络员 assigned, or a trade union or Youth League branch. */
  workMeasure: boolean;
}

export interface CoverageCounts {
  denominator: number;
  /** Covered by any organisation: own, joint, lead-built, industry-linked or fallback. */
  organised: number;
  standalone: number;
  joint: number;
  leadBuilt: number;
  industryLinked: number;
  fallback: number;
  /** Organised, or reached by work measures without an organisation. */
  workCovered: number;
}

export function emptyCoverageCounts(): CoverageCounts {
  return { denominator: 0, organised: 0, standalone: 0, joint: 0, leadBuilt: 0, industryLinked: 0, fallback: 0, workCovered: 0 };
}

/** Adds `n` companies with these facts; companies outside the denominator are not counted. */
export function addCoverage(c: CoverageCounts, f: CoverageFacts, n = 1): CoverageCounts {
  if (!f.inDenominator) return c;
  c.denominator += n;
  if (f.mode !== 'none') {
    c.organised += n;
    c[f.mode] += n;
  }
  if (f.mode !== 'none' || f.workMeasure) c.workCovered += n;
  return c;
}

export function countCoverage(facts: Iterable<CoverageFacts>): CoverageCounts {
  const c = emptyCoverageCounts();
  for (const f of facts) addCoverage(c, f);
  return c;
}

export const COVERAGE_RATES = ['organisation', 'standalone', 'work'] as const;
export type CoverageRate = (typeof COVERAGE_RATES)[number];

const COVERAGE_BASIS = '中办发〔2012〕11号《关于加强和改进非公有制企业党的建设工作的意见（试行）》';
const DENOMINATOR_TEXT = '分母：正常经营、有固定场所、从业人员不少于{minStaff}人且仍在登记名录中的互联网企业';

export const COVERAGE_RATE_DEFINITIONS: Record<CoverageRate, { label: Label; numerator: Label; definition: string; citation: string }> = {
  organisation: {
    label: { zh: '党的组织覆盖率', en: 'Organisational coverage' },
    numerator: { zh: '单独组建、联合组建、龙头领建、行业连建或兜底管理覆盖的企业', en: 'Companies covered by any organisation' },
    definition: `（单独组建＋联合组建＋龙头领建＋行业连建＋兜底管理覆盖的企业数）÷ 实体运营企业数。${DENOMINATOR_TEXT}`,
    citation: COVERAGE_BASIS,
  },
  standalone: {
    label: { zh: '单独组建率', en: 'Own-organisation rate' },
    numerator: { zh: '单独建立党组织的企业', en: 'Companies with their own organisation' },
    definition: `单独建立党组织的企业数 ÷ 实体运营企业数。${DENOMINATOR_TEXT}`,
    citation: COVERAGE_BASIS,
  },
  work: {
    label: { zh: '党的工作覆盖率', en: 'Work coverage' },
    numerator: { zh: '有党组织覆盖，或选派党建指导员/联络员，或建有工会、共青团组织的企业', en: 'Companies organised, or with an instructor/liaison, a union or a Youth League branch' },
    definition: `（有党组织覆盖的企业＋未建党组织但已选派党建指导员/联络员或建有工会、团组织的企业）÷ 实体运营企业数。${DENOMINATOR_TEXT}`,
    citation: COVERAGE_BASIS,
  },
};

export interface RateFigure {
  rate: CoverageRate;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when the denominator is 0 (shown as "—", never 0 %). */
  value: number | null;
}

export function coverageFigures(c: CoverageCounts): RateFigure[] {
  const numerators: Record<CoverageRate, number> = { organisation: c.organised, standalone: c.standalone, work: c.workCovered };
  return COVERAGE_RATES.map((rate) => ({
    rate,
    numerator: numerators[rate],
    denominator: c.denominator,
    value: c.denominator === 0 ? null : numerators[rate] / c.denominator,
  }));
}

/** The definition text with the deployment's staff threshold filled in. */
export function coverageDefinition(rate: CoverageRate, minStaff: number): string {
  return COVERAGE_RATE_DEFINITIONS[rate].definition.replace('{minStaff}', String(minStaff));
}

/** A rate for display: "—" when there is no denominator (never 0 %), else a percentage. */
export function formatRate(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** One kept cell (coverage_count or coverage_snapshot): `n` companies sharing these facts. */
export interface CoverageCell extends CoverageFacts {
  n: number;
}

/** Sums kept cells by the same rules as `countCoverage` (a figure is a sum of cells). */
export function countCells(cells: Iterable<CoverageCell>): CoverageCounts {
  const c = emptyCoverageCounts();
  for (const cell of cells) addCoverage(c, cell, cell.n);
  return c;
}

// ---------------------------------------------------------------------------
// Suggested actions
// ---------------------------------------------------------------------------

export const COVERAGE_SUGGESTIONS = ['buildOwn', 'uncoveredWithMembers', 'jointOverLimit'] as const;
export type CoverageSuggestion = (typeof COVERAGE_SUGGESTIONS)[number];

export const COVERAGE_SUGGESTION_RULES: Record<CoverageSuggestion, { label: Label; rule: string }> = {
  buildOwn: {
    label: { zh: '应单独组建', en: 'Should build its own organisation' },
    rule: '企业有正式党员{n}名以上而尚未单独建立党组织的，应单独组建党支部',
  },
  uncoveredWithMembers: {
    label: { zh: '有党员未覆盖', en: 'Members but no coverage' },
    rule: '企业有党员，但既未纳入任何党组织覆盖，也未选派党建指导员/联络员或建立工会、团组织',
  },
  jointOverLimit: {
    label: { zh: '联合党支部覆盖单位过多', en: 'Joint branch over its unit limit' },
    rule: '联合党支部覆盖的单位一般不超过{n}个，超过的应拆分或推动单独组建',
  },
};

/** 支部工作条例 ch. 2: 3+ full members → an own branch. Companies already standalone need nothing. */
export function shouldBuildOwn(fullMembers: number, mode: CoverageMode, minFullMembers: number): boolean {
  return fullMembers >= minFullMembers && mode !== 'standalone';
}

/** Members but neither an organisation nor a work measure (the gap to close first). */
export function uncoveredWithMembers(members: number, mode: CoverageMode, workMeasure: boolean): boolean {
  return members > 0 && mode === 'none' && !workMeasure;
}

/** 支部工作条例 ch. 2: a joint branch generally covers at most `maxUnits` units. */
export function jointOverLimit(units: number, maxUnits: number): boolean {
  return units > maxUnits;
}

/** The rule text with the deployment's threshold filled in. */
export function suggestionRule(kind: CoverageSuggestion, threshold: number): string {
  return COVERAGE_SUGGESTION_RULES[kind].rule.replace('{n}', String(threshold));
}
