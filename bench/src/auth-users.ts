import { ObjectId, type Db } from 'mongodb';
import { hashPassword, verifyPassword } from '../../apps/api/src/modules/auth/passwords.js';
import { USERS, type UserDoc } from '../../apps/api/src/modules/users/repo.js';

export interface BenchUser {
  email: string;
  password: string;
  passwordHash: string;
}

/** Credentials of benchmark user `index` (each user has its own password, so each its own hash and salt). */
export function credentialsOf(index: number): { email: string; password: string } {
  return { email: `shopper${index}@bench.example`, password: `correct horse ${index} battery staple` };
}

/**
 * Creates `count` active customers directly in the database, hashed with the API's own `hashPassword` at `cost`
 * (several at once: @node-rs/bcrypt hashes on libuv's thread pool). Returns them and how long hashing took.
 */
export async function createUsers(
  db: Db,
  count: number,
  cost: number,
): Promise<{ users: BenchUser[]; hashSeconds: number }> {
  const started = performance.now();
  const users = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const credentials = credentialsOf(index);
      return { ...credentials, passwordHash: await hashPassword(credentials.password, cost) };
    }),
  );
  const hashSeconds = (performance.now() - started) / 1_000;
  const now = new Date();
  await db.collection<UserDoc>(USERS).insertMany(
    users.map((user, index) => ({
      _id: new ObjectId(),
      email: user.email,
      name: `Shopper ${index}`,
      passwordHash: user.passwordHash,
      role: 'customer' as const,
      status: 'active' as const,
      createdAt: now,
      updatedAt: now,
      verifiedAt: now,
    })),
  );
  return { users, hashSeconds };
}

export interface VerifyRate {
  /** Verifications completed per wall-clock second. */
  perSecond: number;
  /** CPU time (all threads of this process) per verification, in ms: what a check costs whatever else runs. */
  cpuMsEach: number;
}

/**
 * Raw bcrypt verifications in this process: `concurrency` checks in flight at once for `seconds`. With 1 in
 * flight this is what one core does; with as many as libuv has threads, what one process can do. The CPU time per
 * check is also measured, because on a shared machine wall-clock rates depend on what else is running.
 */
export async function measureVerifications(
  users: BenchUser[],
  concurrency: number,
  seconds: number,
): Promise<VerifyRate> {
  const deadline = performance.now() + seconds * 1_000;
  let next = 0;
  let done = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (performance.now() < deadline) {
      const user = users[next++ % users.length];
      if (!user) return;
      if (!(await verifyPassword(user.password, user.passwordHash))) throw new Error(`hash mismatch for ${user.email}`);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: done / ((performance.now() - started) / 1_000),
    cpuMsEach: (cpu.user + cpu.system) / 1_000 / Math.max(done, 1),
  };
}
