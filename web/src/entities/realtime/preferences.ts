import { ref, watch, type Ref } from 'vue';

// How an agent wants to hear about new assignments. Kept per user in this browser: sound
// and desktop notifications are properties of the device the agent sits at.
export interface NotificationPreferences {
  toast: boolean;
  sound: boolean;
  desktop: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = { toast: true, sound: true, desktop: false };

function key(userId: number): string {
  return `kefu.notifications.${userId}`;
}

export function loadPreferences(userId: number): NotificationPreferences {
  try {
    const raw = localStorage.getItem(key(userId));
    if (!raw) return { ...DEFAULT_PREFERENCES };
    const stored = JSON.parse(raw) as Partial<NotificationPreferences>;
    return {
      toast: typeof stored.toast === 'boolean' ? stored.toast : DEFAULT_PREFERENCES.toast,
      sound: typeof stored.sound === 'boolean' ? stored.sound : DEFAULT_PREFERENCES.sound,
      desktop: typeof stored.desktop === 'boolean' ? stored.desktop : DEFAULT_PREFERENCES.desktop,
    };
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

export function savePreferences(userId: number, preferences: NotificationPreferences): void {
  localStorage.setItem(key(userId), JSON.stringify(preferences));
}

// The preferences of `userId` as a ref that saves itself on every change.
export function usePreferences(userId: () => number | undefined): Ref<NotificationPreferences> {
  const preferences = ref<NotificationPreferences>(
    userId() ? loadPreferences(userId()!) : { ...DEFAULT_PREFERENCES },
  );
  watch(
    preferences,
    (value) => {
      const id = userId();
      if (id) savePreferences(id, value);
    },
    { deep: true },
  );
  return preferences;
}
