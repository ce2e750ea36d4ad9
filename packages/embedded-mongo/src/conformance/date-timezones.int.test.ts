import type { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let events: Collection<Row>;

beforeAll(async () => {
  target = await openTarget('date-timezones');
  events = target.db.collection<Row>('events');
  await events.insertMany([
    { _id: 1, at: new Date('2026-03-01T02:30:00Z') },
    // Paris switches to summer time on 2026-03-29 at 01:00 UTC.
    { _id: 2, at: new Date('2026-03-29T00:30:00Z') },
    { _id: 3, at: new Date('2026-03-29T01:30:00Z') },
  ]);
});
afterAll(() => target.close());

const format = (timezone: string) =>
  events
    .aggregate([
      { $sort: { _id: 1 } },
      { $project: { _id: 0, day: { $dateToString: { format: '%Y-%m-%d %H:%M', date: '$at', timezone } } } },
    ])
    .toArray();

describe('date expressions with time zones', () => {
  it('when the zone is UTC or an offset, then dates format as MongoDB does', async () => {
    expect(await format('UTC')).toEqual([
      { day: '2026-03-01 02:30' },
      { day: '2026-03-29 00:30' },
      { day: '2026-03-29 01:30' },
    ]);
    expect(await format('+05:30')).toEqual([
      { day: '2026-03-01 08:00' },
      { day: '2026-03-29 06:00' },
      { day: '2026-03-29 07:00' },
    ]);
  });

  it('when the zone is an IANA name with daylight saving, then each date uses the offset in force at that instant', async () => {
    expect(await format('Europe/Paris')).toEqual([
      { day: '2026-03-01 03:30' },
      { day: '2026-03-29 01:30' },
      { day: '2026-03-29 03:30' },
    ]);
  });

  it('when the zone name has three parts, then it still resolves', async () => {
    expect(await format('America/Argentina/Buenos_Aires')).toEqual([
      { day: '2026-02-28 23:30' },
      { day: '2026-03-28 21:30' },
      { day: '2026-03-28 22:30' },
    ]);
  });

  it('when grouping by local day, then documents fall on the zone’s calendar day', async () => {
    const days = await events
      .aggregate([
        {
          $group: {
            _id: { $dateToString: { format: '%Y-%m-%d', date: '$at', timezone: 'America/New_York' } },
            n: { $sum: 1 },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(days).toEqual([
      { _id: '2026-02-28', n: 1 },
      { _id: '2026-03-28', n: 2 },
    ]);
  });

  it('when date parts are asked in a zone, then they follow it', async () => {
    const [first] = await events
      .aggregate([
        { $match: { _id: 1 } },
        { $project: { _id: 0, hour: { $hour: { date: '$at', timezone: 'Asia/Tokyo' } } } },
      ])
      .toArray();
    expect(first).toEqual({ hour: 11 });
  });
});
