import type { ApiToken } from '@/shared/api/types';
import { tokenStatus } from '../status';

const token: ApiToken = { id: 1, user_id: 1, name: 'CRM', prefix: 'kfp_abcdef', scopes: ['tickets.read'], expires_at: null, last_used_at: null, revoked_at: null, created_at: '2026-01-01T00:00:00Z' };
const now = Date.parse('2026-06-01T00:00:00Z');

describe('tokenStatus', () => {
  it('tells active, expired and revoked tokens apart', () => {
    expect(tokenStatus(token, now)).toBe('active');
    expect(tokenStatus({ ...token, expires_at: '2026-12-01T00:00:00Z' }, now)).toBe('active');
    expect(tokenStatus({ ...token, expires_at: '2026-05-01T00:00:00Z' }, now)).toBe('expired');
    expect(tokenStatus({ ...token, expires_at: '2026-05-01T00:00:00Z', revoked_at: '2026-04-01T00:00:00Z' }, now)).toBe('revoked');
  });
});
