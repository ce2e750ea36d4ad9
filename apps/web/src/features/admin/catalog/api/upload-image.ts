import { ZProblemSchema, ZUploadedImageSchema } from '@mercato/shared';
import type { z } from 'zod';
import { apiFetch } from '../../../../lib/api-client.js';
import { ApiError, codeForStatus, messageForStatus } from '../../../../lib/api-error.js';
import { getAccessToken } from '../../../../lib/auth-token-store.js';

export type TUploadedImage = z.infer<typeof ZUploadedImageSchema>;

const URL_PATH = '/api/admin/images';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toResult(xhr: XMLHttpRequest): TUploadedImage {
  const body = parseJson(xhr.responseText);
  const requestId = xhr.getResponseHeader('x-request-id') ?? undefined;
  if (xhr.status >= 200 && xhr.status < 300) {
    const image = ZUploadedImageSchema.safeParse(body);
    if (image.success) return image.data;
    throw new ApiError({
      status: xhr.status,
      code: 'INVALID_RESPONSE',
      message: 'The shop sent a response we could not read.',
      requestId,
      cause: image.error,
    });
  }
  const problem = ZProblemSchema.safeParse(body);
  if (problem.success) throw ApiError.fromProblem(problem.data, requestId);
  throw new ApiError({
    status: xhr.status,
    code: codeForStatus(xhr.status),
    message: messageForStatus(xhr.status),
    requestId,
  });
}

function send(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<TUploadedImage> {
  return new Promise((resolve, reject) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', URL_PATH);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      try {
        resolve(toResult(xhr));
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Could not reach the shop to upload.' })),
    );
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/**
 * `POST /api/admin/images` (multipart `file`) with upload progress. When the access token has expired, the upload is
 * sent once more through `apiFetch`, which owns the token refresh (no progress for that second attempt).
 */
export async function uploadImage(
  file: File,
  { onProgress = () => {}, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<TUploadedImage> {
  try {
    return await send(file, onProgress, signal);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'TOKEN_INVALID') throw error;
    const form = new FormData();
    form.append('file', file);
    const image = await apiFetch(URL_PATH, { method: 'POST', body: form, schema: ZUploadedImageSchema, signal });
    onProgress(1);
    return image;
  }
}
