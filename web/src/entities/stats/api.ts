import { http } from '@/shared/http';

// GET /api/v1/stats/dashboard: the home page's numbers, scoped to what the caller may see.
export interface DashboardStats {
  generated_at: string;
  my_open: number;
  unassigned_in_my_departments: number;
  urgent_open: number;
  overdue: number;
  today: { created: number; resolved: number };
  by_status: Record<string, number>;
  by_channel: Record<string, number>;
  daily: Array<{ date: string; created: number; resolved: number }>;
  agents_online: Array<{ department_id: number; name: string; online: number; total: number }>;
}

export function dashboardStats(): Promise<DashboardStats> {
  return http.get<DashboardStats>('/api/v1/stats/dashboard');
}
