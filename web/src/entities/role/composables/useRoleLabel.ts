import { useI18n } from 'vue-i18n';
import { useRolesStore } from '../store';

// A role's display name: the built-in roles (admin, supervisor, agent) in the console's
// language, custom roles by the name they were given.
export function useRoleLabel() {
  const { t, te } = useI18n();
  const roles = useRolesStore();
  return function roleLabel(key: string): string {
    const role = roles.roleByKey.get(key);
    const builtinKey = `settings.roles.builtinNames.${key}`;
    if ((!role || role.builtin) && te(builtinKey)) return t(builtinKey);
    return roles.roleName(key);
  };
}
