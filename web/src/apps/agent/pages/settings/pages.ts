import type { Component } from 'vue';
import { ChatLineSquare, Document, Finished, Key, Lock, OfficeBuilding, Operation, Share, User } from '@element-plus/icons-vue';
import type { Permission } from '@/shared/api/types';

// The settings pages: one list for the routes (router.ts) and the Settings group of the
// menu (NavMenu.vue), each page gated by one permission.
export interface SettingsPage {
  path: string;
  name: string;
  titleKey: string;
  permission: Permission;
  icon: Component;
  component: () => Promise<Component>;
}

export const SETTINGS_PAGES: SettingsPage[] = [
  { path: 'users', name: 'settings-users', titleKey: 'settings.nav.users', permission: 'users.manage', icon: User, component: () => import('./UsersPage.vue') },
  { path: 'roles', name: 'settings-roles', titleKey: 'settings.nav.roles', permission: 'roles.manage', icon: Lock, component: () => import('./RolesPage.vue') },
  { path: 'departments', name: 'settings-departments', titleKey: 'settings.nav.departments', permission: 'settings.manage', icon: OfficeBuilding, component: () => import('./DepartmentsPage.vue') },
  { path: 'categories', name: 'settings-categories', titleKey: 'settings.nav.categories', permission: 'settings.manage', icon: Share, component: () => import('./CategoriesPage.vue') },
  { path: 'priorities', name: 'settings-priorities', titleKey: 'settings.nav.priorities', permission: 'settings.manage', icon: Finished, component: () => import('./PrioritiesPage.vue') },
  { path: 'custom-fields', name: 'settings-custom-fields', titleKey: 'settings.nav.customFields', permission: 'settings.manage', icon: Operation, component: () => import('./CustomFieldsPage.vue') },
  { path: 'faq', name: 'settings-faq', titleKey: 'settings.nav.faq', permission: 'settings.manage', icon: ChatLineSquare, component: () => import('./FaqPage.vue') },
  { path: 'api-tokens', name: 'settings-api-tokens', titleKey: 'settings.nav.apiTokens', permission: 'api_tokens.manage', icon: Key, component: () => import('./ApiTokensPage.vue') },
  { path: 'audit-log', name: 'settings-audit-log', titleKey: 'settings.nav.audit', permission: 'audit.view', icon: Document, component: () => import('./AuditLogPage.vue') },
];

// The pages this set of permissions opens, in menu order.
export function allowedSettingsPages(can: (permission: Permission) => boolean): SettingsPage[] {
  return SETTINGS_PAGES.filter((p) => can(p.permission));
}
