import { createPinia, setActivePinia } from 'pinia';
import { http } from '@/shared/http';
import { useAuthStore } from '../store';

const me = { id: 7, email: 'a@kefu.local', name: '李娜', role: 'agent', permissions: ['tickets.read'], departments: [] };
const session = (n: number) => ({ access_token: `a${n}`, refresh_token: `r${n}`, token_type: 'Bearer', expires_in: 900, user: me });

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.restoreAllMocks());

  it('signs in, keeps the session across reloads and knows permissions', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(session(1)), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const auth = useAuthStore();
    await auth.signIn('a@kefu.local', 'pw');
    expect(auth.signedIn).toBe(true);
    expect(auth.can('tickets.read')).toBe(true);
    expect(auth.can('users.manage')).toBe(false);
    setActivePinia(createPinia());
    expect(useAuthStore().user?.name).toBe('李娜');
  });

  it('shares one refresh between concurrent 401s', async () => {
    localStorage.setItem('kefu.session', JSON.stringify({ accessToken: 'a0', refreshToken: 'r0', user: me }));
    const auth = useAuthStore();
    let refreshes = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        return new Response(JSON.stringify(session(1)), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      const authz = (init?.headers as Record<string, string>).Authorization;
      return authz === 'Bearer a1'
        ? new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } })
        : new Response('{"error":{"code":"unauthenticated","message":"expired","details":{}}}', { status: 401 });
    });
    await Promise.all([http.get('/api/v1/me'), http.get('/api/v1/tickets'), http.get('/api/v1/users')]);
    expect(refreshes).toBe(1);
    expect(auth.session?.refreshToken).toBe('r1');
  });
});
