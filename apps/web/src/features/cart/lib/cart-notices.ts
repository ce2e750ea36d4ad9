import type { TCartNotice } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';

export type TNoticeTone = 'info' | 'warning' | 'danger';

export interface NoticeText {
  tone: TNoticeTone;
  text: string;
  /** Price notices can be dismissed (the shopper has seen the new price); the others go away when fixed. */
  isDismissible: boolean;
}

export interface NoticeLine {
  unitPrice: number;
  quantity: number;
}

/** The sentence a cart line shows for one of its notices, with its tone. */
export function describeCartNotice(
  notice: TCartNotice,
  line: NoticeLine,
  currency: string,
  locale?: string,
): NoticeText {
  const money = (amount: number) => formatMoney(amount, currency, locale);
  switch (notice.type) {
    case 'price_changed': {
      const direction = line.unitPrice > notice.previousPrice ? 'went up' : 'went down';
      return {
        tone: line.unitPrice > notice.previousPrice ? 'warning' : 'info',
        text: `The price ${direction} from ${money(notice.previousPrice)} to ${money(line.unitPrice)} since you added it.`,
        isDismissible: true,
      };
    }
    case 'insufficient_stock':
      return notice.available <= 0
        ? { tone: 'danger', text: 'Sold out. Remove it to check out.', isDismissible: false }
        : {
            tone: 'danger',
            text: `Only ${notice.available} left. Lower the quantity to ${notice.available} to check out.`,
            isDismissible: false,
          };
    case 'unavailable':
      return { tone: 'danger', text: 'No longer available. Remove it to check out.', isDismissible: false };
    case 'quantity_adjusted':
      return {
        tone: 'info',
        text: `Your carts held ${notice.requested} together; ${line.quantity} ${line.quantity === 1 ? 'is' : 'are'} kept because of the stock or the limit of 99.`,
        isDismissible: false,
      };
  }
}

/** Whether any line shows a price change the shopper can acknowledge. */
export function hasPriceChanges(lines: readonly { notices: readonly TCartNotice[] }[]): boolean {
  return lines.some((line) => line.notices.some((notice) => notice.type === 'price_changed'));
}
