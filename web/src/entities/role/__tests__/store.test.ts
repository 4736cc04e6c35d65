import { createPinia, setActivePinia } from 'pinia';
import { useRolesStore } from '../store';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('roles store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.restoreAllMocks());

  it('loads roles and the catalog once, shares a load in flight and reloads on demand', async () => {
    const calls: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      calls.push(url);
      if (url.endsWith('/roles')) return json({ items: [{ key: 'agent', name: '客服', permissions: ['tickets.read'], builtin: true }] });
      return json({ items: [{ name: 'tickets.read', description: 'View tickets' }] });
    });
    const store = useRolesStore();
    await Promise.all([store.load(), store.load()]);
    expect(calls).toHaveLength(2);
    expect(store.roleName('agent')).toBe('客服');
    expect(store.roleName('gone')).toBe('gone');
    expect(store.permissions.map((p) => p.name)).toEqual(['tickets.read']);
    await store.load();
    expect(calls).toHaveLength(2);
    await store.load(true);
    expect(calls).toHaveLength(4);
  });
});
