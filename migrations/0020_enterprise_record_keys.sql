-- An enterprise's records keep their natural key in clear (`key:` and the key's fields
-- joined by U+001F, as `storedNaturalKey` in src/ingest/record-identity.ts writes it); only
-- a person's stay behind a keyed hash. The key's fields are in the record's content, which
-- is stored in clear for enterprises, so the hash hid nothing, and in clear one
-- enterprise's records sit together in the version index instead of on random pages.
--
-- Each category's natural-key fields as of schema version 1 (src/ingest/schemas.ts); a
-- field's text is its JSON string, and an absent (null) field is the empty text. Social
-- security and housing fund records are filed under persons only. A category missing here
-- would come to null, which the column refuses: the migration fails rather than lose a key.
update records
set natural_key_index = 'key:' || case category
  when 'business_registration' then coalesce(content->>'uscc', '')
  when 'tax' then coalesce(content->>'uscc', '') || chr(31) || coalesce(content->>'period', '')
  when 'customs' then coalesce(content->>'uscc', '') || chr(31) || coalesce(content->>'period', '')
  when 'utilities' then coalesce(content->>'uscc', '') || chr(31) || coalesce(content->>'period', '')
    || chr(31) || coalesce(content->>'utility', '')
  when 'judicial' then coalesce(content->>'case_number', '') || chr(31)
    || coalesce(content->>'subject_id', '')
  when 'administrative' then coalesce(content->>'decision_number', '')
  when 'credit_bureau' then coalesce(content->>'subject_id', '') || chr(31)
    || coalesce(content->>'period', '')
  when 'property' then coalesce(content->>'certificate_number', '')
  when 'procurement' then coalesce(content->>'contract_number', '')
  when 'self_reported' then coalesce(content->>'uscc', '') || chr(31)
    || coalesce(content->>'period', '')
end
where subject_kind = 'enterprise' and natural_key_index not like 'key:%';

