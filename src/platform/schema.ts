import type { ArchiveTables } from '../archive/archive.table.js';
import type { DisputesTables } from '../disputes/disputes.table.js';
import type { MonitorTables } from '../monitor/monitor.table.js';
import type { IngestTables } from '../ingest/ingest.table.js';
import type { LedgerTables } from '../ledger/ledger.table.js';
import type { NotifyTables } from '../notify/outbox.table.js';
import type { ProfileTables } from '../profile/profile.table.js';
import type { RegistryTables } from '../registry/registry.table.js';
import type { ScoringTables } from '../scoring/scoring.table.js';
import type { RulesTables } from '../rules/rules.table.js';
import type { LoansTables } from '../loans/loans.table.js';
import type { AccountsTables } from './auth/accounts.table.js';
import type { PlatformTables } from './platform.table.js';

/** The whole database, assembled from each domain's table types. */
export interface DB
  extends
    PlatformTables,
    AccountsTables,
    RegistryTables,
    LedgerTables,
    IngestTables,
    NotifyTables,
    ProfileTables,
    ScoringTables,
    RulesTables,
    LoansTables,
    ArchiveTables,
    DisputesTables,
    MonitorTables {}
