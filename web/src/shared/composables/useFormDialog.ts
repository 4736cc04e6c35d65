import { nextTick, ref, watch, type Ref } from 'vue';
import { fieldErrorsOf } from '@/shared/http/field_errors';
import { useAction } from './useAction';

// A dialog around one el-form: `reset` fills the draft each time the dialog opens; `submit`
// validates, runs `save` as a useAction (busy flag, error toast) and closes the dialog once
// it succeeds. Bind `form` as the FormDialog's (or an el-form's) ref. When the server
// refuses the input, `fieldErrors` holds its problems by input name (for el-form-item's
// `error`); they are cleared on the next submit and when the dialog opens again. A `save`
// that resolves to false keeps the dialog open (it has told the user why).
export function useFormDialog(open: Ref<boolean>, options: { reset: () => void; save: () => Promise<void | false> | void | false }) {
  const form = ref<{ validate: () => Promise<unknown>; clearValidate: () => void }>();
  const fieldErrors = ref<Record<string, string>>({});
  const { busy, run } = useAction();
  watch(open, (isOpen) => {
    if (!isOpen) return;
    fieldErrors.value = {};
    options.reset();
    void nextTick(() => form.value?.clearValidate());
  });
  async function submit(): Promise<void> {
    fieldErrors.value = {};
    if (!(await form.value?.validate().catch(() => false))) return;
    await run(async () => {
      let outcome: void | false;
      try {
        outcome = await options.save();
      } catch (e) {
        fieldErrors.value = fieldErrorsOf(e);
        throw e;
      }
      if (outcome !== false) open.value = false;
    });
  }
  return { form, busy, submit, fieldErrors };
}
