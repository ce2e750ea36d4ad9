import { cn } from '../../lib/cn.js';

export type TButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type TButtonSize = 'sm' | 'md' | 'lg' | 'icon';

const BASE =
  'inline-flex shrink-0 items-center justify-center rounded-md font-medium transition-colors select-none ' +
  'disabled:cursor-not-allowed disabled:opacity-60';

const VARIANTS: Record<TButtonVariant, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 active:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 active:bg-slate-100',
  ghost: 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
  danger: 'bg-red-700 text-white hover:bg-red-800',
};

const SIZES: Record<TButtonSize, string> = {
  sm: 'h-8 gap-1.5 px-3 text-sm',
  md: 'h-10 gap-2 px-4 text-sm',
  lg: 'h-12 gap-2 px-6 text-base',
  icon: 'size-10',
};

export interface ButtonStyleOptions {
  variant?: TButtonVariant | undefined;
  size?: TButtonSize | undefined;
  className?: string | undefined;
}

/** Classes of a button, for links that must look like one: `<Link className={buttonClasses({ size: 'lg' })}>`. */
export function buttonClasses({ variant = 'primary', size = 'md', className }: ButtonStyleOptions = {}): string {
  return cn(BASE, VARIANTS[variant], SIZES[size], className);
}
