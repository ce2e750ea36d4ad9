import { describe, expect, it } from 'vitest';
import { parseUsersParams, toUsersSearchParams } from './users-params.js';

describe('users list params', () => {
  it('when the URL names a search, role, status and page, then they are read and written back the same way', () => {
    const state = parseUsersParams(new URLSearchParams('q=%20ada%20&role=admin&status=disabled&page=3'));

    expect(state).toEqual({ q: 'ada', role: 'admin', status: 'disabled', page: 3 });
    expect(toUsersSearchParams(state, { page: 3 }).toString()).toBe('q=ada&role=admin&status=disabled&page=3');
  });

  it('when the URL holds unknown values, then they mean "any" and page 1', () => {
    expect(parseUsersParams(new URLSearchParams('role=owner&status=banned&page=-2'))).toEqual({
      q: '',
      role: '',
      status: '',
      page: 1,
    });
  });

  it('when a filter changes, then paging starts over and defaults are left out of the URL', () => {
    const state = parseUsersParams(new URLSearchParams('q=ada&page=4'));

    expect(toUsersSearchParams(state, { status: 'active' }).toString()).toBe('q=ada&status=active');
    expect(toUsersSearchParams(state, { q: '' }).toString()).toBe('');
  });
});
