import { currentLanguage } from '../i18n';
import { HttpClient, type TokenSource } from './client';

export { ApiError } from './api_error';
export type { RequestOptions } from './client';

const noSession: TokenSource = {
  accessToken: () => null,
  refresh: async () => false,
  onSessionEnded: () => {},
};
let tokenSource: TokenSource = noSession;

// The auth store registers itself here when it is created (it needs `http` to log in, so
// the client cannot import the store).
export function setTokenSource(source: TokenSource): void {
  tokenSource = source;
}

export const http = new HttpClient({
  tokens: {
    accessToken: () => tokenSource.accessToken(),
    refresh: () => tokenSource.refresh(),
    onSessionEnded: () => tokenSource.onSessionEnded(),
  },
  language: currentLanguage,
});
