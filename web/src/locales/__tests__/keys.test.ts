import en from '../en';
import zhCN from '../zh-CN';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

// The distinct placeholders (plural forms such as "a | b" repeat them).
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

function lookup(messages: unknown, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
}

describe('locales', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every message is a non-empty string', () => {
    for (const key of keys(zhCN)) {
      expect(lookup(zhCN, key), key).toMatch(/\S/);
      expect(lookup(en, key), key).toMatch(/\S/);
    }
  });

  it('translations use the same placeholders', () => {
    for (const key of keys(zhCN)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
    }
  });
});
