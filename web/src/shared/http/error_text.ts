import type { ComposerTranslation } from 'vue-i18n';
import { ApiError } from './api_error';

// A readable, translated sentence for any failure. Codes with a fixed meaning get our own
// words; validation and conflict messages carry the server's specifics.
export function errorText(error: unknown, t: ComposerTranslation): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'permission_denied':
      return t('errors.forbidden');
    case 'not_found':
      return t('errors.notFound');
    case 'precondition_failed':
      return t('errors.stale');
    case 'rate_limited':
      return error.retryAfterS ? t('errors.rateLimitedWait', { seconds: error.retryAfterS }) : t('errors.rateLimited');
    case 'payload_too_large':
      return t('errors.tooLarge');
    case 'invalid_argument': {
      const fields = error.fields.map((f) => `${f.field}: ${f.issue}`).join('; ');
      return fields ? `${t('errors.invalid')} (${fields})` : `${t('errors.invalid')} (${error.message})`;
    }
    case 'conflict':
      return `${t('errors.conflict')}: ${error.message}`;
    case 'unavailable':
      return t('errors.unavailable');
    default:
      return error.requestId ? t('errors.internalWithId', { id: error.requestId }) : t('errors.internal');
  }
}
