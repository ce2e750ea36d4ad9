import type { ReactNode } from 'react';
import { cn } from '../../../lib/cn.js';

interface FormAlertProps {
  /** Nothing is rendered without a message. */
  message: ReactNode;
  tone?: 'error' | 'success';
}

/** A form-level message: errors interrupt (role=alert), confirmations are announced politely (role=status). */
export function FormAlert({ message, tone = 'error' }: FormAlertProps) {
  if (!message) return null;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'rounded-md border px-4 py-3 text-sm',
        tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900',
      )}
    >
      {message}
    </div>
  );
}
