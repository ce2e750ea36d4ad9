import { describe, expect, it } from 'vitest';
import { toEraseAccountRequest, ZDeleteAccountFormSchema } from './delete-account-form.js';

describe('delete account form', () => {
  it('when DELETE is typed and a password given, then only the password is sent', () => {
    const values = ZDeleteAccountFormSchema.parse({ confirmation: ' DELETE ', password: 'secret-words' });

    expect(toEraseAccountRequest(values)).toEqual({ password: 'secret-words' });
  });

  it('when the confirmation is anything but DELETE, then the form refuses it on that field', () => {
    for (const confirmation of ['', 'delete', 'DELET', 'DELETE ME']) {
      const result = ZDeleteAccountFormSchema.safeParse({ confirmation, password: 'secret-words' });

      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['confirmation']);
    }
  });

  it('when the password is empty, then the form refuses it on that field', () => {
    const result = ZDeleteAccountFormSchema.safeParse({ confirmation: 'DELETE', password: '' });

    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['password', 'is required'],
    ]);
  });
});
