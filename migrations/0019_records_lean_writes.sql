-- Fewer writes per stored record, for file intake at volume (bench/ingest.ts).
--
-- The version index `(organisation_id, category, natural_key_index, version)` finds a key's
-- current version too (its highest: a version is only ever superseded by the next one, in
-- the transaction that writes it), and still refuses two writers racing to add the same
-- version. The partial index of current versions was a second random-keyed B-tree written
-- per record for the same lookups.
drop index records_current_idx;
-- No query reads records by batch: a batch's lineage is read from the record, not to it.
drop index records_batch_idx;
-- Records are written by the ingestion pipeline alone, which checks the provider's grant and
-- opens the batch row before its first record; the two foreign-key triggers cost a lookup
-- each per stored record. The batch row and the organisation are never deleted (no code
-- deletes either), so the references stay valid without them.
alter table records drop constraint records_organisation_id_fkey;
alter table records drop constraint records_batch_id_fkey;
