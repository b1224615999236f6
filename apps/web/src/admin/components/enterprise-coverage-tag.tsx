import { Tag } from 'antd';
import { COVERAGE_MODE_LABELS, type CoverageMode } from '@hongyun/shared';
import { useLabel } from '../../shared/labels';

const COLORS: Record<CoverageMode, string> = {
  standalone: 'red',
  joint: 'volcano',
  leadBuilt: 'gold',
  industryLinked: 'orange',
  fallback: 'purple',
  none: 'default',
};

/** A company's coverage mode as a coloured tag (单独组建 red … 未覆盖 grey). */
export function EnterpriseCoverageTag({ mode }: { mode: CoverageMode }) {
  const label = useLabel();
  return <Tag color={COLORS[mode]}>{label(COVERAGE_MODE_LABELS[mode])}</Tag>;
}
