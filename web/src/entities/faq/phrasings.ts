import type { Faq, FaqCreate, FaqLanguage, FaqPatch } from '@/shared/api/types';

// The server's limits (domain/faq): characters are code points.
export const FAQ_MAX_QUESTION = 300;
export const FAQ_MAX_ANSWER = 5000;
export const FAQ_MAX_PHRASINGS = 20;
export const FAQ_LANGUAGES: readonly FaqLanguage[] = ['zh-CN', 'en'];

export type PhrasingRejection = 'duplicate' | 'question' | 'limit' | 'tooLong';

export interface PhrasingResult {
  phrasings: string[];
  added: string[];
  rejected: Array<{ text: string; reason: PhrasingRejection }>;
}

// Trimmed, with every run of spaces made one space.
export function cleanPhrasing(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// What two phrasings are compared by: full-width letters and digits folded (NFKC), case
// ignored, spaces and the punctuation that ends a question dropped. "退款多久到账？" and
// "退款多久到账" ask the same thing and would only weigh the same words twice in search.
export function phrasingKey(text: string): string {
  return cleanPhrasing(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\s?!.。？！～~]+$/u, '')
    .replace(/\s+/g, '');
}

// Adds what was typed or pasted (one phrasing per line) to `current`: blank lines are
// skipped; a phrasing that repeats one already listed, or the question itself, is refused,
// and so is anything past FAQ_MAX_PHRASINGS or longer than FAQ_MAX_QUESTION characters.
export function addPhrasings(current: readonly string[], input: string, question = ''): PhrasingResult {
  const phrasings = [...current];
  const seen = new Set(phrasings.map(phrasingKey));
  const questionKey = phrasingKey(question);
  const result: PhrasingResult = { phrasings, added: [], rejected: [] };
  for (const line of input.split(/\r?\n/)) {
    const text = cleanPhrasing(line);
    if (!text) continue;
    const key = phrasingKey(text);
    let reason: PhrasingRejection | null = null;
    if (questionKey && key === questionKey) reason = 'question';
    else if (seen.has(key)) reason = 'duplicate';
    else if ([...text].length > FAQ_MAX_QUESTION) reason = 'tooLong';
    else if (phrasings.length >= FAQ_MAX_PHRASINGS) reason = 'limit';
    if (reason) {
      result.rejected.push({ text, reason });
      continue;
    }
    seen.add(key);
    phrasings.push(text);
    result.added.push(text);
  }
  return result;
}

export function removePhrasing(current: readonly string[], index: number): string[] {
  return current.filter((_, i) => i !== index);
}

// What the dialog edits, in the API's terms.
export interface FaqDraft {
  question: string;
  alternatives: string[];
  answer: string;
  category_id: number | null;
  language: FaqLanguage;
  active: boolean;
}

export function emptyDraft(language: FaqLanguage = 'zh-CN', categoryId: number | null = null): FaqDraft {
  return { question: '', alternatives: [], answer: '', category_id: categoryId, language, active: true };
}

export function draftOf(faq: Faq): FaqDraft {
  return { question: faq.question, alternatives: [...faq.alternatives], answer: faq.answer, category_id: faq.category_id, language: faq.language, active: faq.active };
}

// The body of a create: question trimmed, the answer's line breaks kept (its ends trimmed).
export function createInput(draft: FaqDraft): FaqCreate {
  return { ...draft, question: cleanPhrasing(draft.question), answer: draft.answer.trim(), alternatives: [...draft.alternatives] };
}

// Only the fields the draft changes, so a save sends what the admin actually edited;
// empty when nothing changed.
export function changedFields(faq: Faq, draft: FaqDraft): FaqPatch {
  const next = createInput(draft);
  const patch: FaqPatch = {};
  if (next.question !== faq.question) patch.question = next.question;
  if (next.answer !== faq.answer) patch.answer = next.answer;
  if (JSON.stringify(next.alternatives) !== JSON.stringify(faq.alternatives)) patch.alternatives = next.alternatives;
  if (next.category_id !== faq.category_id) patch.category_id = next.category_id;
  if (next.language !== faq.language) patch.language = next.language;
  if (next.active !== faq.active) patch.active = next.active;
  return patch;
}
