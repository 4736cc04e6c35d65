import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { useAuthStore } from '@/entities/auth/store';
import type { Permission } from '@/shared/api/types';
import { SETTINGS_PAGES, allowedSettingsPages } from './pages/settings/pages';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    permission?: Permission;
    titleKey?: string;
  }
}

// Every page is its own chunk: the first load carries only the shell and the page shown.
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, titleKey: 'login.title' } },
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { titleKey: 'nav.dashboard' } },
      { path: 'tickets', name: 'tickets', component: () => import('./pages/TicketListPage.vue'), meta: { titleKey: 'nav.tickets', permission: 'tickets.read' } },
      { path: 'tickets/new', name: 'ticket-new', component: () => import('./pages/NewTicketPage.vue'), meta: { titleKey: 'nav.newTicket', permission: 'tickets.create' } },
      { path: 'tickets/:id(\\d+)', name: 'ticket', component: () => import('./pages/TicketDetailPage.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { titleKey: 'nav.tickets', permission: 'tickets.read' } },
      { path: 'customers', name: 'customers', component: () => import('./pages/CustomerListPage.vue'), meta: { titleKey: 'nav.customers', permission: 'customers.read' } },
      { path: 'customers/:id(\\d+)', name: 'customer', component: () => import('./pages/CustomerDetailPage.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { titleKey: 'nav.customers', permission: 'customers.read' } },
      {
        path: 'settings',
        name: 'settings',
        redirect: () => {
          const first = allowedSettingsPages((p) => useAuthStore().can(p))[0];
          return first ? { name: first.name } : { name: 'dashboard' };
        },
      },
      ...SETTINGS_PAGES.map((page) => ({
        path: `settings/${page.path}`,
        name: page.name,
        component: page.component,
        meta: { titleKey: page.titleKey, permission: page.permission },
      })),
      { path: 'profile', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { titleKey: 'nav.profile' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
    ],
  },
];

export function createAgentRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach((to) => {
    const auth = useAuthStore();
    if (to.meta.public) return auth.signedIn && to.name === 'login' ? { name: 'dashboard' } : true;
    if (!auth.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    if (to.meta.permission && !auth.can(to.meta.permission)) return { name: 'dashboard' };
    return true;
  });
  return router;
}
