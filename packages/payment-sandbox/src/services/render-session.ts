import { applyExpand } from '../api/expand.js';
import type { SandboxContext } from '../context.js';
import type { LineItem, StripeList } from '../objects/types.js';
import type { SessionRecord } from '../state/sandbox-state.js';

// Stripe inlines the first page of a sub-list when it is expanded; the rest comes from listLineItems.
const EXPANDED_LIST_LIMIT = 10;

/** The session as the API returns it, with `expand[]` applied (line_items, payment_intent, breakdowns, …). */
export function renderSession(
  ctx: SandboxContext,
  record: SessionRecord,
  expand: readonly string[],
): Record<string, unknown> {
  const out = structuredClone(record.session) as unknown as Record<string, unknown>;
  if (expand.some((path) => path === 'line_items' || path.startsWith('line_items.'))) {
    const withDiscounts = expand.some((path) => path.startsWith('line_items.data.discounts'));
    out.line_items = {
      object: 'list',
      data: renderLineItems(record, withDiscounts).slice(0, EXPANDED_LIST_LIMIT),
      has_more: record.lineItems.length > EXPANDED_LIST_LIMIT,
      url: `/v1/checkout/sessions/${record.session.id}/line_items`,
    } satisfies StripeList<LineItem>;
  }
  if (expand.includes('total_details.breakdown')) {
    const totals = out.total_details as Record<string, unknown>;
    totals.breakdown = {
      discounts: record.discount
        ? [{ amount: record.session.total_details.amount_discount, discount: structuredClone(record.discount) }]
        : [],
      taxes: [],
    };
  }
  applyExpand(out, expand, (id) => ctx.state.findById(id));
  return out;
}

/** The session's line items as LineItem objects (with per-line discounts when asked). */
export function renderLineItems(record: SessionRecord, withDiscounts: boolean): LineItem[] {
  return record.lineItems.map((item) => {
    const copy = structuredClone(item);
    if (withDiscounts)
      copy.discounts = record.discount
        ? [{ amount: item.amount_discount, discount: structuredClone(record.discount) }]
        : [];
    return copy;
  });
}
