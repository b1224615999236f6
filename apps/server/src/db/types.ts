import type { ColumnType, Generated } from 'kysely';

// Row types of the schema in migrations/, in the camelCase Kysely's CamelCasePlugin maps to.
type Id = ColumnType<number, never, never>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** ltree travels as text. */
type Ltree = string;

export interface SettingTable {
  key: string;
  value: unknown;
  updatedAt: UpdatedAt;
}

export interface OrgTable {
  id: Generated<number>;
  parentId: number | null;
  path: Ltree;
  kind: string;
  isTown: Generated<boolean>;
  name: string;
  shortName: string | null;
  code: string;
  foundedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  abolishedOn: string | null;
  abolishedReason: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface EnterpriseTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  townOrgId: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface OrgEnterpriseTable {
  orgId: number;
  enterpriseId: number;
}

export interface PartyGroupTable {
  id: Generated<number>;
  orgId: number;
  name: string;
  createdAt: CreatedAt;
}

export interface MemberTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  partyGroupId: number | null;
  name: string;
  gender: string;
  ethnicity: string | null;
  birthDate: string;
  idNumberCipher: Buffer;
  idNumberHash: Buffer;
  idNumberMasked: string;
  phoneCipher: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  education: string | null;
  employerEnterpriseId: number | null;
  employerName: string | null;
  job: string | null;
  keyPositions: ColumnType<string[], string[] | undefined, string[]>;
  category: string;
  status: Generated<string>;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  isMobile: Generated<boolean>;
  isInHardship: Generated<boolean>;
  isPartyWorker: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface LeadershipTable {
  id: Generated<number>;
  orgId: number;
  termStart: string;
  termDue: string | null;
  isCurrent: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface LeadershipPostTable {
  id: Generated<number>;
  leadershipId: number;
  memberId: number;
  post: string;
  appointedOn: string;
  dismissedOn: string | null;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  /** Keyed hash of the login phone (lookup only); the full number is never stored. */
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  passwordHash: string;
  memberId: number | null;
  mustChangePassword: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: CreatedAt;
}

export interface RolePermissionTable {
  role: string;
  permission: string;
}

export interface UserGrantTable {
  id: Generated<number>;
  userId: number;
  role: string;
  orgId: number;
  createdAt: CreatedAt;
}

export interface SessionTable {
  tokenHash: Buffer;
  userId: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: CreatedAt;
  lastSeenAt: ColumnType<Date, Date | undefined, Date>;
  expiresAt: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  orgPath: Ltree | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditSubjectTable {
  memberId: number;
  auditId: number;
}

export interface ImportJobTable {
  id: Generated<string>;
  userId: number;
  orgId: number;
  kind: Generated<string>;
  fileName: string;
  filePath: string;
  status: Generated<string>;
  mode: string | null;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  validRows: Generated<number>;
  errorRows: Generated<number>;
  importedRows: Generated<number>;
  failure: string | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
}

export interface ImportJobErrorTable {
  jobId: string;
  rowNumber: number;
  columnName: string;
  value: string | null;
  reason: string;
}

export interface OrgMemberCountTable {
  orgId: number;
  orgPath: Ltree;
  category: string;
  status: string;
  n: number;
}

export interface DB {
  setting: SettingTable;
  org: OrgTable;
  enterprise: EnterpriseTable;
  orgEnterprise: OrgEnterpriseTable;
  partyGroup: PartyGroupTable;
  member: MemberTable;
  orgMemberCount: OrgMemberCountTable;
  leadership: LeadershipTable;
  leadershipPost: LeadershipPostTable;
  appUser: AppUserTable;
  rolePermission: RolePermissionTable;
  userGrant: UserGrantTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  auditSubject: AuditSubjectTable;
  importJob: ImportJobTable;
  importJobError: ImportJobErrorTable;
}
