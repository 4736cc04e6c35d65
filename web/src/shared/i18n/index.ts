import { createI18n } from 'vue-i18n';
import en from '@/locales/en';
import zhCN from '@/locales/zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kefu.language';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return 'zh-CN'; // Chinese first, whatever the browser says; English is one click away.
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLanguage(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

export function currentLanguage(): Language {
  return i18n.global.locale.value as Language;
}

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

// Accepts the server's language names ("zh-CN", "en") and ignores anything else.
export function parseLanguage(value: string | null | undefined): Language | null {
  return value === 'en' || value === 'zh-CN' ? value : null;
}
