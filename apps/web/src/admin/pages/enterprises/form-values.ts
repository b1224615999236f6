import type { CreateEnterpriseBody, EnterpriseDetail, UpdateEnterpriseBody } from '../../../api/enterprises';

/** The form's values: what the registry types (nulls for empty optional fields). */
export interface EnterpriseValues {
  uscc: string;
  name: string;
  townOrgId: number | null;
  kindCode: string | null;
  carrierId: number | null;
  address: string | null;
  staffCount: number | null;
  foundedOn: string | null;
  settledOn: string | null;
  operatingStatus: NonNullable<CreateEnterpriseBody['operatingStatus']>;
  statusReason: string | null;
  hasFixedPremises: boolean;
  investorPartyStatus: NonNullable<CreateEnterpriseBody['investorPartyStatus']>;
  managerPartyStatus: NonNullable<CreateEnterpriseBody['managerPartyStatus']>;
  hrContactName: string | null;
  hrContactPhone: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  instructorName: string | null;
  instructorPhone: string | null;
  hasUnion: boolean;
  hasYouthLeague: boolean;
}

const TEXT = ['address', 'statusReason', 'hrContactName', 'hrContactPhone', 'liaisonName', 'liaisonPhone', 'instructorName', 'instructorPhone'] as const;

export const EMPTY_ENTERPRISE: EnterpriseValues = {
  uscc: '', name: '', townOrgId: null, kindCode: null, carrierId: null, address: null, staffCount: null, foundedOn: null, settledOn: null,
  operatingStatus: 'operating', statusReason: null, hasFixedPremises: true, investorPartyStatus: 'unknown', managerPartyStatus: 'unknown',
  hrContactName: null, hrContactPhone: null, liaisonName: null, liaisonPhone: null, instructorName: null, instructorPhone: null, hasUnion: false, hasYouthLeague: false,
};

export function valuesOf(e: EnterpriseDetail): EnterpriseValues {
  return { ...EMPTY_ENTERPRISE, ...Object.fromEntries(Object.keys(EMPTY_ENTERPRISE).map((k) => [k, e[k as keyof EnterpriseDetail]])) } as EnterpriseValues;
}

/** Empty text becomes null (cleared), trimmed otherwise. */
function clean(v: EnterpriseValues) {
  const out = { ...v };
  for (const k of TEXT) out[k] = out[k]?.trim() || null;
  if (out.operatingStatus === 'operating') out.statusReason = null;
  return out;
}

export function createBody(v: EnterpriseValues): CreateEnterpriseBody {
  const { townOrgId, ...rest } = clean(v);
  return { ...rest, uscc: v.uscc.trim().toUpperCase(), name: v.name.trim(), townOrgId: townOrgId ?? 0 };
}

/** Only the fields that changed, with the version the form was loaded at. */
export function updateBody(e: EnterpriseDetail, v: EnterpriseValues): UpdateEnterpriseBody {
  const { uscc: _uscc, townOrgId, ...rest } = clean(v);
  const before = valuesOf(e);
  const changed = Object.fromEntries(Object.entries(rest).filter(([k, x]) => x !== before[k as keyof EnterpriseValues]));
  return { version: e.version, ...changed, ...(townOrgId && townOrgId !== e.townOrgId ? { townOrgId } : {}) };
}
