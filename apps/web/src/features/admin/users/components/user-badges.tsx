import type { TAdminUser } from '@mercato/shared';
import { Badge } from '../../../../components/ui/badge.js';

const STATUS = {
  active: { label: 'Active', tone: 'success' },
  pending: { label: 'Email not confirmed', tone: 'warning' },
  disabled: { label: 'Disabled', tone: 'danger' },
} as const;

export function UserStatusBadge({ status }: { status: TAdminUser['status'] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

export function UserRoleBadge({ role }: { role: TAdminUser['role'] }) {
  return role === 'admin' ? <Badge tone="brand">Admin</Badge> : <Badge>Customer</Badge>;
}
