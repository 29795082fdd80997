// A corpus of inference cases: each small CSV gives the field (name, type, flags) or the problem it
// should, with a reason that says why.
import { describe, expect, it } from 'vitest';
import { FIXED_BY_FIX, inferSchema, type InferOptions, type InferResult } from '../../src/schema/index.js';
import { DISTINCT_CAP } from '../../src/schema/columns.js';

async function* chunks(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text, 'utf8');
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
const infer = (csv: string, o: InferOptions = {}) => inferSchema(chunks(csv), o);
const field = (r: InferResult, name: string) => {
  const f = r.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${r.fields.map((x) => x.name).join(',')}`);
  return f;
};
const codes = (r: InferResult) => r.problems.map((p) => p.code);
const rows = (n: number, fn: (i: number) => string) => Array.from({ length: n }, (_, i) => fn(i)).join('\n');

describe('types from the values', () => {
  it('whole numbers → long, decimals → float, many digits → double, lowercase booleans → boolean, text → string', async () => {
    const r = await infer(`USER_ID,AGE,SCORE,PRECISE,VIP,MOTTO\n${rows(40, (i) => `u${i},${20 + i},${i}.5,${i}.123456789,${i % 2 ? 'true' : 'false'},Name ${i} Surname`)}\n`);
    expect(r.datasetType).toBe('USERS');
    expect(field(r, 'AGE')).toMatchObject({ type: 'long', nullable: false });
    expect(field(r, 'AGE').reason).toMatch(/whole number \(20 … 59\)/);
    expect(field(r, 'SCORE')).toMatchObject({ type: 'float' });
    expect(field(r, 'PRECISE')).toMatchObject({ type: 'double' });
    expect(field(r, 'PRECISE').reason).toMatch(/more than 7 significant digits/);
    expect(field(r, 'VIP')).toMatchObject({ type: 'boolean', categorical: false });
    expect(field(r, 'MOTTO')).toMatchObject({ type: 'string', categorical: false, textual: false });
    expect(codes(r)).toContain('NOT_USED_IN_TRAINING');
  });

  it('a mix of numbers and text is a string, and the reason says so', async () => {
    const r = await infer(`USER_ID,SIZE\n${rows(30, (i) => `u${i},${i % 5 === 0 ? 'XL' : String(i % 3)}`)}\n`);
    expect(field(r, 'SIZE')).toMatchObject({ type: 'string', categorical: true });
    expect(field(r, 'SIZE').reason).toMatch(/are numbers but .* are not \(e\.g\. "XL"\)/);
  });

  it('booleans not in lower case: typed boolean, reported with the fix', async () => {
    const r = await infer(`USER_ID,VIP\n${rows(10, (i) => `u${i},${i % 2 ? 'True' : 'FALSE'}`)}\n`);
    expect(field(r, 'VIP').type).toBe('boolean');
    const p = r.problems.find((x) => x.code === 'BOOLEAN_CASE')!;
    expect(p).toMatchObject({ severity: 'error', column: 'VIP' });
    expect(p.message).toMatch(/Lower-case them/);
  });

  it('reserved fields get the type Personalize fixes: numeric IDs stay strings, EVENT_VALUE float', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP,EVENT_VALUE\n${rows(20, (i) => `${i},${1000 + i},${1767225600 + i},${i}`)}\n`);
    expect(field(r, 'USER_ID')).toMatchObject({ type: 'string', categorical: false });
    expect(field(r, 'ITEM_ID').type).toBe('string');
    expect(field(r, 'TIMESTAMP')).toMatchObject({ type: 'long' });
    expect(field(r, 'TIMESTAMP').reason).toMatch(/epoch seconds.*every value is whole seconds/);
    expect(field(r, 'EVENT_VALUE').type).toBe('float');
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('dates and millisecond timestamps are reported, not typed string', () => {
  it('TIMESTAMP in milliseconds', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(10, (i) => `u${i},i${i},${1767225600000 + i}`)}\n`);
    expect(field(r, 'TIMESTAMP').type).toBe('long');
    const p = r.problems.find((x) => x.code === 'TIMESTAMP_MILLISECONDS')!;
    expect(p.severity).toBe('error');
    expect(p.message).toMatch(/13 digits \(e\.g\. 1767225600000\).*Divide them by 1000/);
  });

  it('TIMESTAMP as ISO dates', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(10, (i) => `u${i},i${i},2026-01-0${(i % 9) + 1}T10:00:00Z`)}\n`);
    expect(field(r, 'TIMESTAMP').type).toBe('long');
    expect(r.problems.find((x) => x.code === 'TIMESTAMP_DATES')!.message).toMatch(/are dates \(e\.g\. "2026-01-01T10:00:00Z"\).*epoch seconds/);
  });

  it('CREATION_TIMESTAMP (from created_at) as dates', async () => {
    const r = await infer(`item_id,genre,created_at\n${rows(10, (i) => `i${i},g${i % 3},2025/12/0${(i % 9) + 1}`)}\n`);
    expect(r.datasetType).toBe('ITEMS');
    expect(field(r, 'CREATION_TIMESTAMP')).toMatchObject({ column: 'created_at', type: 'long' });
    expect(codes(r)).toContain('TIMESTAMP_DATES');
  });

  it('a metadata column of dates stays a string, with a warning', async () => {
    const r = await infer(`USER_ID,SIGNUP\n${rows(10, (i) => `u${i},2024-0${(i % 9) + 1}-15`)}\n`);
    expect(field(r, 'SIGNUP').type).toBe('string');
    expect(r.problems.find((x) => x.code === 'DATES_AS_STRING')!.severity).toBe('warning');
  });
});

describe('nullability', () => {
  it('empty values make a field optional, with the count in the reason', async () => {
    const r = await infer(`USER_ID,AGE\n${rows(10, (i) => `u${i},${i % 4 ? 30 + i : ''}`)}\n`);
    expect(field(r, 'AGE')).toMatchObject({ type: 'long', nullable: true });
    expect(field(r, 'AGE').reason).toMatch(/optional: 3 of 10 values are empty/);
    expect(r.schema.fields.find((f) => f.name === 'AGE')).toEqual({ name: 'AGE', type: ['null', 'long'], default: null });
  });

  it('a required field with empty values stays required and is reported', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(10, (i) => `${i === 3 ? '' : `u${i}`},i${i},${1767225600 + i}`)}\n`);
    expect(field(r, 'USER_ID').nullable).toBe(false);
    // the whole file was read: its values, not a sample's
    expect(r.problems.find((x) => x.code === 'REQUIRED_EMPTY')!.message).toMatch(/USER_ID .* 1 of 10 values are empty/);
    // a sample (the first bytes of a bigger file) says so
    const big = await inferSchema((async function* () {
      yield Buffer.from(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(10, (i) => `${i === 3 ? '' : `u${i}`},i${i},${1767225600 + i}`)}\n`);
      yield Buffer.from('u1,i1,1767225600\n'.repeat(2000));
    })(), { sampleBytes: 4_000 });
    expect(big.sample.truncated).toBe(true);
    expect(big.problems.find((x) => x.code === 'REQUIRED_EMPTY')!.message).toMatch(/USER_ID .* 1 of \d+ sampled values are empty/);
  });

  it('an ID of spaces only counts as empty: "empty or blank", the field stays required', async () => {
    // before: "   " was a USER_ID like any other, and no problem was named
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(10, (i) => `${i === 3 ? '' : i === 5 ? '   ' : i === 7 ? '"\t "' : `u${i}`},i${i},${1767225600 + i}`)}\n`);
    expect(field(r, 'USER_ID').nullable).toBe(false);
    expect(r.problems.find((x) => x.code === 'REQUIRED_EMPTY')!.message).toBe('USER_ID (column USER_ID) is required, yet 3 of 10 values are empty or blank (2 of spaces only). Fill them in or drop those rows.');
  });
});

describe('categorical and textual', () => {
  it('|-separated values are categorical, with the share in the reason', async () => {
    const r = await infer(`ITEM_ID,TAGS\n${rows(100, (i) => `i${i},${i % 33 === 0 ? `t${i}` : `t${i}|x${i}`}`)}\n`);
    expect(field(r, 'TAGS')).toMatchObject({ type: 'string', categorical: true });
    expect(field(r, 'TAGS').reason).toMatch(/categorical: 96 % of values contain \|/);
  });

  it('few distinct strings are categorical; many distinct short strings are not', async () => {
    const r = await infer(`USER_ID,TIER,CODE\n${rows(200, (i) => `u${i},${['gold', 'silver', 'bronze'][i % 3]},c${i}`)}\n`);
    expect(field(r, 'TIER')).toMatchObject({ categorical: true });
    expect(field(r, 'TIER').reason).toBe('categorical: 3 distinct values in 200 rows');
    expect(field(r, 'CODE')).toMatchObject({ categorical: false, textual: false });
  });

  it('more distinct values than the sample remembers: not categorical', async () => {
    const n = DISTINCT_CAP + 10;
    const r = await infer(`USER_ID,CITY\n${rows(n * 2, (i) => `u${i},city${i % n}`)}\n`);
    expect(field(r, 'CITY').categorical).toBe(false);
    expect(field(r, 'CITY').reason).toMatch(/more than 1000 distinct values/);
  });

  it('long free text in Items is textual; only one field, the longest, gets it', async () => {
    const long = (i: number) => `"A very comfortable product number ${i}, made to last, with a long description"`;
    const medium = (i: number) => `"Short blurb for item ${i} in the shop"`;
    const r = await infer(`ITEM_ID,DESCRIPTION,BLURB\n${rows(20, (i) => `i${i},${long(i)},${medium(i)}`)}\n`);
    expect(field(r, 'DESCRIPTION')).toMatchObject({ textual: true, categorical: false });
    expect(field(r, 'BLURB')).toMatchObject({ textual: false });
    expect(field(r, 'BLURB').reason).toMatch(/only one textual field is allowed and DESCRIPTION has longer text/);
    expect(r.schema.fields.filter((f) => f.textual)).toHaveLength(1);
  });

  it('long free text outside Items is a plain string', async () => {
    const r = await infer(`USER_ID,BIO\n${rows(10, (i) => `u${i},"I like hiking and long walks on the beach, number ${i}"`)}\n`);
    expect(field(r, 'BIO')).toMatchObject({ textual: false });
    expect(field(r, 'BIO').reason).toMatch(/textual fields exist only in Items/);
    expect(r.problems.find((p) => p.column === 'BIO')).toMatchObject({ severity: 'warning', code: 'NOT_USED_IN_TRAINING' });
  });
});

describe('column → field names', () => {
  it('common spellings become the Personalize names, proposed as renames', async () => {
    const r = await infer(`customer_id,sku,ts,event\n${rows(10, (i) => `c${i},s${i},${1767225600 + i},view`)}\n`);
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.fields.map((f) => [f.column, f.name])).toEqual([['customer_id', 'USER_ID'], ['sku', 'ITEM_ID'], ['ts', 'TIMESTAMP'], ['event', 'EVENT_TYPE']]);
    expect(field(r, 'ITEM_ID').reason).toMatch(/"sku" is a common spelling of ITEM_ID/);
    expect(r.renames).toEqual([{ column: 'customer_id', field: 'USER_ID' }, { column: 'sku', field: 'ITEM_ID' }, { column: 'ts', field: 'TIMESTAMP' }, { column: 'event', field: 'EVENT_TYPE' }]);
    expect(codes(r).filter((c) => c === 'HEADER_RENAME')).toHaveLength(4);
  });

  it('case-only differences are named as such; camelCase aliases too', async () => {
    const r = await infer(`userId,Item_Id,Timestamp,event_type\n${rows(10, (i) => `u${i},i${i},${1767225600 + i},click`)}\n`);
    expect(r.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']);
    expect(field(r, 'ITEM_ID').reason).toMatch(/differs from ITEM_ID only in case/);
    expect(field(r, 'USER_ID').reason).toMatch(/"userId" is a common spelling of USER_ID/);
  });

  it('created_at means TIMESTAMP in interactions and CREATION_TIMESTAMP in items', async () => {
    const ev = await infer(`user_id,product_id,created_at\nu1,p1,1767225600\n`);
    expect(field(ev, 'TIMESTAMP').column).toBe('created_at');
    const it = await infer(`product_id,brand,created_at\np1,acme,1767225600\np2,acme,1767225601\n`);
    expect(field(it, 'CREATION_TIMESTAMP').column).toBe('created_at');
  });

  it('exact names are kept; names Avro rejects are made valid; collisions are reported', async () => {
    const r = await infer(`USER_ID,colour,unit price,user\nu1,red,1.5,x\nu2,red,2.5,y\n`);
    expect(field(r, 'colour').reason).not.toMatch(/rename|spelling/);
    expect(field(r, 'UNIT_PRICE').column).toBe('unit price');
    // a column that could also be USER_ID keeps its own (valid) name: a field of its own, said so
    expect(r.problems.find((p) => p.code === 'ALSO_NAMES_FIELD')!.message).toMatch(/Column user could also be field USER_ID, but column USER_ID is USER_ID; user is kept/);
    expect(field(r, 'user').column).toBe('user');
    expect(new Set(r.fields.map((f) => f.name)).size).toBe(4);
    const clash = await infer(`USER_ID,Unit Price,unit_price\nu1,1.5,2\nu2,2.5,3\n`);
    expect(clash.problems.find((p) => p.code === 'DUPLICATE_FIELD')!.message).toMatch(/Column unit_price would be field unit_price, which column Unit Price already is/);
  });

  it('a Google Analytics export: user_pseudo_id is USER_ID (an interactions file), event_timestamp — not event_date before it — the TIMESTAMP', async () => {
    // before: typed ITEMS (user_pseudo_id unknown, the IDs a double); and with --dataset-type
    // interactions event_date (20240110) took TIMESTAMP and event_timestamp was a blocking DUPLICATE_FIELD
    const r = await infer(`event_date,event_timestamp,event_name,user_pseudo_id,item_id\n20240110,1704844800123456,view_item,1000050.1650000000,SKU_1\n20240110,1704844801123456,purchase,1000051.1650000001,SKU_2\n`);
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(field(r, 'USER_ID')).toMatchObject({ column: 'user_pseudo_id', type: 'string' });
    expect(field(r, 'TIMESTAMP').column).toBe('event_timestamp');
    expect(field(r, 'EVENT_TYPE').column).toBe('event_name');
    expect(field(r, 'event_date').type).toBe('long');
    expect(r.problems.filter((p) => p.code === 'DUPLICATE_FIELD')).toEqual([]);
    expect(r.problems.find((p) => p.code === 'ALSO_NAMES_FIELD')?.column).toBe('event_date');
    expect(r.renames).toContainEqual({ column: 'event_timestamp', field: 'TIMESTAMP' });
  });

  it('a TIMESTAMP column of dates written YYYYMMDD is a problem, not "every value is whole seconds"', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,20240110\nu2,i2,20240301\n`);
    expect(field(r, 'TIMESTAMP').reason).toContain('the values are dates written YYYYMMDD');
    expect(r.problems.find((p) => p.code === 'TIMESTAMP_YYYYMMDD')!.message).toMatch(/dates written YYYYMMDD \(20240110 … 20240301\), not epoch seconds — as seconds they are days in 1970.*20240110 is 1704844800 at 00:00 UTC/);
    // real epoch seconds are not mistaken for them
    expect((await infer(`USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1704844800\n`)).problems.filter((p) => p.code === 'TIMESTAMP_YYYYMMDD')).toEqual([]);
  });

  it("a TIMESTAMP column of a spreadsheet's dates (Excel's serial dates, whole or not) is a problem the fixer repairs, not a type mismatch; an ERP's Item Code is the ITEM_ID", async () => {
    const r = await infer(`Customer,Item Code,Order Date\nu1,i1,45000.5208333333\nu2,i2,45001\nu2,i3,45002.25\n`);
    expect(field(r, 'ITEM_ID').column).toBe('Item Code');
    expect(field(r, 'TIMESTAMP').reason).toContain("the values are a spreadsheet's dates");
    const p = r.problems.find((x) => x.code === 'TIMESTAMP_SERIAL')!;
    expect(p.message).toBe('TIMESTAMP (column Order Date): the values are a spreadsheet\'s dates (Excel\'s serial dates: days since 1899-12-30, e.g. "45000.5208333333" is 2023-03-15T12:30Z), not epoch seconds — as seconds they are times on 1 January 1970. Convert them (“Fix and continue” — personalize-import fix — does: read as UTC).');
    expect(FIXED_BY_FIX.has('TIMESTAMP_SERIAL')).toBe(true);
    expect(r.problems.map((x) => x.code)).not.toContain('TYPE_MISMATCH');
    // one value of another kind: no column of dates (the fractions are then not whole numbers)
    const mixed = await infer(`USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,45000.5\nu2,i2,1704844800\n`);
    expect(mixed.problems.map((x) => x.code)).toEqual(expect.arrayContaining(['TYPE_MISMATCH']));
    expect(mixed.problems.map((x) => x.code)).not.toContain('TIMESTAMP_SERIAL');
  });

  it("a Shopify product export: its Handle is the ITEM_ID", async () => {
    const r = await infer(`Handle,Title,Vendor\nshirt-1,Shirt 1,Acme\nshirt-2,Shirt 2,Acme\n`);
    expect(r.datasetType).toBe('ITEMS');
    expect(field(r, 'ITEM_ID').column).toBe('Handle');
  });
});

describe('dataset type and domain requirements', () => {
  it('guesses the type from the columns, and --dataset-type overrides it (saying what the columns suggest)', async () => {
    expect((await infer('ITEM_ID,PRICE\ni1,2\n')).datasetType).toBe('ITEMS');
    expect((await infer('USER_ID,ACTION_ID,TIMESTAMP,EVENT_TYPE\nu,a,1767225600,x\n')).datasetType).toBe('ACTION_INTERACTIONS');
    const r = await infer('USER_ID,ITEM_ID\nu,i\n', { datasetType: 'USERS' });
    expect(r.datasetType).toBe('USERS');
    expect(r.datasetTypeReason).toMatch(/^given \(the columns suggest INTERACTIONS/);
  });

  it('interactions without TIMESTAMP and no column of times: the missing field is named, why no time is made up, and the way forward', async () => {
    const r = await infer('USER_ID,ITEM_ID\nu1,i1\n');
    const m = r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message;
    expect(m).toMatch(/^Interactions datasets need USER_ID, ITEM_ID, TIMESTAMP; the file has no column for TIMESTAMP\. No column holds times or dates: /);
    expect(m).toMatch(/one made-up time for every row would say nothing of when, or in which order, they happened\. Export the file again with the time of each event \(e\.g\. a date or rated_at column\) and import that\.$/);
  });

  it('an export in another language: the columns that may hold the IDs are named, with what to rename; its only column of dates is the TIMESTAMP', async () => {
    const r = await infer('Kunde;Artikel;Zeitpunkt;Preis\nk1;A-1;01.11.2026 10:00;12,50\n', { datasetType: 'INTERACTIONS' });
    expect(r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toBe('Interactions datasets need USER_ID, ITEM_ID, TIMESTAMP; the file has no column for USER_ID, ITEM_ID. If USER_ID, ITEM_ID are among its columns under another name (Kunde, Artikel, Preis), rename those header cells to them and start again; otherwise add them to the CSV.');
    expect(r.named).toEqual({ Zeitpunkt: 'TIMESTAMP' });
  });

  it('--map names the columns of an export in another language: the fields, renames and no MISSING_REQUIRED', async () => {
    const csv = 'Kunde;Artikel;Zeitpunkt;Ereignis;Preis\nk1;A-1;1767225600;kauf;12,50\nk2;A-2;1767225660;klick;3,99\n';
    const map = { Kunde: 'USER_ID', Artikel: 'item_id', Zeitpunkt: 'TIMESTAMP' };
    // the dataset type comes from the mapped names too
    const r = await infer(csv, { map });
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.fields.map((f) => [f.column, f.name])).toEqual([['Kunde', 'USER_ID'], ['Artikel', 'ITEM_ID'], ['Zeitpunkt', 'TIMESTAMP'], ['Ereignis', 'Ereignis'], ['Preis', 'Preis']]);
    expect(field(r, 'USER_ID').reason).toMatch(/^named by --map Kunde=USER_ID/);
    expect(field(r, 'ITEM_ID').reason).toMatch(/^named by --map Artikel=item_id/);
    expect(field(r, 'TIMESTAMP')).toMatchObject({ type: 'long', nullable: false });
    expect(r.renames).toEqual([{ column: 'Kunde', field: 'USER_ID' }, { column: 'Artikel', field: 'ITEM_ID' }, { column: 'Zeitpunkt', field: 'TIMESTAMP' }]);
    expect(r.problems.filter((p) => p.code === 'HEADER_RENAME').map((p) => p.column)).toEqual(['Kunde', 'Artikel', 'Zeitpunkt']);
    expect(codes(r)).not.toContain('MISSING_REQUIRED');
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // a column name differing in case is the column; a metadata field may be named too
    const r2 = await infer(csv, { map: { kunde: 'USER_ID', Artikel: 'ITEM_ID', Zeitpunkt: 'TIMESTAMP', Preis: 'PRICE_EUR' } });
    expect(r2.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'Ereignis', 'PRICE_EUR']);
    // without --map, the same file lacks all three
    expect(codes(await infer(csv, { datasetType: 'INTERACTIONS' }))).toContain('MISSING_REQUIRED');
  });

  it('--map naming a column the header lacks, or no field name, is a usage error naming it and the columns', async () => {
    const csv = 'Kunde;Artikel;Zeitpunkt\nk1;A-1;1767225600\n';
    const err = await infer(csv, { map: { Kundin: 'USER_ID' } }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'usage', message: '--map Kundin=USER_ID: the header has no column Kundin', hint: 'Its columns: Kunde, Artikel, Zeitpunkt.' });
    const bad = await infer(csv, { map: { Kunde: 'user id' } }).catch((e) => e);
    expect(bad).toMatchObject({ kind: 'usage', message: '--map Kunde=user id: user id is not a field name' });
  });

  it('ECOMMERCE items need PRICE and CATEGORY_L1; price/category are mapped, the rest named', async () => {
    const ok = await infer(`item_id,price,category\n${rows(10, (i) => `i${i},${i}.99,${['shoes', 'hats'][i % 2]}`)}\n`, { domain: 'ECOMMERCE' });
    expect(field(ok, 'PRICE')).toMatchObject({ type: 'float', column: 'price' });
    expect(field(ok, 'CATEGORY_L1')).toMatchObject({ categorical: true, column: 'category' });
    expect(codes(ok)).not.toContain('MISSING_REQUIRED');
    const bad = await infer(`ITEM_ID,COLOUR\ni1,red\ni2,red\n`, { domain: 'ECOMMERCE' });
    expect(bad.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toMatch(/ECOMMERCE Items datasets need ITEM_ID, PRICE, CATEGORY_L1; the file has no column for PRICE, CATEGORY_L1/);
  });

  it('VIDEO_ON_DEMAND items need CREATION_TIMESTAMP and GENRES (categorical); domain interactions need EVENT_TYPE', async () => {
    const r = await infer(`ITEM_ID,genre,created\n${rows(10, (i) => `m${i},Drama|Comedy,${1700000000 + i}`)}\n`, { domain: 'VIDEO_ON_DEMAND' });
    expect(field(r, 'GENRES')).toMatchObject({ categorical: true, column: 'genre' });
    expect(field(r, 'CREATION_TIMESTAMP').column).toBe('created');
    expect(codes(r)).not.toContain('MISSING_REQUIRED');
    const ev = await infer('USER_ID,ITEM_ID,TIMESTAMP\nu,i,1767225600\n', { domain: 'VIDEO_ON_DEMAND' });
    expect(ev.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toMatch(/no column for EVENT_TYPE/);
  });

  it('items and users need a metadata field; too many metadata fields are named', async () => {
    expect(codes(await infer('USER_ID\nu1\n'))).toContain('NO_METADATA');
    const cols = Array.from({ length: 26 }, (_, i) => `M${i}`);
    const r = await infer(`USER_ID,${cols.join(',')}\nu1,${cols.map(() => 'a').join(',')}\n`);
    expect(r.problems.find((p) => p.code === 'TOO_MANY_FIELDS')!.message).toMatch(/at most 25 metadata fields; the file has 26/);
  });

  it('nothing to go on: the caller is told (DatasetTypeUnknown)', async () => {
    await expect(infer('a,b\n1,2\n')).rejects.toMatchObject({ message: expect.stringMatching(/cannot tell the dataset type/), empty: false });
  });

  it('an empty file (0 bytes, blank lines, a byte-order mark alone) is told as empty', async () => {
    for (const csv of ['', '\n\n \n', '\ufeff', '\ufeff\r\n']) await expect(infer(csv), JSON.stringify(csv)).rejects.toMatchObject({ message: 'the file is empty', empty: true });
    // a header whose cells have no name, over records: not empty
    await expect(infer(',\n1,2\n')).rejects.toMatchObject({ empty: false });
  });
});

describe('the CSV dialect', () => {
  it('BOM, CRLF, quoted values with commas, newlines and \\" escapes are read as the import reads them', async () => {
    const csv = '\ufeffITEM_ID,DESCRIPTION,COLOUR\r\n' + rows(12, (i) => `i${i},"A long text, line one\nand line two with a \\"quote\\" for item ${i}",${i % 2 ? 'red' : 'blue'}`).replace(/\n(?=i)/g, '\r\n') + '\r\n';
    for (const size of [1, 5, 64, 4096]) {
      const r = await inferSchema(chunks(csv, size));
      expect(r.fields.map((f) => f.name)).toEqual(['ITEM_ID', 'DESCRIPTION', 'COLOUR']);
      expect(r.sample.rows).toBe(12);
      expect(field(r, 'COLOUR')).toMatchObject({ categorical: true, nullable: false });
      expect(field(r, 'DESCRIPTION')).toMatchObject({ textual: true });
    }
  });
});

describe('a quote that does not close on its line, in an export of one record a line', () => {
  // an RFC 4180 export (pandas, Amplitude) of JSON with a quote in a name: \"" reads, with backslash
  // escapes, as an escaped quote then a closing one — the value's quote stays open past the line end
  const json = (i: number) => `"{""product_id"": ""P${i % 23}"", ""name"": ""${i % 8 === 3 ? 'T-Shirt \\""Classic\\""' : 'Mug, 350 ml'}"", ""price"": ${i}.5}"`;
  const csv = `user_id,product_id,event_type,event_time,event_properties\n${rows(3000, (i) => `u${i % 350},P${i % 23},Product Viewed,${1767225600 + i},${json(i)}`)}\n`;
  it('\\"" in an RFC 4180 export: its line is one record, read as fix reads it (a backslash, then a quote) — the rest of the file is not one record with it', async () => {
    for (const size of [7, 4096, 1 << 20]) {
      const r = await inferSchema(chunks(csv, size));
      expect(r.sample.rows).toBe(3000);
      expect(codes(r)).not.toContain('COLUMN_COUNT');
      expect(r.unusable.find((u) => u.column === 'event_properties')?.reason).toMatch(/^JSON \(100 % of values, e\.g\. \{"product_id": "P0", "name": "Mug, 350 ml"/);
    }
  });
  it('a quote left open with no doubled quotes is a record of its own line, as the validator reads it', async () => {
    // ("5\" screen": a backslash before the closing quote escapes it; the quote closes on no line)
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP,NOTE\n${rows(2000, (i) => `u${i % 90},i${i % 40},${1767225600 + i},${i % 10 === 4 ? '"5\\" screen, bright' : `"note ${i}"`}`)}\n`);
    expect(r.sample.rows).toBe(2000);
  });
  it('a description over several lines is still one record (a shop\'s products export)', async () => {
    const r = await infer(`ITEM_ID,DESCRIPTION,PRICE\n${rows(40, (i) => `i${i},"<p>line one</p>\n<ul>\n<li>a, b</li>\n</ul>",${i}.5`)}\n`);
    expect(r.sample.rows).toBe(40);
    expect(codes(r)).not.toContain('COLUMN_COUNT');
  });
});

describe('the sample is bounded', () => {
  it('stops reading at the limit, drops the cut record and says it read the start', async () => {
    let pulled = 0;
    let closed = false;
    const line = 'u1,i1,1767225600\n';
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield Buffer.from('USER_ID,ITEM_ID,TIMESTAMP\n');
        for (;;) {
          pulled++;
          yield Buffer.from(line.repeat(100));
        }
      } finally {
        closed = true;
      }
    }
    const r = await inferSchema(endless(), { sampleBytes: 10_000 });
    expect(r.sample.truncated).toBe(true);
    expect(r.sample.bytes).toBe(10_000);
    expect(pulled).toBeLessThan(10);
    expect(closed).toBe(true);
    // 10,000 bytes - 26 header bytes = 9,974 bytes = 586.7 lines: 586 whole ones
    expect(r.sample.rows).toBe(586);
  });
});

describe('a file separated by ; tab or | (a spreadsheet export)', () => {
  it('is read with its own separator: the dataset type, the fields and their types come out, and a warning says Personalize reads commas', async () => {
    const csv = `\uFEFFuser_id;item_id;timestamp;event\r\n${rows(30, (i) => `u${i % 7};i${i};2024-03-${String(10 + (i % 18))}T10:00:00Z;"click;${i % 2 ? 'a' : 'b'}"`).replace(/\n/g, '\r\n')}\r\n`;
    const r = await infer(csv);
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']));
    expect(r.fields).toHaveLength(4);
    const sep = r.problems.find((p) => p.code === 'SEPARATOR');
    expect(sep?.severity).toBe('warning');
    expect(sep?.message).toMatch(/separated by ";".*commas/);
    expect(r.sample.rows).toBe(30);
  });

  it('an empty column without a name (Excel\'s trailing ";") gets no field — the fixer drops it from its copy — and a warning says so', async () => {
    const csv = `\uFEFFUSER_ID;ITEM_ID;TIMESTAMP;EVENT_VALUE;\r\n${rows(30, (i) => `u${i % 7};i${i};${1767225600 + i};${i},5;`).replace(/\n/g, '\r\n')}\r\n`;
    const r = await infer(csv);
    expect(r.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_VALUE']);
    expect(r.schema.fields.map((f) => f.name)).not.toContain('FIELD');
    expect(r.renames).toEqual([]);
    expect(r.unusable).toEqual([]);
    const blank = r.problems.find((p) => p.code === 'UNNAMED_COLUMN');
    expect(blank?.severity).toBe('warning');
    expect(blank?.message).toBe("A column without a name (the 5th, after EVENT_VALUE) is left out of the schema: no field can be named so (an export's trailing separator: no value in any row). “Fix and continue” (personalize-import fix) drops it from the copy.");
    // one holding values is named as such: the copy drops them too, so the header must name it to keep them
    const held = await infer(`USER_ID,ITEM_ID,TIMESTAMP,,\n${rows(20, (i) => `u${i % 5},i${i},${1767225600 + i},${i % 2 ? 'x' : ''},`)}\n`);
    expect(held.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP']);
    expect(held.problems.find((p) => p.code === 'UNNAMED_COLUMN')?.message).toMatch(/^2 columns without a name \(the 4th, after TIMESTAMP; the 5th\) are left out of the schema: no field can be named so, yet they hold 10 values: give them names in the header to keep them\. .* drops them from the copy\.$/);
  });

  it('tabs too; a comma file with | inside its values stays comma-separated, with no warning', async () => {
    expect((await infer(`USER_ID\tITEM_ID\tTIMESTAMP\n${rows(5, (i) => `u${i}\ti${i}\t${1700000000 + i}`)}\n`)).problems.find((p) => p.code === 'SEPARATOR')?.message).toMatch(/separated by tabs/);
    const r = await infer(`ITEM_ID,GENRES\n${rows(20, (i) => `i${i},a|b|c${i % 3}`)}\n`);
    expect(codes(r)).not.toContain('SEPARATOR');
    expect(r.fields.map((f) => f.name)).toEqual(['ITEM_ID', 'GENRES']);
  });
});

describe('dates as shops export them', () => {
  it('"2024-01-10 10:00:00 -0500" (a space before the offset: Shopify) and "… UTC" are dates: TIMESTAMP_DATES (which Fix converts), not "neither numbers nor dates"', async () => {
    const r = await infer(`ITEM_ID,PRICE,CREATED_AT\n${rows(30, (i) => `i${i},${i}.5,2024-01-1${i % 10} 10:0${i % 6}:00 ${i % 2 ? '-0500' : 'UTC'}`)}\n`, { datasetType: 'ITEMS' });
    expect(field(r, 'CREATION_TIMESTAMP').type).toBe('long');
    expect(codes(r)).toContain('TIMESTAMP_DATES');
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
  });
});

describe('amounts with a currency symbol', () => {
  it('one currency ("$61.75", "4.5 $"): float, with a CURRENCY warning that Fix removes the symbol; PRICE too', async () => {
    const r = await infer(`ITEM_ID,VARIANT_PRICE,PRICE\n${rows(30, (i) => `i${i},$${i + 1}.${String(i).padStart(2, '0')},${i % 2 ? `${i}.5 €` : `€${i}`}`)}\n`, { datasetType: 'ITEMS' });
    expect(field(r, 'VARIANT_PRICE')).toMatchObject({ type: 'float' });
    expect(field(r, 'VARIANT_PRICE').reason).toMatch(/every value is a number, 100 % an amount in \$: float/);
    const w = r.problems.filter((p) => p.code === 'CURRENCY');
    expect(w.map((p) => p.column).sort()).toEqual(['PRICE', 'VARIANT_PRICE']);
    expect(w.find((p) => p.column === 'VARIANT_PRICE')?.message).toMatch(/100 % of values are amounts with a currency symbol \(e\.g\. "\$1\.00"\); Personalize reads plain numbers \("1\.00"\)\. “Fix and continue” \(personalize-import fix\) removes the symbol\./);
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
    expect(codes(r)).not.toContain('NOT_USED_IN_TRAINING');
  });

  it('a catalogue of a few price points ("$1,299.00", "$19.99" … five in 300 rows): float, not a categorical string of prices', async () => {
    const prices = ['$19.99', '$1,299.00', '$249.50', '$5.00', '$12,000.00'];
    const r = await infer(`item_id,title,price\n${rows(300, (i) => `SKU${i},Item ${i},"${prices[i % 5]}"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(r, 'price')).toMatchObject({ type: 'float', categorical: false });
    expect(field(r, 'price').reason).toMatch(/every value is a number, 100 % an amount in \$: float/);
    expect(r.problems.find((p) => p.code === 'CURRENCY' && p.column === 'price')?.message).toMatch(/\(e\.g\. "\$19\.99"\); Personalize reads plain numbers \("19\.99"\)/);
    // two currencies in five values: categorical as before, with no claim that Personalize ignores it
    const two = await infer(`item_id,price\n${rows(300, (i) => `SKU${i},"${i % 2 ? '$' : '£'}${i % 5}.50"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(two, 'price')).toMatchObject({ type: 'string', categorical: true });
    expect(two.problems.find((p) => p.code === 'CURRENCY')).toBeUndefined();
  });

  it('in a ;-separated file "61,75 €": float; amounts in two currencies: a string, the warning says they are not one unit', async () => {
    const semi = await infer(`ITEM_ID;AMOUNT\n${rows(30, (i) => `i${i};${i},75 €`)}\n`, { datasetType: 'ITEMS' });
    expect(field(semi, 'AMOUNT').type).toBe('float');
    expect(semi.problems.find((p) => p.code === 'CURRENCY')?.message).toMatch(/\(e\.g\. "0,75 €"\); Personalize reads plain numbers \("0\.75"\)/);
    const two = await infer(`ITEM_ID,AMOUNT\n${rows(30, (i) => `i${i},${i % 2 ? '$' : '£'}${i}.5`)}\n`, { datasetType: 'ITEMS' });
    expect(field(two, 'AMOUNT').type).toBe('string');
    expect(two.problems.find((p) => p.code === 'CURRENCY')?.message).toMatch(/amounts in 2 currencies \(£ \$, e\.g\. "£0\.5"\): not one unit/);
    // in a comma file a comma inside an amount may group thousands ("$1,500": 1.5 or 1500?): not a number
    // here while no amount of the column says which (as fix rejects it)
    const grouped = await infer(`ITEM_ID,AMOUNT\n${rows(30, (i) => `i${i},"$${i + 1},500"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(grouped, 'AMOUNT').type).toBe('string');
    // one amount only a decimal comma reads ("€0,50", a German Sheets export) says it: a float, as fix reads them
    const euros = await infer(`ITEM_ID,AMOUNT\n${rows(30, (i) => `i${i},"€${i},${i ? 500 : 50}"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(euros, 'AMOUNT').type).toBe('float');
    expect(euros.problems.find((p) => p.code === 'CURRENCY')?.message).toMatch(/\(e\.g\. "€0,50"\); Personalize reads plain numbers \("0\.50"\)/);
  });
});

describe('numbers with a unit', () => {
  it('"34 years" / "1 year" / a plain 29 in one column: a number with a UNIT note (Fix removes the unit); "1.5 kg": a float; ordinals ("2nd") are no unit', async () => {
    const r = await infer(`user_id,age,rank,weight\n${rows(200, (i) => `u${i},${i % 9 ? `${18 + (i % 50)} ${i % 5 ? 'years' : 'Years'}` : i % 2 ? '1 year' : '29'},${(i % 3) + 1}${['st', 'nd', 'rd'][i % 3]},${i % 7}.5 kg`)}\n`, { datasetType: 'USERS' });
    expect(field(r, 'age').type).toBe('long');
    expect(field(r, 'age').reason).toMatch(/^every value is a number, \d+ % with a unit \("19 years"\): long$/);
    expect(field(r, 'weight').type).toBe('float');
    expect(field(r, 'rank').type).toBe('string');
    const notes = r.problems.filter((p) => p.code === 'UNIT');
    expect(notes.map((p) => p.column).sort()).toEqual(['age', 'weight']);
    expect(notes.find((p) => p.column === 'age')?.message).toMatch(/^Column age: \d+ % of values are numbers with a unit \(e\.g\. "19 years"\); Personalize reads plain numbers \("19"\)\. “Fix and continue” \(personalize-import fix\) removes the unit \(the column's name can say it\)\.$/);
    expect(notes.every((p) => p.severity === 'warning')).toBe(true);
    expect(r.problems.filter((p) => p.code === 'NUMBER_WITH_UNIT')).toEqual([]);
  });

  it('numbers in two units ("34 years" beside "12 months"): a string (Fix would not convert one unit into the other), the NUMBER_WITH_UNIT note names both', async () => {
    const r = await infer(`user_id,age\n${rows(200, (i) => `u${i},${i % 4 ? `${18 + (i % 50)} years` : `${i % 12} months`}`)}\n`, { datasetType: 'USERS' });
    expect(field(r, 'age').type).toBe('string');
    const notes = r.problems.filter((p) => p.code === 'NUMBER_WITH_UNIT');
    expect(notes.map((p) => p.message)).toEqual(['Column age: 100 % of values are numbers with a unit in 2 units ("month", "year") (e.g. "0 months"), so it is typed as a string, and Personalize cannot compare its values as numbers. Exported as plain numbers in one unit ("0"; the unit can go in the column\'s name), it is typed as a number.']);
    expect(r.problems.filter((p) => p.code === 'UNIT')).toEqual([]);
  });
});

describe('numbers with a decimal comma (a ;-separated export from a locale whose decimal mark is a comma)', () => {
  it('in a ;-separated file: float (or EVENT_VALUE / PRICE as float) with a warning that Fix writes a point; thousands points read as grouping', async () => {
    const csv = `user_id;product_id;event_time;event_type;price;event_value\r\n${rows(40, (i) => `u${i % 7};i${i};${1700000000 + i};click;${i + 1},${String(i % 100).padStart(2, '0')};${i % 3 ? `${i},5` : '1.234,5'}`).replace(/\n/g, '\r\n')}\r\n`;
    const r = await infer(csv);
    expect(field(r, 'price')).toMatchObject({ type: 'float' });
    expect(field(r, 'price').reason).toMatch(/every value is a number, 100 % with decimals \(100 % with a decimal comma, e\.g\. "1,00"\): float/);
    expect(field(r, 'EVENT_VALUE')).toMatchObject({ type: 'float' });
    const notes = r.problems.filter((p) => p.code === 'DECIMAL_COMMA');
    expect(notes.map((p) => p.column).sort()).toEqual(['event_value', 'price']);
    expect(notes.every((p) => p.severity === 'warning')).toBe(true);
    expect(notes.find((p) => p.column === 'event_value')?.message).toMatch(/decimal comma \(e\.g\. "1\.234,5"\); Personalize reads a point \("1234\.5"\).*Fix and continue/);
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
    expect(codes(r)).not.toContain('NOT_USED_IN_TRAINING');
  });

  // (before session 20 a quoted "4,5" in a comma file was a string: "it could group thousands". It
  // cannot — a comma grouping thousands has 3 digits after it — and Personalize's multi-value strings
  // use "|", so a column of them is a German or French export's numbers, which fix now writes with a point)
  it('in a comma file (a Google Sheets export of a German locale), quoted "4,5" and "1.234,50": float with DECIMAL_COMMA; "1,250" then reads with a decimal comma too', async () => {
    const r = await infer(`USER_ID,SCORE,WEIGHT\n${rows(40, (i) => `u${i},"${i},5","${i % 2 ? `${i},250` : `1.${String(100 + i)},50`}"`)}\n`);
    expect(field(r, 'SCORE').type).toBe('float');
    expect(field(r, 'WEIGHT').type).toBe('float');
    expect(field(r, 'WEIGHT').reason).toMatch(/100 % with a decimal comma, e\.g\. "1\.100,50"/);
    expect(r.problems.filter((p) => p.code === 'DECIMAL_COMMA').map((p) => p.column)).toEqual(['SCORE', 'WEIGHT']);
    expect(r.problems.find((p) => p.column === 'SCORE' && p.code === 'DECIMAL_COMMA')?.message).toMatch(/Personalize reads a point \("0\.5"\)/);
  });

  it('in a comma file, a column of numbers that all read two ways ("1,250": 1.25 or 1250?): string, with what to do; one with commas grouping thousands ("1,234.50") beside a decimal comma decides nothing', async () => {
    const r = await infer(`ITEM_ID,WEIGHT\n${rows(30, (i) => `i${i},"${i + 1},250"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(r, 'WEIGHT').type).toBe('string');
    expect(r.problems.find((p) => p.code === 'DECIMAL_COMMA_TWO_WAYS')?.message).toMatch(/"1,250" reads two ways \(1\.250 with a decimal comma, 1250 with a comma grouping thousands\).*--decimal comma or --decimal point/);
    const us = await infer(`ITEM_ID,WEIGHT\n${rows(30, (i) => `i${i},"${i + 1},234.50"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(us, 'WEIGHT').type).toBe('float');
    expect(codes(us)).toContain('THOUSANDS');
    const both = await infer(`ITEM_ID,WEIGHT\n"i0","12,50"\n"i1","1,234.50"\n${rows(30, (i) => `i${i + 2},"${i + 1},250"`)}\n`, { datasetType: 'ITEMS' });
    expect(field(both, 'WEIGHT').type).toBe('string');
  });

  it('a TIMESTAMP of dates only: the reason says no value is in epoch seconds yet, not "only 0 %"', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(30, (i) => `u${i % 5},i${i},2026-03-0${1 + (i % 9)}T10:00:00Z`)}\n`);
    expect(field(r, 'TIMESTAMP').reason).toMatch(/no value is in epoch seconds yet/);
    expect(field(r, 'TIMESTAMP').reason).not.toMatch(/only 0 %/);
  });
});

describe('a TIMESTAMP of ISO dates with one odd value (a newcomer export)', () => {
  it('the odd value is the example of "neither whole numbers nor dates" (not a date), and the reason is a whole sentence', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(40, (i) => `u${i},i${i},${i === 17 ? 'not-a-date' : `2024-03-${String(10 + (i % 18))}T10:00:00Z`}`)}\n`);
    const odd = r.problems.find((p) => p.code === 'TYPE_MISMATCH' && p.field === 'TIMESTAMP');
    expect(odd?.message).toMatch(/neither whole numbers nor dates \(e\.g\. "?not-a-date"?\)/);
    expect(field(r, 'TIMESTAMP').reason).toMatch(/no value is in epoch seconds yet \(below: what they are\)$/);
  });
});

describe("a streaming service's watch log (profile_id, title_id, watched_at, no event type)", () => {
  // it read "cannot tell the dataset type from the columns", and in a Domain group offered no event
  const rows = Array.from({ length: 50 }, (_, i) => `P-${String(i % 7).padStart(5, '0')};tt${1000 + (i % 11)};2026-10-01 ${String(10 + (i % 9)).padStart(2, '0')}:00;${60 + i};tv`);
  const csv = `profile_id;title_id;watched_at;watch_seconds;device\n${rows.join('\n')}\n`;
  it('is interactions: profile → USER_ID, title → ITEM_ID, watched_at → TIMESTAMP; every row a "Watch" (a watch log, spelled as VIDEO_ON_DEMAND recommenders count it)', async () => {
    const r = await infer(csv, { domain: 'VIDEO_ON_DEMAND' });
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.renames.map((x) => `${x.column}→${x.field}`)).toEqual(['profile_id→USER_ID', 'title_id→ITEM_ID', 'watched_at→TIMESTAMP']);
    expect(r.eventTypeDefault).toBe('Watch');
    expect(r.eventTypeWhat).toBe('a watch log');
    expect(r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toContain('If every row is the same event (a watch log: Watch), EVENT_TYPE can be added with one value in every row (--event-type Watch;');
  });
  it('other logs of one event by their columns; an order export stays a purchase; a file that says nothing offers none', async () => {
    const { oneEventOf } = await import('../../src/schema/usable.js');
    expect(oneEventOf(['listener_id', 'track_id', 'playedAt'])).toEqual({ event: 'play', what: 'a play log' });
    expect(oneEventOf(['visitor', 'article', 'viewed_at'])).toEqual({ event: 'view', what: 'a view log' });
    expect(oneEventOf(['user', 'ad', 'clicked_at'])).toEqual({ event: 'click', what: 'a click log' });
    expect(oneEventOf(['Customer ID', 'Lineitem sku', 'Lineitem quantity', 'Created at'])).toEqual({ event: 'purchase', what: 'an order export' });
    expect(oneEventOf(['user_id', 'item_id', 'timestamp'])).toBeUndefined();
    // a word inside another is not it (a "review" column, a "display" name)
    expect(oneEventOf(['user_id', 'item_id', 'review', 'display_name'])).toBeUndefined();
  });
});

describe('a CRM contacts export and a German customer list', () => {
  it('Contact ID / Kundennummer are USER_ID: a users dataset, the names and e-mails left out', async () => {
    const crm = await infer(`Contact ID,First Name,Email,Lifecycle Stage\n${Array.from({ length: 30 }, (_, i) => `C${i},Anna${i},a${i}@example.com,${['lead', 'customer'][i % 2]}`).join('\n')}\n`);
    expect(crm.datasetType).toBe('USERS');
    expect(crm.renames.map((r) => `${r.column}→${r.field}`)).toContain('Contact ID→USER_ID');
    expect(crm.unusable.map((u) => u.column)).toEqual(expect.arrayContaining(['First Name', 'Email']));
    const de = await infer(`Kundennummer;Land;Segment\n${Array.from({ length: 30 }, (_, i) => `K-${i};DE;${['A', 'B'][i % 2]}`).join('\n')}\n`);
    expect(de.datasetType).toBe('USERS');
    expect(de.renames.map((r) => `${r.column}→${r.field}`)).toContain('Kundennummer→USER_ID');
  });
});

describe("an analytics export's JSON properties (Amplitude: event_properties)", () => {
  const rows = Array.from({ length: 120 }, (_, i) => `ins-${i},u${i % 17},2026-03-01 10:${String(i % 60).padStart(2, '0')}:00.123456,Product Viewed,P${i % 23},"{""product_id"": ""P${i % 23}"", ""price"": ${i}.5}",${['iOS', 'Web'][i % 2]}`);
  const csv = `$insert_id,user_id,event_time,event_type,product_id,event_properties,platform\n${rows.join('\n')}\n`;
  it('a column of JSON objects is proposed to be left out, with why and an example as written; other text is not', async () => {
    const r = await infer(csv);
    expect(r.datasetType).toBe('INTERACTIONS');
    const json = r.unusable.find((u) => u.column === 'event_properties')!;
    expect(json.kind).toBe('json');
    expect(json.reason).toBe('JSON (100 % of values, e.g. {"product_id": "P0", "price": 0.5}): Personalize reads it as one text and cannot use the fields inside — give the ones you need columns of their own');
    expect(r.unusable.find((u) => u.column === 'platform')).toBeUndefined();
    // braces that are not JSON (a template, a set) are text like any other
    const notJson = await infer(`USER_ID,ITEM_ID,TIMESTAMP,NOTE\n${Array.from({ length: 120 }, (_, i) => `u${i % 9},i${i % 7},${1700000000 + i},{name: ${i % 3}}`).join('\n')}\n`);
    expect(notJson.unusable.find((u) => u.column === 'NOTE')?.kind).not.toBe('json');
  });
  it('free text in interactions says "an INTERACTIONS dataset"', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP,SUMMARY\n${Array.from({ length: 150 }, (_, i) => `u${i % 9},i${i % 7},${1700000000 + i},this was a rather long comment number ${i % 20} about the thing`).join('\n')}\n`);
    const w = r.problems.find((p) => p.code === 'NOT_USED_IN_TRAINING' && /free text/.test(p.message));
    expect(w?.message ?? '').toMatch(/free text in an INTERACTIONS dataset/);
  });
});

describe('a mostly numeric column with some text (an Online Retail invoice: 489435 … C489449)', () => {
  it('names a value that is not a number as its example — the first three examples were numbers, and it said (e.g. "")', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${i % 25 === 24 ? 'C' : ''}${489435 + Math.floor(i / 2)},u${i % 40},i${i % 90},${1700000000 + i * 60}`);
    const r = await infer(`Invoice,USER_ID,ITEM_ID,TIMESTAMP\n${rows.join('\n')}\n`);
    const why = r.fields.find((f) => f.name === 'Invoice')!.reason;
    expect(why).toMatch(/are numbers but 4 % are not \(e\.g\. "C489447"\)/);
    expect(why).toMatch(/in 1,200 rows/);
    // and, in interactions, an order's number is proposed to be left out by its name
    expect(r.unusable.find((u) => u.column === 'Invoice')).toMatchObject({ kind: 'order', reason: expect.stringMatching(/^an order's number \(by its name, e\.g\. "489435"\): only the lines of one order share it/) });
  });
});

describe('a column with no value in any row (a Magento export\'s special_price, new_from_date)', () => {
  it('is proposed to be left out, with why, once the sample has 100 rows; a smaller sample says nothing', async () => {
    const csv = (n: number) => `ITEM_ID,special_price,color\n${Array.from({ length: n }, (_, i) => `i${i},,${['red', 'blue'][i % 2]}`).join('\n')}\n`;
    const r = await infer(csv(120), { datasetType: 'ITEMS' });
    expect(r.unusable.find((u) => u.column === 'special_price')).toMatchObject({ kind: 'empty', reason: 'no value in any of its 120 rows: nothing to learn from' });
    expect(r.unusable.find((u) => u.column === 'color')).toBeUndefined();
    const small = await infer(csv(50), { datasetType: 'ITEMS' });
    expect(small.unusable.find((u) => u.column === 'special_price')).toBeUndefined();
  });
});
