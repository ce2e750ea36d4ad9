import { describe, expect, it, vi } from 'vitest';
import type { UseFormSetError } from 'react-hook-form';
import { ApiError } from './api-error.js';
import { applyApiErrorToForm, toFormFieldName } from './form-errors.js';

type TSignup = { email: string; password: string; items: { quantity: number }[] };

function validationError(errors: { path: string; message: string }[]) {
  return new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: 'Request validation failed', errors });
}

describe('toFormFieldName', () => {
  it('when the path starts with a request part, then the part is dropped and array indexes stay dotted', () => {
    expect(toFormFieldName('body.email')).toBe('email');
    expect(toFormFieldName('body.items.0.quantity')).toBe('items.0.quantity');
    expect(toFormFieldName('query.pageSize')).toBe('pageSize');
    expect(toFormFieldName('email')).toBe('email');
  });
});

describe('applyApiErrorToForm', () => {
  it('when the API reports field errors, then each lands on its field and only the first is focused', () => {
    const setError = vi.fn<UseFormSetError<TSignup>>();
    const error = validationError([
      { path: 'body.email', message: 'Invalid email' },
      { path: 'body.items.0.quantity', message: 'Too many' },
    ]);

    const placed = applyApiErrorToForm<TSignup>(error, setError);

    expect(placed).toBe(2);
    expect(setError.mock.calls).toEqual([
      ['email', { type: 'server', message: 'Invalid email' }, { shouldFocus: true }],
      ['items.0.quantity', { type: 'server', message: 'Too many' }, { shouldFocus: false }],
    ]);
  });

  it('when a field error names no field of the form, then its message goes to root.server', () => {
    const setError = vi.fn<UseFormSetError<TSignup>>();
    const error = validationError([
      { path: 'body.email', message: 'Invalid email' },
      { path: 'body.captcha', message: 'Captcha required' },
    ]);

    const placed = applyApiErrorToForm<TSignup>(error, setError, { fields: ['email', 'password'] });

    expect(placed).toBe(1);
    expect(setError).toHaveBeenCalledWith('root.server', { type: 'VALIDATION_FAILED', message: 'Captcha required' });
  });

  it('when the error has no field errors, then its message goes to root.server with the code as type', () => {
    const setError = vi.fn<UseFormSetError<TSignup>>();
    const error = new ApiError({ status: 409, code: 'EMAIL_TAKEN', message: 'This email is already registered' });

    expect(applyApiErrorToForm<TSignup>(error, setError)).toBe(0);
    expect(setError.mock.calls).toEqual([
      ['root.server', { type: 'EMAIL_TAKEN', message: 'This email is already registered' }],
    ]);
  });

  it('when the failure is not an ApiError, then a generic message goes to root.server', () => {
    const setError = vi.fn<UseFormSetError<TSignup>>();

    expect(applyApiErrorToForm<TSignup>(new TypeError('boom'), setError)).toBe(0);
    expect(setError).toHaveBeenCalledWith('root.server', {
      type: 'unknown',
      message: 'Something went wrong. Please try again.',
    });
  });
});
