import { ZEraseAccountRequestSchema } from '@mercato/shared';
import { z } from 'zod';

/** What the person types to show they mean it (the API only needs the password; the page asks for both). */
export const DELETE_CONFIRMATION = 'DELETE';

export const ZDeleteAccountFormSchema = ZEraseAccountRequestSchema.extend({
  confirmation: z
    .string()
    .trim()
    .refine((value) => value === DELETE_CONFIRMATION, `type ${DELETE_CONFIRMATION} in capital letters to confirm`),
});

export type TDeleteAccountFormValues = z.input<typeof ZDeleteAccountFormSchema>;

export const EMPTY_DELETE_ACCOUNT_FORM: TDeleteAccountFormValues = { confirmation: '', password: '' };

/** The erase request: only the password goes to the API. */
export function toEraseAccountRequest(values: z.output<typeof ZDeleteAccountFormSchema>): { password: string } {
  return { password: values.password };
}
