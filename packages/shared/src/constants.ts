// Plain values with no zod behind them, exported on their own as `@mercato/shared/constants`: the storefront's
// first-load bundle imports these without pulling in zod and every schema (the index re-exports them as well).

/** The most units of one product a cart line may hold. */
export const MAX_LINE_QUANTITY = 99;

/** A MongoDB ObjectId as 24 lowercase hex characters: the only id format the API accepts in paths and bodies. */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;
