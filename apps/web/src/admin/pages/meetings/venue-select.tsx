import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VENUE_KIND_LABELS } from '@hongyun/shared';
import { useVenueOptions } from '../../../api/meetings';
import { useLabel } from '../../../shared/labels';

interface VenueSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The booked venue's name while editing (it may be outside the first page of results). */
  known?: { id: number; name: string } | null;
}

/** Picks a shared venue (阵地) to book; a taken slot is refused by the server on save. */
export function VenueSelect({ id, value, onChange, known }: VenueSelectProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const [q, setQ] = useState('');
  const venues = useVenueOptions(q);
  const options = (venues.data?.items ?? [])
    .filter((v) => !v.closedAt)
    .map((v) => ({
      value: v.id,
      label: v.name,
      title: `${v.name} · ${v.address}`,
      desc: `${label(VENUE_KIND_LABELS[v.kind])} · ${v.address} · ${t('meetings.form.capacity', { n: v.capacity })}`,
    }));
  if (known && !options.some((o) => o.value === known.id)) options.unshift({ value: known.id, label: known.name, title: known.name, desc: '' });
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={venues.isFetching}
      placeholder={t('meetings.form.venuePlaceholder')}
      notFoundContent={venues.isError ? t('meetings.form.venueLoadFailed') : venues.isFetching ? t('common.loading') : t('common.noData')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.desc ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.data.desc}</Typography.Text> : null}
        </div>
      )}
      style={{ width: '100%' }}
    />
  );
}
