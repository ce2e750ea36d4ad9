import path from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** Where the build writes the table the API reads (a dot folder: build metadata, never served). */
export const ROUTE_PRELOADS_FILE = '.vite/route-preloads.json';

/** One entry of the table: pages whose path matches `pattern` load `files` (their lazy route chunk) at once. */
export interface RoutePreload {
  pattern: string;
  files: string[];
}

function chunksOf(bundle: OutputBundle): OutputChunk[] {
  return Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
}

/** A chunk and everything it imports statically, as file names. */
function closure(bundle: OutputBundle, fileName: string, seen = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (seen.has(fileName) || chunk?.type !== 'chunk') return seen;
  seen.add(fileName);
  for (const imported of chunk.imports) closure(bundle, imported, seen);
  return seen;
}

/**
 * Vite plugin: for pages whose code is a lazy route chunk, writes which files that chunk needs beyond what
 * index.html already loads, by path pattern. The API adds them to those pages as `<link rel="modulepreload">`
 * (apps/api/src/plugins/web-app.ts), so a first visit straight to a category fetches its chunk alongside the entry
 * rather than after it has run. `routes` maps a path pattern (a regular expression's source) to the route module
 * `src/app/router.tsx` loads lazily for it.
 */
export function routePreloads(routes: Record<string, string>): Plugin {
  let root = '';
  return {
    name: 'mercato:route-preloads',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const chunks = chunksOf(bundle);
      const shell = path.resolve(root, 'index.html');
      const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId === shell);
      if (!entry) return; // a build without the app (the UI gallery alone)
      const loadedFirst = closure(bundle, entry.fileName);
      const table: RoutePreload[] = Object.entries(routes).map(([pattern, module]) => {
        const id = path.resolve(root, module);
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === id);
        if (!chunk) throw new Error(`route-preloads: no chunk for ${module} (is it still loaded lazily?)`);
        const files = [...closure(bundle, chunk.fileName)].filter((file) => !loadedFirst.has(file));
        return { pattern, files: files.map((file) => `/${file}`) };
      });
      this.emitFile({ type: 'asset', fileName: ROUTE_PRELOADS_FILE, source: `${JSON.stringify(table, null, 2)}\n` });
    },
  };
}
