import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN.json';

type Catalog = Record<string, unknown>;
// Each area keeps its words in its own pair of files (`<area>.zh-CN.json`, `<area>.en.json`)
// under one top-level key; scripts/check-locales.mjs checks the pairs and that keys never clash.
const zhAreas = import.meta.glob<Catalog>('../locales/*.zh-CN.json', { eager: true, import: 'default' });
const enAreas = import.meta.glob<Catalog>('../locales/*.en.json', { import: 'default' });

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'hongyun.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Chinese first: zh-CN is bundled; English is loaded when chosen. */
export async function initI18n(): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: Object.assign({}, zhCN, ...Object.values(zhAreas)) } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (storedLanguage() === 'en') await setLanguage('en');
  return i18n;
}

export async function setLanguage(language: Language): Promise<void> {
  if (language === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const [en, ...areas] = await Promise.all([import('../locales/en.json').then((m) => m.default as Catalog), ...Object.values(enAreas).map((load) => load())]);
    i18n.addResourceBundle('en', 'translation', Object.assign({}, en, ...areas));
  }
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
