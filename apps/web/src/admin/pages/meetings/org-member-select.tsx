import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../../api/members';

interface Known {
  id: number;
  name: string;
}

interface BaseProps {
  id?: string;
  /** The meeting's organisation: only its own current members (not those of organisations below it). */
  orgId?: number;
  /** Names of people already chosen (editing), shown before any search. */
  known?: readonly Known[];
  'aria-label'?: string;
}

/** Members of the organisation itself, found by name: the server accepts no one else for these roles. */
function useOrgMembers(orgId: number | undefined, q: string) {
  const members = useMembers({ orgId, q: q || undefined, status: ['normal'], page: 1, pageSize: 50, sort: 'name', order: 'asc' }, orgId !== undefined);
  const items = (members.data?.items ?? []).filter((m) => m.orgId === orgId);
  return { members, items };
}

/** One member of the organisation (host, recorder, lecturer, the member a vote concerns). */
export function OrgMemberSelect({ id, value, onChange, orgId, known = [], ...aria }: BaseProps & { value?: number | null; onChange?: (value: number | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { members, items } = useOrgMembers(orgId, q);
  const options = new Map(known.map((k) => [k.id, k.name]));
  for (const m of items) options.set(m.id, m.name);
  return (
    <Select<number>
      id={id}
      aria-label={aria['aria-label']}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      allowClear
      disabled={orgId === undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={members.isFetching}
      placeholder={orgId === undefined ? t('meetings.form.chooseOrgFirst') : t('member.picker.placeholder')}
      notFoundContent={members.isFetching ? t('common.loading') : t('meetings.form.noOrgMembers')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}

/** Several members of the organisation (invitees beyond those the kind invites). */
export function OrgMembersSelect({ id, value = [], onChange, orgId, ...aria }: BaseProps & { value?: number[]; onChange?: (value: number[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const { members, items } = useOrgMembers(orgId, q);
  const options = new Map(names);
  for (const m of items) options.set(m.id, m.name);

  const handleChange = (ids: number[]) => {
    // Keep the labels of chosen members once the search moves on.
    setNames(new Map(ids.map((i) => [i, options.get(i) ?? String(i)])));
    onChange?.(ids);
  };

  return (
    <Select<number[]>
      id={id}
      aria-label={aria['aria-label']}
      mode="multiple"
      value={value}
      onChange={handleChange}
      disabled={orgId === undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={members.isFetching}
      placeholder={orgId === undefined ? t('meetings.form.chooseOrgFirst') : t('member.picker.placeholder')}
      notFoundContent={members.isFetching ? t('common.loading') : t('meetings.form.noOrgMembers')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}
