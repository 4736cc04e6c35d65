import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, loadPreferences, savePreferences } from '../preferences';

describe('notification preferences', () => {
  beforeEach(() => localStorage.clear());

  it('defaults to toast and sound, no desktop notifications', () => {
    expect(loadPreferences(7)).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES).toEqual({ toast: true, sound: true, desktop: false });
  });

  it('keeps each user their own choices', () => {
    savePreferences(7, { toast: false, sound: false, desktop: true });
    expect(loadPreferences(7)).toEqual({ toast: false, sound: false, desktop: true });
    expect(loadPreferences(8)).toEqual(DEFAULT_PREFERENCES);
  });

  it('ignores damaged or partial entries', () => {
    localStorage.setItem('kefu.notifications.7', '{oops');
    expect(loadPreferences(7)).toEqual(DEFAULT_PREFERENCES);
    localStorage.setItem('kefu.notifications.7', JSON.stringify({ sound: false, desktop: 'yes' }));
    expect(loadPreferences(7)).toEqual({ toast: true, sound: false, desktop: false });
  });
});
