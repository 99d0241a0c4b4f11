import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from './prisma.service.js';

/** The Prisma client a repository queries through: a transaction's, or the pooled one. */
export type DbClient = Prisma.TransactionClient;

const currentTransaction = new AsyncLocalStorage<DbClient>();

/**
 * The unit of work of a use case. `run(fn)` opens one PostgreSQL transaction; every repository call
 * made inside `fn` (through `Database.client`) joins it, so a change and its audit event commit
 * together. Nested `run`s join the outer transaction. Services inject this, never Prisma.
 */
@Injectable()
export class Transactions {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  run<T>(fn: () => Promise<T>, options: { timeoutMs?: number; maxWaitMs?: number } = {}): Promise<T> {
    if (currentTransaction.getStore()) return fn();
    return this.prisma.$transaction((tx) => currentTransaction.run(tx, fn), {
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      ...(options.maxWaitMs ? { maxWait: options.maxWaitMs } : {}),
    });
  }
}

/** What repositories query through. Only repositories inject this. */
@Injectable()
export class Database {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** The surrounding transaction's client (see Transactions), or the pooled client outside one. */
  get client(): DbClient {
    return currentTransaction.getStore() ?? this.prisma;
  }

  /** The raw pg pool, for hand-tuned SQL outside any transaction (ingest, aggregates). */
  get pool(): pg.Pool {
    return this.prisma.pool;
  }
}
