import { Tag } from 'antd';
import { useCarriers } from '../../api/enterprises';

/**
 * The carrier (park, building, …) a carrier dashboard's drill-down narrowed a list to, shown as
 * a removable tag so the narrowing is visible. Named when the caller may read carriers; a
 * department account may not, and sees the number instead.
 */
export function CarrierFilterTag({ carrierId, townOrgId, text, onClose }: { carrierId: number; townOrgId?: number; text: (name: string) => string; onClose: () => void }) {
  const carriers = useCarriers(townOrgId);
  const name = carriers.data?.items.find((c) => c.id === carrierId)?.name ?? `#${carrierId}`;
  return (
    <Tag closable color="blue" onClose={(e) => { e.preventDefault(); onClose(); }}>
      {text(name)}
    </Tag>
  );
}
