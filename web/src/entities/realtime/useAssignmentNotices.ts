import { onMounted, onUnmounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { ElNotification } from 'element-plus';
import { useAuthStore } from '@/entities/auth/store';
import type { AssignedFrame } from '@/shared/realtime/frames';
import { playChime } from './chime';
import { loadPreferences } from './preferences';
import { useRealtimeStore } from './store';

// Toast, sound and (when the tab is hidden and the agent allowed it) a desktop
// notification when a ticket is assigned to the signed-in agent by someone else.
export function useAssignmentNotices(): void {
  const { t } = useI18n();
  const router = useRouter();
  const auth = useAuthStore();
  const realtime = useRealtimeStore();
  let stop: (() => void) | null = null;

  function open(frame: AssignedFrame): void {
    void router.push({ name: 'ticket', params: { id: frame.ticket_id } });
  }

  function announce(frame: AssignedFrame): void {
    const userId = auth.user?.id;
    if (!userId) return;
    const preferences = loadPreferences(userId);
    const title = t('live.assignedTitle', { number: frame.number });
    if (preferences.toast) {
      const notice = ElNotification({
        title,
        message: frame.subject,
        type: frame.priority === 'urgent' || frame.priority === 'high' ? 'warning' : 'info',
        duration: 8000,
        customClass: 'kefu-assigned-notice',
        onClick: () => {
          notice.close();
          open(frame);
        },
      });
    }
    if (preferences.sound) playChime();
    if (preferences.desktop && document.hidden && 'Notification' in window && Notification.permission === 'granted') {
      const desktop = new Notification(title, { body: frame.subject, tag: `kefu-ticket-${frame.ticket_id}` });
      desktop.onclick = () => {
        window.focus();
        open(frame);
      };
    }
  }

  onMounted(() => {
    stop = realtime.subscribe((frame) => {
      if (frame.type === 'assigned') announce(frame);
    });
  });
  onUnmounted(() => stop?.());
}
