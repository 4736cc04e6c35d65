import type { Faq } from '@/shared/api/types';
import { FAQ_MAX_PHRASINGS, addPhrasings, changedFields, createInput, draftOf, emptyDraft, phrasingKey, removePhrasing } from '../phrasings';

const faq: Faq = {
  id: 12,
  question: '退款什么时候到账？',
  alternatives: ['退款多久能收到', '钱什么时候退回来'],
  answer: '退款审核通过后 1-3 个工作日原路退回。',
  category_id: null,
  language: 'zh-CN',
  active: true,
  version: 2,
  created_by: 1,
  created_at: '2026-11-20T02:00:00.000Z',
  updated_at: '2026-11-22T08:30:00.000Z',
};

describe('phrasingKey', () => {
  it('ignores case, full-width forms, spaces and the closing punctuation', () => {
    expect(phrasingKey('  How long  does a REFUND take? ')).toBe(phrasingKey('how long does a refund take'));
    expect(phrasingKey('退款多久到账？')).toBe(phrasingKey('退款多久到账'));
    expect(phrasingKey('ＶＩＰ 退款')).toBe(phrasingKey('vip退款'));
    expect(phrasingKey('退款多久到账')).not.toBe(phrasingKey('退货多久到账'));
  });
});

describe('addPhrasings', () => {
  it('adds a trimmed phrasing and leaves the list it was given alone', () => {
    const current = ['退款多久能收到'];
    const result = addPhrasings(current, '  钱什么时候   退回来 ');
    expect(result.phrasings).toEqual(['退款多久能收到', '钱什么时候 退回来']);
    expect(result.added).toEqual(['钱什么时候 退回来']);
    expect(result.rejected).toEqual([]);
    expect(current).toEqual(['退款多久能收到']);
  });

  it('refuses repeats, within the list and within what was pasted', () => {
    const result = addPhrasings(['退款多久能收到'], '退款多久能收到？\nRefund time\nrefund  TIME\n\n');
    expect(result.phrasings).toEqual(['退款多久能收到', 'Refund time']);
    expect(result.rejected).toEqual([
      { text: '退款多久能收到？', reason: 'duplicate' },
      { text: 'refund TIME', reason: 'duplicate' },
    ]);
  });

  it('refuses the question itself', () => {
    const result = addPhrasings([], '退款什么时候到账', '退款什么时候到账？');
    expect(result.phrasings).toEqual([]);
    expect(result.rejected).toEqual([{ text: '退款什么时候到账', reason: 'question' }]);
  });

  it('stops at the limit and says which ones did not fit', () => {
    const nineteen = Array.from({ length: FAQ_MAX_PHRASINGS - 1 }, (_, i) => `问法 ${i + 1}`);
    const result = addPhrasings(nineteen, '第二十个\n第二十一个\n第二十二个');
    expect(result.phrasings).toHaveLength(FAQ_MAX_PHRASINGS);
    expect(result.added).toEqual(['第二十个']);
    expect(result.rejected.map((r) => [r.text, r.reason])).toEqual([
      ['第二十一个', 'limit'],
      ['第二十二个', 'limit'],
    ]);
  });

  it('refuses a phrasing longer than a question may be, counting characters not UTF-16 units', () => {
    expect(addPhrasings([], '退'.repeat(301)).rejected[0]?.reason).toBe('tooLong');
    expect(addPhrasings([], '😀'.repeat(300)).added).toHaveLength(1);
  });

  it('ignores blank input', () => {
    expect(addPhrasings(['a'], '  \n \n')).toEqual({ phrasings: ['a'], added: [], rejected: [] });
  });
});

describe('removePhrasing', () => {
  it('removes by position', () => {
    expect(removePhrasing(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(removePhrasing(['a'], 5)).toEqual(['a']);
  });
});

describe('drafts', () => {
  it('a new entry starts active with the given language and category', () => {
    expect(emptyDraft('en', 3)).toEqual({ question: '', alternatives: [], answer: '', category_id: 3, language: 'en', active: true });
  });

  it('trims the question and the ends of the answer, keeping its line breaks', () => {
    const input = createInput({ ...emptyDraft(), question: '  退款  什么时候到账？ ', answer: '\n第一步\n第二步\n  ' });
    expect(input.question).toBe('退款 什么时候到账？');
    expect(input.answer).toBe('第一步\n第二步');
  });

  it('an edit sends only what changed', () => {
    const draft = draftOf(faq);
    expect(changedFields(faq, draft)).toEqual({});
    draft.alternatives = [...draft.alternatives, '退款到账时间'];
    draft.active = false;
    draft.question = ` ${faq.question} `;
    expect(changedFields(faq, draft)).toEqual({ alternatives: ['退款多久能收到', '钱什么时候退回来', '退款到账时间'], active: false });
    expect(faq.alternatives).toHaveLength(2);
  });
});
