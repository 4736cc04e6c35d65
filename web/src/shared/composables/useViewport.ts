import { onMounted, onUnmounted, ref } from 'vue';

// Below this width the console switches to its phone layout (drawer menu, stacked panels).
export const MOBILE_MAX_WIDTH = 767;

export function useViewport() {
  const query = typeof window === 'undefined' ? null : window.matchMedia(`(max-width: ${MOBILE_MAX_WIDTH}px)`);
  const isMobile = ref(query?.matches ?? false);
  const update = (event: MediaQueryListEvent) => {
    isMobile.value = event.matches;
  };
  onMounted(() => query?.addEventListener('change', update));
  onUnmounted(() => query?.removeEventListener('change', update));
  return { isMobile };
}
