import { ZAuthResponseSchema, type TAuthResponse, type TLoginRequest } from '@mercato/shared';
import { useMutation } from '@tanstack/react-query';
import { completeSignIn } from '../session/session-controller.js';
import { authFetch } from './auth-fetch.js';

/** `POST /api/auth/login`: the access token in the body, the refresh token as an httpOnly cookie. */
export function logIn(body: TLoginRequest): Promise<TAuthResponse> {
  return authFetch('/api/auth/login', { method: 'POST', body, schema: ZAuthResponseSchema });
}

/** Signs in; on success the session is in place (and announced to `onSignedIn` subscribers and other tabs). */
export function useLogIn() {
  return useMutation({ mutationFn: logIn, onSuccess: (auth) => completeSignIn(auth, 'login') });
}
