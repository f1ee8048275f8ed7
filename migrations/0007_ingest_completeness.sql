-- Completeness of a batch's accepted records: how many optional fields they filled, of
-- how many they could have. Counted at intake, because person records are encrypted.
alter table ingest_batches
  add column optional_filled bigint not null default 0,
  add column optional_possible bigint not null default 0;
