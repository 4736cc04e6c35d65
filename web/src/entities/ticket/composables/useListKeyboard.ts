import { onMounted, onUnmounted, ref, type Ref } from 'vue';

// Gmail-style keys for a list: j/k move, Enter opens, x selects. Ignored while typing in
// a field, on a button or link (whose own Enter wins), or when a modifier is held.
export function useListKeyboard<T>(options: {
  rows: Ref<T[]>;
  onOpen: (row: T) => void;
  onToggle: (row: T) => void;
  onFocus: (row: T) => void;
}) {
  const index = ref(-1);

  function isTyping(target: EventTarget | null): boolean {
    if (!(target instanceof HTMLElement)) return false;
    return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName);
  }

  function move(delta: number): void {
    const count = options.rows.value.length;
    if (count === 0) return;
    index.value = Math.min(count - 1, Math.max(0, index.value + delta));
    const row = options.rows.value[index.value];
    if (row !== undefined) options.onFocus(row);
  }

  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const row = options.rows.value[index.value];
    if (event.key === 'j') move(1);
    else if (event.key === 'k') move(-1);
    else if (event.key === 'Enter' && row !== undefined) options.onOpen(row);
    else if (event.key === 'x' && row !== undefined) options.onToggle(row);
    else return;
    event.preventDefault();
  }

  onMounted(() => document.addEventListener('keydown', onKey));
  onUnmounted(() => document.removeEventListener('keydown', onKey));

  return {
    index,
    reset: () => {
      index.value = -1;
    },
  };
}
