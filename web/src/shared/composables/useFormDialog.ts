import { nextTick, ref, watch, type Ref } from 'vue';
import { useAction } from './useAction';

// A dialog around one el-form: `reset` fills the draft each time the dialog opens; `submit`
// validates, runs `save` as a useAction (busy flag, error toast) and closes the dialog once
// it succeeds. Bind `form` as the FormDialog's (or an el-form's) ref.
export function useFormDialog(open: Ref<boolean>, options: { reset: () => void; save: () => Promise<void> | void }) {
  const form = ref<{ validate: () => Promise<unknown>; clearValidate: () => void }>();
  const { busy, run } = useAction();
  watch(open, (isOpen) => {
    if (!isOpen) return;
    options.reset();
    void nextTick(() => form.value?.clearValidate());
  });
  async function submit(): Promise<void> {
    if (!(await form.value?.validate().catch(() => false))) return;
    await run(async () => {
      await options.save();
      open.value = false;
    });
  }
  return { form, busy, submit };
}
