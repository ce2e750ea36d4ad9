import { describe, expect, it } from 'vitest';
import { layoutBars, niceCeiling } from './chart-scale.js';

describe('niceCeiling', () => {
  it('when a maximum is rounded up, then it lands on 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(180)).toBe(200);
    expect(niceCeiling(2_300)).toBe(2_500);
    expect(niceCeiling(36_490)).toBe(50_000);
  });
});

describe('layoutBars', () => {
  it('when days have values, then bars share the width and scale to the rounded maximum', () => {
    const { bars, max, ticks } = layoutBars(
      [
        { date: '2026-03-01', value: 0 },
        { date: '2026-03-02', value: 100 },
        { date: '2026-03-03', value: 50 },
        { date: '2026-03-04', value: 25 },
      ],
      400,
      100,
    );

    expect(max).toBe(100);
    expect(ticks).toEqual([0, 50, 100]);
    expect(bars.map((bar) => bar.height)).toEqual([0, 100, 50, 25]);
    expect(bars[1]).toMatchObject({ x: 102, y: 0, width: 96 });
  });

  it('when there is no data, then nothing is drawn and the scale still has a maximum', () => {
    expect(layoutBars([], 400, 100)).toEqual({ bars: [], max: 1, ticks: [0, 0.5, 1] });
  });
});
