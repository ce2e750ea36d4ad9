import { Badge } from '../../components/ui/badge.js';
import { useHealth } from '../../features/system/api/get-health.js';

/** Whether the API answers, for staff. An unreachable API is shown, never thrown. */
export function ApiStatus() {
  const health = useHealth();
  if (health.isPending) return <Badge>Checking API…</Badge>;
  if (health.isError) return <Badge tone="danger">API unreachable</Badge>;
  return <Badge tone="success">API online</Badge>;
}
