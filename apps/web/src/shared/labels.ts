import { useTranslation } from 'react-i18next';
import type { Label } from '@hongyun/shared';

/** Picks the zh or en text of a shared domain label (enums in @hongyun/shared). */
export function useLabel(): (label: Label | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (label) => (label ? (en ? label.en : label.zh) : '');
}
