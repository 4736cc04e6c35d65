import { languageLabelKey, relevancePercent, shortQuestion } from '../display';

describe('FAQ display', () => {
  it('names languages through keys vue-i18n can follow', () => {
    expect(languageLabelKey('zh-CN')).toBe('settings.faq.languages.zhCN');
    expect(languageLabelKey('en')).toBe('settings.faq.languages.en');
  });

  it('shows relevance as a whole percentage within 0..100', () => {
    expect(relevancePercent(0.874)).toBe(87);
    expect(relevancePercent(1)).toBe(100);
    expect(relevancePercent(1.2)).toBe(100);
    expect(relevancePercent(undefined)).toBe(0);
    expect(relevancePercent(Number.NaN)).toBe(0);
  });

  it('shortens long questions by characters', () => {
    expect(shortQuestion('退款什么时候到账？')).toBe('退款什么时候到账？');
    expect(shortQuestion('退'.repeat(50), 10)).toBe(`${'退'.repeat(9)}…`);
  });
});
