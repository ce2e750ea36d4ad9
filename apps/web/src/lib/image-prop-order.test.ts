import { describe, expect, it } from 'vitest';
import { srcLast } from './image-prop-order.js';

describe('srcLast', () => {
  it('moves src after srcset, sizes and loading, keeping the others in their order', () => {
    const props = { src: 'a-320.webp', srcSet: 'a-320.webp 320w, a-809.webp 809w', sizes: '100vw', loading: 'lazy' };
    expect(Object.keys(srcLast(props))).toEqual(['srcSet', 'sizes', 'loading', 'src']);
    expect(srcLast(props)).toEqual(props);
  });

  it('leaves props without src as they are', () => {
    const props = { alt: '' };
    expect(srcLast(props)).toBe(props);
  });
});
