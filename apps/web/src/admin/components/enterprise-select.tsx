import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterprises } from '../../api/orgs';

interface EnterpriseSelectProps {
  id?: string;
  value?: number[];
  onChange?: (value: number[]) => void;
  known?: readonly { id: number; name: string; uscc: string }[];
}

/**
 * Server-side search of the registry for a Select: the options (already known ones first) and
 * the props every enterprise Select shares.
 */
function useEnterpriseSearch(known: readonly { id: number; label: string }[], label: (e: { name: string; uscc: string }) => string) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useEnterprises({ q: q || undefined, page: 1, pageSize: 20 });
  const options = new Map<number, string>(known.map((k) => [k.id, k.label]));
  for (const e of list.data?.items ?? []) options.set(e.id, label(e));
  return {
    options,
    selectProps: {
      showSearch: { filterOption: false, onSearch: setQ },
      loading: list.isFetching,
      placeholder: t('enterprise.select.placeholder'),
      notFoundContent: list.isFetching ? t('common.loading') : t('common.noData'),
      options: [...options].map(([v, text]) => ({ value: v, label: text })),
      style: { width: '100%' },
    },
  };
}

const withUscc = (e: { name: string; uscc: string }) => `${e.name}（${e.uscc}）`;

/** Links enterprises of the registry by name or USCC. */
export function EnterpriseSelect({ id, value, onChange, known = [] }: EnterpriseSelectProps) {
  const { selectProps } = useEnterpriseSearch(known.map((e) => ({ id: e.id, label: withUscc(e) })), withUscc);
  return <Select<number[]> id={id} mode="multiple" value={value} onChange={(v) => onChange?.(v)} {...selectProps} />;
}

interface EnterprisePickerProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null, name: string | null) => void;
  known?: { id: number; name: string } | null;
}

/** Picks one registered enterprise (a member's employer). */
export function EnterprisePicker({ id, value, onChange, known }: EnterprisePickerProps) {
  const { options, selectProps } = useEnterpriseSearch(known ? [{ id: known.id, label: known.name }] : [], (e) => e.name);
  return (
    <Select<number | null>
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null, v ? (options.get(v) ?? null) : null)}
      allowClear
      {...selectProps}
    />
  );
}
