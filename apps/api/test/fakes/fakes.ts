import { randomUUID } from 'node:crypto';
import type { Transactions } from '../../src/infrastructure/database.js';
import type { AuditRepository, AuditRow } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import type { OperatorPrincipal } from '../../src/modules/auth/auth.types.js';

/**
 * In-memory stand-ins for the unit tier: a service under test gets fakes of its repositories (and
 * of the services it calls), no database. A fake implements the public surface of what it replaces;
 * `as` hands it to the constructor, which only ever calls that surface.
 */
export type Surface<T> = Pick<T, keyof T>;
export const as = <T>(fake: Surface<T>): T => fake as T;
/** For a collaborator of which the test uses a few methods only. */
export const partial = <T>(fake: Partial<Surface<T>>): T => fake as T;

/** Runs the unit of work inline; a thrown error leaves whatever the fakes recorded (no rollback). */
export class FakeTransactions implements Surface<Transactions> {
  runs = 0;
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.runs += 1;
    return fn();
  }
}

export const transactions = (): Transactions => as<Transactions>(new FakeTransactions());

/** The audit trail as a list, behind the real AuditService. */
export class FakeAuditRepository {
  readonly events: AuditRow[] = [];
  async insert(row: AuditRow) {
    this.events.push(row);
  }
  async list() {
    return [];
  }
  service(): AuditService {
    return new AuditService(as<AuditRepository>(this));
  }
}

export function operator(role: OperatorPrincipal['role'] = 'operator'): OperatorPrincipal {
  return { kind: 'operator', operatorId: randomUUID(), apiKeyId: randomUUID(), name: `${role} one`, role };
}
