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

/** Links enterprises of the registry by name or USCC. */
export function EnterpriseSelect({ id, value, onChange, known = [] }: EnterpriseSelectProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useEnterprises({ q: q || undefined, page: 1, pageSize: 20 });
  const options = new Map<number, string>();
  for (const e of known) options.set(e.id, `${e.name}（${e.uscc}）`);
  for (const e of list.data?.items ?? []) options.set(e.id, `${e.name}（${e.uscc}）`);
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      placeholder={t('enterprise.select.placeholder')}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noData')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}

interface EnterprisePickerProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null, name: string | null) => void;
  known?: { id: number; name: string } | null;
}

/** Picks one registered enterprise (a member's employer). */
export function EnterprisePicker({ id, value, onChange, known }: EnterprisePickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useEnterprises({ q: q || undefined, page: 1, pageSize: 20 });
  const options = new Map<number, string>();
  if (known) options.set(known.id, known.name);
  for (const e of list.data?.items ?? []) options.set(e.id, e.name);
  return (
    <Select<number | null>
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null, v ? (options.get(v) ?? null) : null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      placeholder={t('enterprise.select.placeholder')}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noData')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}
