// ESLint rule for apps/web: imports flow one way, shared code -> features -> app (bulletproof-react).
//   - src/features/<a> never imports src/features/<b> (compose them in src/app, or move shared code down);
//   - src/features/* never imports src/app;
//   - shared code (src/components, src/hooks, src/lib) imports neither features nor app.
// Only relative specifiers can reach these folders (the app has no path alias), so only those are checked.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const SHARED = new Set(['components', 'hooks', 'lib']);

/** @param {string} file @returns {{ layer: 'app' | 'feature' | 'shared' | 'other', feature?: string }} */
function classify(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { layer: 'other' };
  const [top, feature] = relative.split(path.sep);
  if (top === 'app') return { layer: 'app' };
  if (top === 'features' && feature) return { layer: 'feature', feature };
  if (top && SHARED.has(top)) return { layer: 'shared' };
  return { layer: 'other' };
}

/** @param {ReturnType<typeof classify>} from @param {ReturnType<typeof classify>} to @returns {string | null} */
function violation(from, to) {
  if (from.layer === 'feature' && to.layer === 'feature' && from.feature !== to.feature) {
    return `features/${from.feature} must not import features/${to.feature}: compose both in src/app, or move the shared part to src/components, src/hooks or src/lib.`;
  }
  if (from.layer === 'feature' && to.layer === 'app') return `features/${from.feature} must not import src/app.`;
  if (from.layer === 'shared' && (to.layer === 'feature' || to.layer === 'app')) {
    return `Shared code (components, hooks, lib) must not import src/${to.layer === 'app' ? 'app' : `features/${to.feature}`}.`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep apps/web imports one-way: shared -> features -> app; features never import each other.',
    },
    schema: [],
  },
  create(context) {
    const from = classify(context.filename);
    if (from.layer === 'other' || from.layer === 'app') return {};
    /** @param {import('estree').Node & { source?: import('estree').Node | null }} node */
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const message = violation(from, classify(path.resolve(path.dirname(context.filename), source.value)));
      if (message) context.report({ node: source, message });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'feature-boundaries': featureBoundaries } };
