import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Runs the repository's real ESLint config over snippets placed (virtually) in apps/web, so a broken config block
// or rule fails here rather than silently letting features import each other.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let eslint: ESLint;

async function ruleIdsFor(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, 'apps/web/src', file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('apps/web import boundaries', () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  it('when a feature imports another feature, then lint fails', async () => {
    const code =
      "import { useCartSummary } from '../../cart/hooks/use-cart-summary.js';\nexport const x = useCartSummary;\n";

    expect(await ruleIdsFor(code, 'features/catalog/components/x.ts')).toContain('mercato-web/feature-boundaries');
  });

  it('when a feature imports src/app, or lib imports a feature, then lint fails', async () => {
    const fromFeature = "export { App } from '../../../app/app.js';\n";
    const fromLib = "export const load = () => import('../features/cart/hooks/use-cart-summary.js');\n";

    expect(await ruleIdsFor(fromFeature, 'features/orders/components/x.ts')).toContain(
      'mercato-web/feature-boundaries',
    );
    expect(await ruleIdsFor(fromLib, 'lib/x.ts')).toContain('mercato-web/feature-boundaries');
  });

  it('when a feature imports itself, shared code or the contracts, and app imports features, then lint passes', async () => {
    const feature =
      "import { cn } from '../../../lib/cn.js';\nimport { useSession } from '../hooks/use-session.js';\n" +
      'export const x = [cn, useSession];\n';
    const app =
      "import { useCartSummary } from '../features/cart/hooks/use-cart-summary.js';\nexport const y = useCartSummary;\n";

    expect(await ruleIdsFor(feature, 'features/auth/components/x.ts')).toEqual([]);
    expect(await ruleIdsFor(app, 'app/x.ts')).toEqual([]);
  });

  it('when a hook is called conditionally, then the React hooks rules report it', async () => {
    const code =
      "import { useState } from 'react';\nexport function Box({ on }: { on: boolean }) {\n" +
      '  if (on) useState(0);\n  return null;\n}\n';

    expect(await ruleIdsFor(code, 'components/ui/box.tsx')).toContain('react-hooks/rules-of-hooks');
  });
});
