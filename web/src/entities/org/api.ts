import type { Category, Department, User } from '@/shared/api/types';
import { http } from '@/shared/http';

interface Items<T> {
  items: T[];
}

export async function listUsers(): Promise<User[]> {
  return (await http.get<Items<User>>('/api/v1/users')).items;
}

export async function listDepartments(): Promise<Department[]> {
  return (await http.get<Items<Department>>('/api/v1/departments')).items;
}

export async function listCategories(): Promise<Category[]> {
  return (await http.get<Items<Category>>('/api/v1/categories')).items;
}
