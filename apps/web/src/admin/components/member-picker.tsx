import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/members';

interface MemberPickerProps {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Only members of this organisation's subtree (else the whole scope). */
  orgId?: number;
  /** Labels for values already chosen (e.g. the current committee). */
  known?: readonly { id: number; name: string }[];
  'aria-label'?: string;
}

/** Picks a member of an organisation by name (2-character names work: the server matches prefixes). */
export function MemberPicker({ id, value, onChange, orgId, known = [], ...aria }: MemberPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const members = useMembers({ orgId, q: q || undefined, status: ['normal'], page: 1, pageSize: 20, sort: 'name', order: 'asc' });
  const options = new Map<number, string>();
  for (const k of known) options.set(k.id, k.name);
  for (const m of members.data?.items ?? []) options.set(m.id, `${m.name} · ${m.orgName}`);
  return (
    <Select<number>
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={members.isFetching}
      placeholder={t('member.picker.placeholder')}
      notFoundContent={members.isFetching ? t('common.loading') : t('common.noData')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}
