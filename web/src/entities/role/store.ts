import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PermissionInfo, Role } from '@/shared/api/types';
import { listPermissions, listRoles } from './api';

// Roles and the permission catalog: read by the users, roles and API token pages, loaded
// once and reloaded after a role changes.
export const useRolesStore = defineStore('roles', () => {
  const roles = ref<Role[]>([]);
  const permissions = ref<PermissionInfo[]>([]);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const roleByKey = computed(() => new Map(roles.value.map((r) => [r.key, r])));

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    if (loading) return loading;
    loading = Promise.all([listRoles(), listPermissions()])
      .then(([r, p]) => {
        roles.value = r;
        permissions.value = p;
        loaded.value = true;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  function roleName(key: string): string {
    return roleByKey.value.get(key)?.name ?? key;
  }

  return { roles, permissions, loaded, roleByKey, load, roleName };
});
