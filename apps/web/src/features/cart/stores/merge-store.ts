import { createStore } from 'zustand/vanilla';

/** A line whose merged quantity had to be lowered (stock or the 99 limit). */
export interface MergeAdjustment {
  productId: string;
  /** One line per variant: two sizes of a product capped are two adjustments. */
  variantId: string;
  /** The product's name, with the variant's title when it has options ("Tee (Blue / M)"). */
  name: string;
  requested: number;
  kept: number;
}

export interface MergeState {
  status: 'idle' | 'merging' | 'merged' | 'failed';
  /** How many units came over from the guest cart (for "3 items from before you signed in were added"). */
  mergedUnits: number;
  adjustments: MergeAdjustment[];
  /** Products of the guest cart that could not be added at all (sold out or gone). */
  skipped: number;
}

const IDLE: MergeState = { status: 'idle', mergedUnits: 0, adjustments: [], skipped: 0 };

/** Progress and outcome of merging the guest cart into the account's cart after sign-in. */
export const mergeStore = createStore<MergeState>(() => IDLE);

export function setMergeState(state: Partial<MergeState>): void {
  mergeStore.setState(state);
}

/** The shopper has read the merge report. */
export function dismissMergeReport(): void {
  mergeStore.setState(IDLE);
}
