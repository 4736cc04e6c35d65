import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';

export interface ConfirmOptions {
  // The confirm button's label (default 确定) and whether it is red, for what cannot be undone.
  confirmText?: string;
  danger?: boolean;
}

// Asks before an action with a warning box; resolves true when confirmed, false when
// cancelled or closed (it never rejects).
export function useConfirm() {
  const { t } = useI18n();
  return function confirm(message: string, title: string, options: ConfirmOptions = {}): Promise<boolean> {
    return ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: options.confirmText ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
    }).then(
      () => true,
      () => false,
    );
  };
}
