import type { FaqLanguage } from '@/shared/api/types';

// The i18n key of a language's name (settings.faq.languages.zhCN: "中文").
export function languageLabelKey(language: FaqLanguage): string {
  return `settings.faq.languages.${language === 'zh-CN' ? 'zhCN' : 'en'}`;
}

// A search result's relevance (0..1) as a whole percentage, 0 when it has none.
export function relevancePercent(relevance: number | undefined): number {
  if (relevance === undefined || !Number.isFinite(relevance)) return 0;
  return Math.round(Math.min(1, Math.max(0, relevance)) * 100);
}

// A question short enough for a message or a confirmation ("退款什么时候到账？").
export function shortQuestion(question: string, max = 40): string {
  const chars = [...question];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : question;
}
