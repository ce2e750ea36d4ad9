import { describe, expect, it } from 'vitest';
import { checkImageFile, MAX_IMAGE_BYTES } from './image-file-check.js';

describe('checkImageFile', () => {
  it('when a JPEG, PNG or WebP within 10 MB is chosen, then it may be uploaded', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) {
      expect(checkImageFile({ name: 'a', type, size: 1000 })).toBeNull();
    }
    expect(checkImageFile({ name: 'a.png', type: 'image/png', size: MAX_IMAGE_BYTES })).toBeNull();
  });

  it('when the type is not accepted, the file is too large or empty, then the reason names the file', () => {
    expect(checkImageFile({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe(
      'a.gif is not a JPEG, PNG or WebP image.',
    );
    expect(checkImageFile({ name: 'notes.txt', type: 'text/plain', size: 10 })).toMatch(/notes\.txt is not/);
    expect(checkImageFile({ name: 'big.png', type: 'image/png', size: MAX_IMAGE_BYTES + 1 })).toBe(
      'big.png is larger than 10 MB.',
    );
    expect(checkImageFile({ name: 'zero.png', type: 'image/png', size: 0 })).toBe('zero.png is empty.');
  });
});
