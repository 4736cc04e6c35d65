import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me, Permission, Session } from '@/shared/api/types';
import { setTokenSource } from '@/shared/http';
import * as authApi from './api';

const STORAGE_KEY = 'kefu.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

// The signed-in agent: tokens, profile and permissions. Keeps the session in
// localStorage so a reload stays signed in, and renews the access token through the
// single-use refresh token — one refresh at a time, shared by every waiting request.
export const useAuthStore = defineStore('auth', () => {
  const session = ref<StoredSession | null>(load());
  let refreshing: Promise<boolean> | null = null;
  const endedListeners: Array<() => void> = [];

  const user = computed(() => session.value?.user ?? null);
  const signedIn = computed(() => session.value !== null);
  const permissions = computed(() => new Set<Permission>(session.value?.user.permissions ?? []));

  function can(permission: Permission): boolean {
    return permissions.value.has(permission);
  }

  function adopt(next: Session): void {
    session.value = {
      accessToken: next.access_token,
      refreshToken: next.refresh_token,
      user: next.user,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session.value));
  }

  function clear(): void {
    session.value = null;
    localStorage.removeItem(STORAGE_KEY);
  }

  async function signIn(email: string, password: string): Promise<Me> {
    adopt(await authApi.login(email, password));
    return session.value!.user;
  }

  async function signOut(): Promise<void> {
    try {
      if (session.value) await authApi.logout();
    } catch {
      // Already expired or revoked: signing out locally is all that is left.
    } finally {
      clear();
    }
  }

  function refresh(): Promise<boolean> {
    if (refreshing) return refreshing;
    const current = session.value;
    if (!current) return Promise.resolve(false);
    refreshing = authApi
      .refreshSession(current.refreshToken)
      .then((next) => {
        adopt(next);
        return true;
      })
      .catch(() => {
        // Another tab may have rotated the token already: take its session if newer.
        const stored = load();
        if (stored && stored.refreshToken !== current.refreshToken) {
          session.value = stored;
          return true;
        }
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  function updateUser(me: Me): void {
    if (!session.value) return;
    session.value = { ...session.value, user: me };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session.value));
  }

  async function reloadUser(): Promise<void> {
    updateUser(await authApi.fetchMe());
  }

  function onSessionEnded(listener: () => void): void {
    endedListeners.push(listener);
  }

  // The server refused the session for good (expired refresh token, deactivated account).
  function endSession(): void {
    clear();
    for (const listener of endedListeners) listener();
  }

  setTokenSource({
    accessToken: () => session.value?.accessToken ?? null,
    // An expired access token comes back as 401; the client then refreshes and retries.
    refresh,
    onSessionEnded: endSession,
  });

  return { session, user, signedIn, permissions, can, signIn, signOut, refresh, updateUser, reloadUser, onSessionEnded, endSession };
});
