import type { EducationLevel, KeyPosition, MemberCategory, MemberStatus } from '@hongyun/shared';
import type { CreateMemberBody, MemberDetail, UpdateMemberBody } from '../../../../api/types';

/** The member form's values. */
export interface MemberValues {
  orgId?: number;
  partyGroupId?: number | null;
  name: string;
  idNumber?: string;
  ethnicity?: string | null;
  phone?: string | null;
  education?: EducationLevel | null;
  employerEnterpriseId?: number | null;
  employerName?: string | null;
  job?: string | null;
  keyPositions?: KeyPosition[];
  category: MemberCategory;
  status?: MemberStatus;
  appliedOn?: string | null;
  activistOn?: string | null;
  candidateOn?: string | null;
  joinedOn?: string | null;
  confirmedOn?: string | null;
  isMobile?: boolean;
  isInHardship?: boolean;
  isPartyWorker?: boolean;
}

// The phone is stored masked-only on screen: it is sent when a new one is typed.
const NULLABLE_TEXT = ['ethnicity', 'employerName', 'job'] as const;
const NULLABLE_REF = ['partyGroupId', 'education', 'employerEnterpriseId', 'appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'confirmedOn'] as const;
const FLAGS = ['isMobile', 'isInHardship', 'isPartyWorker'] as const;

function text(v: string | null | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

export function valuesOf(m: MemberDetail): MemberValues {
  return {
    orgId: m.orgId, partyGroupId: m.partyGroupId, name: m.name, ethnicity: m.ethnicity, education: m.education,
    employerEnterpriseId: m.employerEnterpriseId, employerName: m.employerName, job: m.job, keyPositions: m.keyPositions,
    category: m.category, status: m.status, appliedOn: m.appliedOn, activistOn: m.activistOn, candidateOn: m.candidateOn,
    joinedOn: m.joinedOn, confirmedOn: m.confirmedOn, isMobile: m.isMobile, isInHardship: m.isInHardship, isPartyWorker: m.isPartyWorker,
  };
}

export const EMPTY_MEMBER: Partial<MemberValues> = {
  category: 'probationary', status: 'normal', keyPositions: [], isMobile: false, isInHardship: false, isPartyWorker: false, ethnicity: '汉族',
};

export function createBody(v: MemberValues): CreateMemberBody {
  return {
    orgId: v.orgId ?? 0,
    partyGroupId: v.partyGroupId ?? null,
    name: v.name.trim(),
    idNumber: (v.idNumber ?? '').trim().toUpperCase(),
    ethnicity: text(v.ethnicity),
    phone: text(v.phone),
    education: v.education ?? null,
    employerEnterpriseId: v.employerEnterpriseId ?? null,
    employerName: text(v.employerName),
    job: text(v.job),
    keyPositions: v.keyPositions ?? [],
    category: v.category,
    status: v.status ?? 'normal',
    appliedOn: v.appliedOn ?? null,
    activistOn: v.activistOn ?? null,
    candidateOn: v.candidateOn ?? null,
    joinedOn: v.joinedOn ?? null,
    confirmedOn: v.category === 'probationary' ? null : (v.confirmedOn ?? null),
    isMobile: v.isMobile ?? false,
    isInHardship: v.isInHardship ?? false,
    isPartyWorker: v.isPartyWorker ?? false,
  };
}

/** Only what changed, with the version read (optimistic locking). */
export function updateBody(m: MemberDetail, v: MemberValues): UpdateMemberBody {
  const next = createBody(v);
  const patch: UpdateMemberBody = { version: m.version };
  if (v.idNumber?.trim()) patch.idNumber = next.idNumber;
  if (next.phone) patch.phone = next.phone;
  if (next.orgId !== m.orgId) patch.orgId = next.orgId;
  if (next.name !== m.name) patch.name = next.name;
  if (next.category !== m.category) patch.category = next.category;
  if (next.status !== m.status) patch.status = next.status;
  for (const k of NULLABLE_TEXT) if (next[k] !== m[k]) patch[k] = next[k];
  for (const k of NULLABLE_REF) if ((next[k] ?? null) !== m[k]) Object.assign(patch, { [k]: next[k] ?? null });
  for (const k of FLAGS) if (next[k] !== m[k]) patch[k] = next[k];
  if ([...(next.keyPositions ?? [])].sort().join() !== [...m.keyPositions].sort().join()) patch.keyPositions = next.keyPositions;
  return patch;
}
