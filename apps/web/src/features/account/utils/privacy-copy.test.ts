import { describe, expect, it } from 'vitest';
import { formatDays, retentionRules } from './privacy-copy.js';

describe('privacy copy', () => {
  it('when a period is put in words, then one day is singular', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(30)).toBe('30 days');
  });

  it('when the retention periods are shown, then each one names its configured number of days', () => {
    const rules = retentionRules({ sessions: 30, carts: 90, emailBodies: 1, unpaidOrders: 60 });

    expect(rules).toEqual([
      expect.stringContaining('deleted 30 days after'),
      expect.stringContaining('for 90 days'),
      expect.stringContaining('deleted 1 day after sending'),
      expect.stringContaining('removed after 60 days'),
    ]);
  });

  it('when email contents are kept for 0 days, then the page says they go once sent', () => {
    const rules = retentionRules({ sessions: 30, carts: 90, emailBodies: 0, unpaidOrders: 90 });

    expect(rules[2]).toBe(
      'The content of emails we send you: deleted once they are sent; a record that they were sent stays.',
    );
  });
});
