import { describe, expect, it } from 'vitest';
import { fingerprintParams, parseForm } from './form-parsing.js';

describe('parseForm', () => {
  it('when 25 line items are sent in qs indices style, then they stay an array (qs defaults stop at 20)', () => {
    const body = Array.from({ length: 25 }, (_, i) => `line_items[${i}][quantity]=${i + 1}`).join('&');

    const params = parseForm(body);

    expect(Array.isArray(params.line_items)).toBe(true);
    expect((params.line_items as { quantity: string }[])[24]).toEqual({ quantity: '25' });
  });

  it('when keys are nested six levels deep, then they are not garbled (qs defaults stop at 5)', () => {
    const params = parseForm(
      'line_items[0][price_data][product_data][metadata][deep%20key]=v%26w&line_items[0][price_data][product_data][images][0]=https%3A%2F%2Fx.test%2Fa.png',
    );

    expect(params).toEqual({
      line_items: [
        { price_data: { product_data: { metadata: { 'deep key': 'v&w' }, images: ['https://x.test/a.png'] } } },
      ],
    });
  });

  it('when a key tries to reach the prototype, then it is dropped', () => {
    const params = parseForm('__proto__[polluted]=yes&constructor[prototype][x]=1&ok=1');

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(params.ok).toBe('1');
  });
});

describe('fingerprintParams', () => {
  it('when the same params come in another key order, then the fingerprint is the same', () => {
    expect(fingerprintParams({ a: '1', b: { c: '2', d: '3' } })).toBe(
      fingerprintParams({ b: { d: '3', c: '2' }, a: '1' }),
    );
  });

  it('when a value differs, then the fingerprint differs', () => {
    expect(fingerprintParams({ a: '1' })).not.toBe(fingerprintParams({ a: '2' }));
  });
});
