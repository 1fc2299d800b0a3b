/** The `unit_moments` table in SQLite: idempotent insert and per-arm shopper moments. */
import type Database from 'better-sqlite3';
import type { ArmMoments } from '../../src/core/report/totals';
import type { UnitMessage } from '../../src/core/unit-protocol';
import type { IngestResult } from './types';
import { insertUnitSql, unitMomentsFromRow, unitMomentsSql, unitRow, type UnitMomentsRow } from './unit-moments-sql';

export class SqliteUnitMoments {
  private readonly insert: Database.Statement<Array<string | number>>;
  private readonly read: Database.Statement<[string], UnitMomentsRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(insertUnitSql(() => '?', 'sqlite'));
    this.read = db.prepare(unitMomentsSql('REAL', '?'));
  }

  /** Rare (one per shopper visit at most every few minutes), so one statement and commit each. */
  ingest(m: UnitMessage, at: number): IngestResult {
    return { duplicate: this.insert.run(...unitRow(m, at)).changes === 0 };
  }

  moments(campaignId: string): ArmMoments[] {
    return this.read.all(campaignId).map(unitMomentsFromRow);
  }
}
