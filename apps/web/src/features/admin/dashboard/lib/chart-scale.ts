/** A maximum a little above `value` that reads well on an axis (1, 2, 2.5, 5 × 10ⁿ); at least 1. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
}

export interface Bar {
  date: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One bar per day in a `width` × `height` plot (value 0 at the bottom), with a gap between bars. */
export function layoutBars(series: readonly { date: string; value: number }[], width: number, height: number) {
  const max = niceCeiling(Math.max(0, ...series.map((point) => point.value)));
  const slot = series.length > 0 ? width / series.length : width;
  const gap = Math.min(4, slot * 0.2);
  const bars: Bar[] = series.map((point, index) => {
    const barHeight = (point.value / max) * height;
    return {
      date: point.date,
      value: point.value,
      x: index * slot + gap / 2,
      y: height - barHeight,
      width: Math.max(1, slot - gap),
      height: barHeight,
    };
  });
  return { bars, max, ticks: [0, max / 2, max] };
}
