import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { COVERAGE_MODES, OPERATING_STATUSES, SIZE_BANDS } from '@hongyun/shared';
import type { EnterpriseListQuery } from '../../../api/enterprises';

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}

function int(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const bool = (v: string | null) => (v === 'true' || v === 'false' ? v : undefined);

/** Comma-separated coverage modes, unknown ones dropped (a hand-edited link still works). */
function modes(v: string | null): string | undefined {
  const list = (v ?? '').split(',').filter((m) => (COVERAGE_MODES as readonly string[]).includes(m));
  return list.length ? list.join(',') : undefined;
}

/**
 * The registry's filters live in the URL under the names the dashboard's drill-down links use
 * (townOrgId, carrierId, kindCode, sizeBand, operatingStatus, coverageMode, organised,
 * workCovered, inDenominator, hasMembers), so a link opens the list already filtered.
 */
export function useEnterpriseQuery() {
  const [params, setParams] = useSearchParams();

  const query = useMemo<EnterpriseListQuery>(() => ({
    q: params.get('q') || undefined,
    townOrgId: int(params.get('townOrgId')),
    carrierId: int(params.get('carrierId')),
    kindCode: params.get('kindCode') || undefined,
    sizeBand: oneOf(SIZE_BANDS, params.get('sizeBand')),
    operatingStatus: oneOf(OPERATING_STATUSES, params.get('operatingStatus')),
    coverageMode: modes(params.get('coverageMode')),
    organised: bool(params.get('organised')),
    workCovered: bool(params.get('workCovered')),
    inDenominator: bool(params.get('inDenominator')),
    hasMembers: bool(params.get('hasMembers')),
    page: int(params.get('page')) || 1,
    pageSize: int(params.get('pageSize')) || 20,
  }), [params]);

  /** Replaces some of the query; any change but the page itself goes back to page 1. */
  const update = useCallback((patch: Partial<EnterpriseListQuery>) => {
    const next: EnterpriseListQuery = { ...query, ...patch };
    if (!('page' in patch)) next.page = 1;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if ((key === 'page' && value === 1) || (key === 'pageSize' && value === 20)) continue;
      search.set(key, String(value));
    }
    setParams(search);
  }, [query, setParams]);

  return { query, update };
}
