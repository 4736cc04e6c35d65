import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { errorText } from '@/shared/http/error_text';

// One user action against the server: `busy` while it runs (for the button's spinner), and
// any failure shown as a translated error message. `run` itself never throws.
export function useAction() {
  const { t } = useI18n();
  const busy = ref(false);
  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true;
    try {
      await action();
    } catch (e) {
      ElMessage.error(errorText(e, t));
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
