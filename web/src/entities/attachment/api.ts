import type { Attachment } from '@/shared/api/types';
import { http } from '@/shared/http';

// Uploads one file as the raw request body; reference the returned id in a message.
export function uploadAttachment(file: File): Promise<Attachment> {
  return http.post<Attachment>('/api/v1/attachments', file, { query: { filename: file.name } });
}
