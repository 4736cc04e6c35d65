import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from '@/shared/http/error_text';

// Loading what a page shows: `loading` while it runs, `error` as a translated sentence for
// the page's error state (with a retry that calls `load` again). `load` never throws.
export function useLoader(loader: () => Promise<void>) {
  const { t } = useI18n();
  const loading = ref(false);
  const error = ref('');
  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      await loader();
    } catch (e) {
      error.value = errorText(e, t);
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, load };
}
