/**
 * Splits `total` into integer parts proportional to `weights` (largest-remainder method): the parts always add up to
 * `total` exactly, each part is within one minor unit of its exact share, and ties go to the earlier line.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const parts = weights.map((weight) => {
    const exact = bigTotal * BigInt(weight);
    return { floor: exact / bigSum, remainder: exact % bigSum };
  });
  let leftover = total - parts.reduce((acc, part) => acc + Number(part.floor), 0);
  const order = parts
    .map((part, index) => ({ index, remainder: part.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = parts.map((part) => Number(part.floor));
  for (const { index } of order) {
    if (leftover <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
    leftover--;
  }
  return result;
}

/** `percent` of `amount`, rounded half up to a minor unit; percent has at most two decimals (12.5 → 12.50 %). */
export function percentOf(amount: number, percent: number): number {
  const hundredths = BigInt(Math.round(percent * 100));
  return Number((BigInt(amount) * hundredths + 5000n) / 10000n);
}
