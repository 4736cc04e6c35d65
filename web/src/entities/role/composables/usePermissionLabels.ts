import { useI18n } from 'vue-i18n';
import type { PermissionInfo } from '@/shared/api/types';

// Translated names for permissions and their areas; a permission the console does not know
// yet falls back to the server's (English) description, an area to its own name.
export function usePermissionLabels() {
  const { t, te } = useI18n();
  function permissionLabel(p: PermissionInfo): string {
    const key = `settings.roles.permissions.${p.name.replace('.', '_')}`;
    return te(key) ? t(key) : p.description;
  }
  function areaLabel(area: string): string {
    const key = `settings.roles.areas.${area}`;
    return te(key) ? t(key) : area;
  }
  return { permissionLabel, areaLabel };
}
