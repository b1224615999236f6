// Enumerations shared by server and web. English identifiers follow
// /work/shared/docs/glossary.md (one English word per Chinese term).

export interface Label {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------
// Organisation kinds
// ---------------------------------------------------------------------------

export const ORG_KINDS = [
  'workCommittee',
  'committee',
  'generalBranch',
  'branch',
  'jointBranch',
  'temporaryBranch',
  'office',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface OrgKindInfo extends Label {
  /** 党内统计 organisation type code (domain-rules §5.1); null when the kind is not reported. */
  statCode: string | null;
  /** Branch-level organisations: the 支部工作条例 headcount rules apply to them. */
  isBranchLike: boolean;
}

export const ORG_KIND_INFO: Record<OrgKind, OrgKindInfo> = {
  // A 两新工委 / 党工委 is a body sent out by the city or town committee, not a basic-level
  // organisation, so the 6x basic-level codes of 党内统计 (domain-rules §5.1) do not apply;
  // no code for it was found in the sources: null.
  workCommittee: { zh: '党工委', en: 'Work committee', statCode: null, isBranchLike: false },
  // domain-rules §5.1: TypeCode 611 党委 (13320282511/ant-admin316 table24.js).
  committee: { zh: '党委', en: 'Party committee', statCode: '611', isBranchLike: false },
  // domain-rules §5.1: 621 总支部.
  generalBranch: { zh: '党总支', en: 'General branch', statCode: '621', isBranchLike: false },
  // domain-rules §5.1: 631 支部.
  branch: { zh: '党支部', en: 'Branch', statCode: '631', isBranchLike: true },
  // domain-rules §5.1: 632 read as 联合支部 (confidence M, inferred).
  jointBranch: { zh: '联合党支部', en: 'Joint branch', statCode: '632', isBranchLike: true },
  // A 临时党支部 (project of ≥ 6 months, training class, …) does not hold its members'
  // organisational relationship, which stays with their home branch; it is therefore not
  // counted as a separate organisation in 党内统计: null.
  temporaryBranch: { zh: '临时党支部', en: 'Temporary branch', statCode: null, isBranchLike: true },
  // A non-party working office of Tongxiang's "1+2+N" structure (founding-document.md, product.md).
  office: { zh: '工作机构', en: 'Working office', statCode: null, isBranchLike: false },
};

export const ORG_KIND_LABELS: Record<OrgKind, Label> = labelsOf(ORG_KIND_INFO);

/** True for 党支部, 联合党支部 and 临时党支部. */
export function isBranchLike(kind: OrgKind): boolean {
  return ORG_KIND_INFO[kind].isBranchLike;
}

// ---------------------------------------------------------------------------
// Members (domain-rules §7.1)
// ---------------------------------------------------------------------------

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, Label> = {
  full: { zh: '正式党员', en: 'Full member' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
};

export const MEMBER_STATUSES = ['normal', 'suspended', 'transferredOut', 'expelled', 'history'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, Label> = {
  normal: { zh: '正常', en: 'Normal' },
  suspended: { zh: '停止党籍', en: 'Membership suspended' },
  transferredOut: { zh: '转出', en: 'Transferred out' },
  // 出党 covers every way of leaving (开除, 除名, 自行脱党, 退党); domain-rules §7.1.
  expelled: { zh: '出党', en: 'Left the Party' },
  history: { zh: '历史', en: 'History' },
};

// Glossary: 关键岗位 of internet enterprises.
export const KEY_POSITIONS = [
  'investor',
  'manager',
  'contentEditor',
  'securityManager',
  'rnd',
  'forumModerator',
] as const;
export type KeyPosition = (typeof KEY_POSITIONS)[number];
export const KEY_POSITION_LABELS: Record<KeyPosition, Label> = {
  investor: { zh: '出资人', en: 'Investor' },
  manager: { zh: '管理层', en: 'Management' },
  contentEditor: { zh: '网络信息编审', en: 'Content editor' },
  securityManager: { zh: '网络安全管理', en: 'Security manager' },
  rnd: { zh: '网络技术研发', en: 'R&D' },
  forumModerator: { zh: '知名版主', en: 'Forum moderator' },
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, Label> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export const EDUCATION_LEVELS = [
  'postgraduate',
  'bachelor',
  'associate',
  'secondaryVocational',
  'highSchool',
  'juniorOrBelow',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, Label> = {
  postgraduate: { zh: '研究生', en: 'Postgraduate' },
  bachelor: { zh: '大学本科', en: "Bachelor's degree" },
  associate: { zh: '大学专科', en: 'Associate degree' },
  secondaryVocational: { zh: '中专', en: 'Secondary vocational school' },
  highSchool: { zh: '高中/中技', en: 'High school / technical school' },
  juniorOrBelow: { zh: '初中及以下', en: 'Junior middle school or below' },
};
/** 党内统计 EduCode (domain-rules §7.1): 1 研究生 … 6 初中及以下. */
export const EDUCATION_LEVEL_CODES: Record<EducationLevel, number> = {
  postgraduate: 1,
  bachelor: 2,
  associate: 3,
  secondaryVocational: 4,
  highSchool: 5,
  juniorOrBelow: 6,
};

// ---------------------------------------------------------------------------
// Leadership posts (支部工作条例 ch. 6; domain-rules §2.3)
// ---------------------------------------------------------------------------

export const LEADERSHIP_POSTS = [
  'secretary',
  'deputySecretary',
  'organizationMember',
  'publicityMember',
  'disciplineMember',
] as const;
export type LeadershipPost = (typeof LEADERSHIP_POSTS)[number];
export const LEADERSHIP_POST_LABELS: Record<LeadershipPost, Label> = {
  secretary: { zh: '书记', en: 'Secretary' },
  deputySecretary: { zh: '副书记', en: 'Deputy secretary' },
  organizationMember: { zh: '组织委员', en: 'Organisation member' },
  publicityMember: { zh: '宣传委员', en: 'Publicity member' },
  disciplineMember: { zh: '纪检委员', en: 'Discipline member' },
};

// ---------------------------------------------------------------------------
// Platform roles
// ---------------------------------------------------------------------------

export const ROLES = ['sysadmin', 'cityAdmin', 'townCoordinator', 'orgAdmin', 'member', 'department', 'cadre'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Label> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  cityAdmin: { zh: '市两新工委管理员', en: 'City work committee administrator' },
  townCoordinator: { zh: '镇(街道)协调员', en: 'Town coordinator' },
  orgAdmin: { zh: '组织管理员(书记/党务工作者)', en: 'Organisation administrator (secretary / party worker)' },
  member: { zh: '党员', en: 'Member' },
  department: { zh: '联席会议成员单位', en: 'Joint conference department' },
  cadre: { zh: '联系企业干部', en: 'Liaison cadre' },
};

// ---------------------------------------------------------------------------
// Ethnicities
// ---------------------------------------------------------------------------

/**
 * The 56 ethnic groups by full name (domain-rules §7.1: 民族 is recorded by full name),
 * in the order of GB/T 3304 (中国各民族名称的罗马字母拼写法和代码), so index + 1 is the
 * two-digit GB/T 3304 code (汉族 = 01 … 基诺族 = 56).
 */
export const ETHNICITIES: readonly string[] = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族',
  '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族',
  '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族',
  '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族',
  '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族',
  '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];

function labelsOf<K extends string>(info: Record<K, Label>): Record<K, Label> {
  const out = {} as Record<K, Label>; // filled for every key just below
  for (const key of Object.keys(info) as K[]) {
    out[key] = { zh: info[key].zh, en: info[key].en };
  }
  return out;
}
