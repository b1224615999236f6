import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { KEY_POSITIONS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '@hongyun/shared';
import type { MemberListQuery } from '../../../../api/types';

const SORTS = ['name', 'birthDate', 'joinedOn', 'confirmedOn', 'createdAt'] as const;
type Sort = (typeof SORTS)[number];

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}

function manyOf<T extends string>(values: readonly T[], list: string[]): T[] | undefined {
  const out = list.flatMap((v) => values.filter((x) => x === v));
  return out.length ? out : undefined;
}

function int(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The roster's filters, sort and page live in the URL, so back from a record keeps them. */
export function useMemberQuery() {
  const [params, setParams] = useSearchParams();

  const query = useMemo<MemberListQuery>(() => {
    const isMobile = params.get('isMobile');
    return {
      q: params.get('q') || undefined,
      orgId: int(params.get('orgId')),
      category: manyOf(MEMBER_CATEGORIES, params.getAll('category')),
      status: manyOf(MEMBER_STATUSES, params.getAll('status')),
      keyPosition: manyOf(KEY_POSITIONS, params.getAll('keyPosition')),
      ageMin: int(params.get('ageMin')),
      ageMax: int(params.get('ageMax')),
      standingMin: int(params.get('standingMin')),
      standingMax: int(params.get('standingMax')),
      isMobile: isMobile === 'true' || isMobile === 'false' ? isMobile : undefined,
      sort: oneOf<Sort>(SORTS, params.get('sort')) ?? 'name',
      order: params.get('order') === 'desc' ? 'desc' : 'asc',
      page: int(params.get('page')) || 1,
      pageSize: int(params.get('pageSize')) || 20,
    };
  }, [params]);

  /** Replaces some of the query; any change but the page itself goes back to page 1. */
  const update = useCallback(
    (patch: Partial<MemberListQuery>) => {
      const next: MemberListQuery = { ...query, ...patch };
      if (!('page' in patch)) next.page = 1;
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === null || value === '') continue;
        if (key === 'sort' && value === 'name') continue;
        if (key === 'order' && value === 'asc') continue;
        if (key === 'page' && value === 1) continue;
        if (key === 'pageSize' && value === 20) continue;
        for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
      }
      setParams(search, { replace: false });
    },
    [query, setParams],
  );

  return { query, update };
}
