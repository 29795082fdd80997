// The import command's --help lines for the record-by-record flags: a module with no imports, so
// `import --help` stays fast (src/records/cli.ts loads the validator).
export const HELP = `Record by record (no S3, no role, no job)
  --individually             send the CSV's records with PutUsers / PutItems / PutEvents, 10 a call,
                             under the service's rates (users, items, interactions; best up to
                             1000 records, or to add to a dataset that already holds bulk data)
  --resume <report>          send only the records an earlier --individually run did not get in
                             (fix rejected lines in place first; --csv defaults to the report's file)
  --skip-unknown             with --resume: leave out the records whose outcome is unknown (in
                             flight at the Ctrl-C, or no answer came: may have gone in). By default they are sent
                             again: users and items are replaced by ID, and Personalize keeps one of
                             two identical events (same timestamp and properties)
  --report <file>            where the per-record results go (default ./<csv>-records-<time>.json;
                             with --resume, the resumed report is updated; another existing file is
                             refused: it may be an earlier run's report)
  --create-event-tracker     interactions: create the dataset group's event tracker if it has none
                             (asked on a terminal; --yes also allows it)
  --create                   with --individually: create the missing group, schema and dataset first
                             (as for a bulk import; not with --resume), then send the records
  Exit: 0 every record went in (a resume: every record it sent; events held back are named) · 1 some
  were rejected or not sent (each named with its line; the report has them for --resume) · 2 usage
  (no tracker and no consent) · 3 credentials · 130 Ctrl-C (the report says what was not sent, and
  what was in flight: outcome unknown).
  e.g. personalize-import import --individually --dataset-group shop --dataset-type items --csv changed-items.csv
       personalize-import import --individually --create --dataset-group new-shop --dataset-type items --csv items.csv
       personalize-import import --individually --resume changed-items-records-20261123-101500.json
`;
