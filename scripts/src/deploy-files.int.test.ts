import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './lib/paths.js';

/**
 * deploy/ cannot run here (no Docker engine), so what can be checked is: both files are valid for the tools that
 * run them, and the Compose stack has the same processes and health checks as `npm run start:cluster`.
 */
let work: string;
beforeAll(() => {
  // The Compose file reads `.env.production` beside it; the example stands in for it, in a copy of deploy/.
  work = mkdtempSync(join(tmpdir(), 'mercato-deploy-'));
  for (const file of ['compose.yaml', 'Caddyfile', 'Dockerfile'])
    copyFileSync(join(ROOT, 'deploy', file), join(work, file));
  writeFileSync(join(work, '.env.production'), readFileSync(join(ROOT, 'deploy/env.production.example')));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(command, args, { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });

describe('deploy/ files', () => {
  it('when Debian’s docker-compose reads compose.yaml, then it is valid', () => {
    const checked = run('docker-compose', ['-f', 'compose.yaml', '-p', 'mercato', 'config', '-q']);
    expect(checked.status, checked.stderr).toBe(0);
  });

  it('when Caddy reads the Caddyfile, then it is valid', () => {
    const checked = run('caddy', ['validate', '--config', 'Caddyfile', '--adapter', 'caddyfile'], {
      SHOP_DOMAIN: 'shop.example.com',
      HOME: work,
      XDG_DATA_HOME: join(work, 'data'),
      XDG_CONFIG_HOME: join(work, 'config'),
    });
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout + checked.stderr).toContain('Valid configuration');
  });

  it('when compared with the local cluster, then Compose runs the same processes with the same health checks', () => {
    const compose = readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8');
    const services = [...compose.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((match) => match[1]);
    // start:cluster: replica-set MongoDB, Redis with AOF, N API instances without the worker, one worker, a proxy.
    expect(services).toEqual(expect.arrayContaining(['mongo1', 'mongo2', 'mongo3', 'redis', 'api', 'worker', 'proxy']));
    expect(compose).toMatch(/RUN_WORKER: 'false'/);
    expect(compose).toMatch(/RUN_WORKER: 'true'/);
    expect(compose).toMatch(/replicas: [2-9]/);
    expect(compose).toMatch(/replicaSet=rs0/);
    expect(compose).toMatch(/'--appendonly', 'yes'/);
    // Both proxies route only to instances whose readiness answers.
    expect(readFileSync(join(ROOT, 'deploy/Caddyfile'), 'utf8')).toMatch(/health_uri \/api\/ready/);
    expect(readFileSync(join(ROOT, 'scripts/src/lib/haproxy.ts'), 'utf8')).toMatch(/httpchk GET \/api\/ready/);
  });
});
