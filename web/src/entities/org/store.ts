import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Category, Department, Id, User } from '@/shared/api/types';
import { listCategories, listDepartments, listUsers } from './api';

// Users, departments and categories: small, read everywhere (names in lists, pickers),
// loaded once per session and refreshed on demand.
export const useDirectoryStore = defineStore('directory', () => {
  const users = ref<User[]>([]);
  const departments = ref<Department[]>([]);
  const categories = ref<Category[]>([]);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const userById = computed(() => new Map(users.value.map((u) => [u.id, u])));
  const departmentById = computed(() => new Map(departments.value.map((d) => [d.id, d])));
  const categoryById = computed(() => new Map(categories.value.map((c) => [c.id, c])));
  const activeAgents = computed(() => users.value.filter((u) => u.active));

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    if (loading) return loading;
    loading = Promise.all([listUsers(), listDepartments(), listCategories()])
      .then(([u, d, c]) => {
        users.value = u;
        departments.value = d;
        categories.value = c;
        loaded.value = true;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  function userName(id: Id | null | undefined): string {
    return id ? (userById.value.get(id)?.name ?? `#${id}`) : '';
  }
  function departmentName(id: Id | null | undefined): string {
    return id ? (departmentById.value.get(id)?.name ?? `#${id}`) : '';
  }
  // "Parent / Child" for nested categories.
  function categoryPath(id: Id | null | undefined): string {
    const names: string[] = [];
    let current = id ? categoryById.value.get(id) : undefined;
    while (current && names.length < 6) {
      names.unshift(current.name);
      current = current.parent_id ? categoryById.value.get(current.parent_id) : undefined;
    }
    return names.join(' / ');
  }

  return {
    users,
    departments,
    categories,
    loaded,
    userById,
    departmentById,
    categoryById,
    activeAgents,
    load,
    userName,
    departmentName,
    categoryPath,
  };
});
