import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { run } from './child.js';

export interface SystemDependency {
  /** The executable looked up in PATH (or an absolute path). */
  command: string;
  /** Debian packages that provide it. */
  aptPackages: string[];
  /** What to tell a user who cannot install it with apt. */
  help: string;
}

export const REDIS_SERVER: SystemDependency = {
  command: 'redis-server',
  aptPackages: ['redis-server'],
  help: 'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.',
};

/** The reverse proxy in front of several API instances (`npm run start:cluster`, the multi-instance tests). */
export const HAPROXY: SystemDependency = {
  command: 'haproxy',
  aptPackages: ['haproxy'],
  help: 'Install HAProxy 2.6 or later (Debian/Ubuntu: sudo apt-get install haproxy; macOS: brew install haproxy).',
};

/**
 * The validators of deploy/'s files, as Debian packages them: `docker-compose config` reads the Compose file without
 * a Docker engine, `caddy validate` the Caddyfile (the integration tests run both).
 */
export const DEPLOY_VALIDATORS: SystemDependency[] = [
  {
    command: 'docker-compose',
    aptPackages: ['docker-compose'],
    help: 'Install docker-compose (Debian/Ubuntu: sudo apt-get install docker-compose) to validate deploy/compose.yaml.',
  },
  {
    command: 'caddy',
    aptPackages: ['caddy'],
    help: 'Install Caddy (Debian/Ubuntu: sudo apt-get install caddy) to validate deploy/Caddyfile.',
  },
];

export const CHROMIUM: SystemDependency = {
  command: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  aptPackages: ['chromium', 'chromium-driver'],
  help: 'Install Chromium (Debian: sudo apt-get install chromium chromium-driver) or set CHROMIUM_PATH to a Chromium/Chrome binary.',
};

export function isInstalled(command: string): boolean {
  if (command.startsWith('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function canUseApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && isInstalled('apt-get');
}

/** What `ensureSystemDependency` asks of the machine; tests pass their own instead of depending on who runs them. */
export interface MachineChecks {
  isInstalled(command: string): boolean;
  canUseApt(): boolean;
}

const THIS_MACHINE: MachineChecks = { isInstalled, canUseApt };

/**
 * Makes sure a system program exists: installs it with apt when running as root on Debian, otherwise explains
 * exactly how to get it. Returns false (after printing the help) when it is missing and cannot be installed.
 */
export async function ensureSystemDependency(
  dependency: SystemDependency,
  machine: MachineChecks = THIS_MACHINE,
): Promise<boolean> {
  if (machine.isInstalled(dependency.command)) return true;
  if (!machine.canUseApt()) {
    process.stderr.write(`\n✘ ${dependency.command} is not installed.\n  ${dependency.help}\n\n`);
    return false;
  }
  process.stdout.write(
    `→ ${dependency.command} is missing: installing ${dependency.aptPackages.join(' ')} with apt-get…\n`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) return false;
  const code = await run('apt-get', ['install', '-y', '-qq', ...dependency.aptPackages], { env });
  if (code !== 0 || !machine.isInstalled(dependency.command)) {
    process.stderr.write(`\n✘ Installing ${dependency.aptPackages.join(' ')} failed.\n  ${dependency.help}\n\n`);
    return false;
  }
  return true;
}
