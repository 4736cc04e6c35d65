import type { components } from '@/shared/api/schema';
import { http } from '@/shared/http';

// GET /api/v1/stats/dashboard: the home page's numbers, scoped to what the caller may see.
export type DashboardStats = components['schemas']['Dashboard'];

export function dashboardStats(): Promise<DashboardStats> {
  return http.get<DashboardStats>('/api/v1/stats/dashboard');
}
