// The fixer's corpus: messy files as exports really make them (lower-case and aliased headers, ISO
// dates with and without zones, ms epochs, ; tab | separators with embedded commas and quotes,
// UTF-16 LE/BE with BOM, Windows-1252, BOM + quoted header, CRLF, CR-only, TRUE/FALSE booleans,
// duplicate rows, rows that cannot be fixed), each with the rows its fixed copy must hold.
// Interactions files carry 1,040 filler rows (40 users × 26) so the validator's file-wide minimums
// (1,000 records, 25 active users) hold and "valid" means the rows are right.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FX = fileURLToPath(new URL('../fixtures/csv/schemas/', import.meta.url));
export const SCHEMAS = {
  interactions: readFileSync(`${FX}interactions.json`, 'utf8'),
  items: readFileSync(`${FX}items.json`, 'utf8'),
  users: readFileSync(`${FX}users.json`, 'utf8'),
};

export interface Case {
  name: string;
  schema: keyof typeof SCHEMAS;
  bytes: Buffer;
  /** the fixed file's header */
  header: string;
  /** output lines (after the header) that must be there, in this order, before the filler */
  rows: string[];
  /** original line numbers of rejected rows */
  rejects?: number[];
  /** change kinds the summary must list */
  changes: string[];
  options?: { dropDuplicates?: boolean; dropUnknown?: boolean; map?: Record<string, string>; decimal?: 'comma' | 'point' };
  /** the output's line end */
  eol?: string;
  /** lines joined into the record before them (a quoted value over several lines), by input line number */
  joined?: number[];
}

/** interactions filler in the given separator: plain epoch seconds, valid as they are */
function filler(sep: string, cols: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 1040; i++) {
    const v = [`fill-${i % 40}`, `item-${i % 97}`, String(1767000000 + i * 60), 'click', '1.5'];
    out.push(v.slice(0, cols).join(sep));
  }
  return out;
}
const fillerOut = (cols: number) => filler(',', cols);

function file(lines: string[], eol = '\n'): string {
  return lines.join(eol) + eol;
}

function utf16(text: string, be: boolean): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!be) return le;
  const out = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1];
    out[i + 1] = le[i];
  }
  return out;
}

function cp1252(text: string): Buffer {
  const map: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92 };
  return Buffer.from([...text].map((c) => map[c] ?? c.charCodeAt(0)));
}

export const CASES: Case[] = [
  {
    name: 'lower-case header, ISO dates with and without zones, common date text',
    schema: 'interactions',
    bytes: Buffer.from(file([
      'user_id,item_id,timestamp,event_type',
      'u1,i1,2026-01-02T03:04:05Z,click',
      'u1,i2,2026-01-02T03:04:05.250+02:00,view',
      'u1,i3,2026-01-02 03:04:05,view',
      'u1,i4,2026-01-02,view',
      'u1,i5,2026-01-02T03:04:05-0530,view',
      'u1,i6,"Fri, 02 Jan 2026 03:04:05 GMT",view',
      'u1,i7,Jan 2 2026 3:04:05 PM,view',
      'u1,i8,2026/01/02 03:04,view',
      ...filler(',', 4),
    ])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows: ['u1,i1,1767323045,click', 'u1,i2,1767315845,view', 'u1,i3,1767323045,view', 'u1,i4,1767312000,view', 'u1,i5,1767342845,view', 'u1,i6,1767323045,view', 'u1,i7,1767366245,view', 'u1,i8,1767323040,view', ...fillerOut(4)],
    changes: ['header', 'timestamp-date'],
  },
  {
    name: 'aliased and reordered header, millisecond epochs, spaces around IDs',
    schema: 'interactions',
    bytes: Buffer.from(file([
      'event_time,product_id,customer_id,event,rating',
      '1767323045123,i1, u1 ,click,4',
      '1767323045999,i2,u1,view, 2.5 ',
      ...filler(',', 5).map((l) => { const v = l.split(','); return [`${v[2]}000`, v[1], v[0], v[3], v[4]].join(','); }),
    ])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE',
    rows: ['u1,i1,1767323045,click,4', 'u1,i2,1767323045,view,2.5', ...fillerOut(5)],
    changes: ['header', 'timestamp-epoch-unit', 'trimmed'],
  },
  {
    name: '; separated with embedded commas, doubled quotes and a bare quote (RFC 4180, as Excel writes)',
    schema: 'interactions',
    bytes: Buffer.from(file([
      'USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE',
      'u1;"item, large";1767323045;click;4.5',
      'u1;"say ""hi""";1767323045;view;',
      'u1;a,b;1767323045;view;1',
      'u1;"c:\\dir";1767323045;view;1',
      'u1;5" screen;1767323045;view;1',
      ...filler(';', 5),
    ])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE',
    rows: ['u1,"item, large",1767323045,click,4.5', 'u1,"say \\"hi\\"",1767323045,view,', 'u1,"a,b",1767323045,view,1', 'u1,"c:\\\\dir",1767323045,view,1', 'u1,"5\\" screen",1767323045,view,1', ...fillerOut(5)],
    changes: ['separator', 'quotes-doubled', 'requoted', 'quote-escaped'],
  },
  {
    name: 'tab separated (TSV export) with a comma in a value',
    schema: 'interactions',
    bytes: Buffer.from(file(['user_id\titem_id\ttimestamp\tevent_type', 'u1\tnotes, misc\t2026-01-02T03:04:05Z\tclick', ...filler('\t', 4)])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows: ['u1,"notes, misc",1767323045,click', ...fillerOut(4)],
    changes: ['separator', 'header', 'requoted', 'timestamp-date'],
  },
  {
    name: '| separated',
    schema: 'interactions',
    bytes: Buffer.from(file(['USER_ID|ITEM_ID|TIMESTAMP|EVENT_TYPE', 'u1|i,1|1767323045|click', ...filler('|', 4)])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows: ['u1,"i,1",1767323045,click', ...fillerOut(4)],
    changes: ['separator', 'requoted'],
  },
  {
    name: 'UTF-16 LE with BOM (Excel "Unicode Text": tabs)',
    schema: 'interactions',
    bytes: utf16(file(['USER_ID\tITEM_ID\tTIMESTAMP\tEVENT_TYPE', 'u1\tcafé\t1767323045\tclick', ...filler('\t', 4)], '\r\n'), false),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows: ['u1,café,1767323045,click', ...fillerOut(4)],
    changes: ['encoding', 'bom', 'separator'],
    eol: '\r\n',
  },
  {
    name: 'UTF-16 BE with BOM',
    schema: 'interactions',
    bytes: utf16(file(['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE', 'u1,naïve,1767323045,click', ...filler(',', 4)]), true),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE',
    rows: ['u1,naïve,1767323045,click', ...fillerOut(4)],
    changes: ['encoding', 'bom'],
  },
  {
    name: 'Windows-1252 (Excel "CSV (Comma delimited)")',
    schema: 'items',
    bytes: cp1252(file(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', 'i1,5,shoes,Café crème – €5', 'i2,6,shoes,plain', 'i3,7,bags,l’été'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION',
    rows: ['i1,5,shoes,Café crème – €5', 'i2,6,shoes,plain', 'i3,7,bags,l’été'],
    changes: ['windows-1252'],
  },
  {
    // JSON in a value, as pandas or Amplitude write it (RFC 4180: quotes doubled): a quote in a name is
    // \" in the JSON, \"" in the file — read with backslash escapes it closes the value early, so the
    // row was set aside ("text after the closing quote"); read as RFC 4180 it is a backslash and a quote
    name: 'a comma file written RFC 4180 whose JSON holds an escaped quote (\\"" is a backslash, then a quote)',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', String.raw`i1,5,shoes,"{""name"": ""T-Shirt \""Classic\"""", ""size"": ""M""}"`, String.raw`i2,6,shoes,"{""name"": ""Mug, 350 ml""}"`, String.raw`i3,7,bags,"a \"quote\" as Personalize writes it"`, String.raw`i4,8,bags,"a ""b"" \"c`])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION',
    rows: [String.raw`i1,5,shoes,"{\"name\": \"T-Shirt \\\"Classic\\\"\", \"size\": \"M\"}"`, String.raw`i2,6,shoes,"{\"name\": \"Mug, 350 ml\"}"`, String.raw`i3,7,bags,"a \"quote\" as Personalize writes it"`],
    // a value broken either way (its quote open at the line end as RFC 4180 too) is still set aside
    rejects: [5],
    changes: ['quotes-doubled'],
  },
  {
    name: 'BOM and quoted header names',
    schema: 'users',
    bytes: Buffer.from(file(['\uFEFF"USER_ID","AGE","MEMBERSHIP"', 'u1,30,gold', '"u2",41,"silver"'])),
    header: 'USER_ID,AGE,MEMBERSHIP',
    rows: ['u1,30,gold', '"u2",41,"silver"'],
    changes: ['bom', 'header'],
  },
  {
    name: 'CRLF kept, lower-case header',
    schema: 'users',
    bytes: Buffer.from(file(['user_id,age', 'u1,30', 'u2, 41 '], '\r\n')),
    header: 'USER_ID,AGE',
    rows: ['u1,30', 'u2,41'],
    changes: ['header', 'trimmed'],
    eol: '\r\n',
  },
  {
    name: 'old-Mac CR-only line ends',
    schema: 'users',
    bytes: Buffer.from(file(['USER_ID,AGE', 'u1,30', 'u2,41'], '\r')),
    header: 'USER_ID,AGE',
    rows: ['u1,30', 'u2,41'],
    changes: ['line-ends'],
  },
  {
    name: 'booleans TRUE/False/1/0, numbers with spaces, dates as CREATION_TIMESTAMP',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,IN_STOCK,RANK,CREATION_TIMESTAMP', 'i1, 4.5 ,shoes,TRUE, 3,2026-01-02', 'i2,5,shoes,False,4,1767323045000', 'i3,6,bags,1,,', 'i4,7,bags,0,5,1767323045', 'i5,8,bags,true,6,'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,CREATION_TIMESTAMP,IN_STOCK,RANK',
    rows: ['i1,4.5,shoes,1767312000,true,3', 'i2,5,shoes,1767323045,false,4', 'i3,6,bags,,true,', 'i4,7,bags,1767323045,false,5', 'i5,8,bags,,true,6'],
    changes: ['header', 'boolean', 'trimmed', 'timestamp-date', 'timestamp-epoch-unit'],
  },
  {
    name: 'exact-duplicate rows dropped (after fixing: the same event as date and as epoch is one)',
    schema: 'users',
    bytes: Buffer.from(file(['USER_ID,AGE', 'u1,30', 'u2,41', 'u1,30', 'u1, 30', 'u3,50'])),
    header: 'USER_ID,AGE',
    rows: ['u1,30', 'u2,41', 'u3,50'],
    changes: ['duplicates', 'trimmed'],
    options: { dropDuplicates: true },
  },
  {
    name: 'rows that cannot be fixed go to rejects with their original line numbers',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,4.5,shoes', `${'x'.repeat(257)},1,shoes`, 'i3,cheap,shoes', 'i4,"5,shoes', 'i5,5', 'i6,"6"x,shoes', ',7,shoes', 'i8,8,bags', 'i9,nine,bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,4.5,shoes', 'i8,8,bags'],
    rejects: [3, 4, 5, 6, 7, 8, 10],
    changes: [],
  },
  {
    name: 'unknown columns dropped on request, --map for a name no rule knows',
    schema: 'users',
    bytes: Buffer.from(file(['cust_no,notes,age', 'u1,hello,30', 'u2,,41'])),
    header: 'USER_ID,AGE',
    rows: ['u1,30', 'u2,41'],
    changes: ['header'],
    options: { dropUnknown: true, map: { cust_no: 'USER_ID' } },
  },
  {
    name: '; separated with decimal commas (a German/French Excel export): numbers written with a point, thousands points dropped; a comma that is no decimal comma, and 1.234 (thousands or decimals?), rejected',
    schema: 'interactions',
    bytes: Buffer.from(file([
      'USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE',
      'u1;i1;1767323045;click;16,63',
      'u1;i2;1767323045;click;-0,5',
      'u1;i3;1767323045;click;"1.234,56"',
      'u1;i4;1767323045;click;1.234.567,8',
      'u1;i5;1767323045;click;2.5',
      'u1;i6;1767323045;click;1,2,3',
      'u1;i7;1767323045;click;12.34,5',
      'u1;i8;1767323045;click;,5',
      'u1;i9;1767323045;click;1.234',
      'u1;i10;1767323045;click;0.125',
      'u1;i11;1767323045;click;1234.5',
      ...filler(';', 5),
    ])),
    header: 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE',
    rows: ['u1,i1,1767323045,click,16.63', 'u1,i2,1767323045,click,-0.5', 'u1,i3,1767323045,click,1234.56', 'u1,i4,1767323045,click,1234567.8', 'u1,i5,1767323045,click,2.5', 'u1,i10,1767323045,click,0.125', 'u1,i11,1767323045,click,1234.5', ...fillerOut(5)],
    // 1.234: a point grouping thousands (1234) or a decimal point? not guessed
    rejects: [7, 8, 9, 10],
    changes: ['separator', 'decimal-comma'],
  },
  {
    name: 'a comma-separated export of a German or French locale (Google Sheets, Excel): quoted numbers with a decimal comma written with a point — grouped by points, spaces, NBSP or narrow NBSP, in euros; "1,234" read as 1.234 since its column has such a value; an int column\'s "1.234,00" as 1234, its "12,50" rejected, as is 1.234 (1234 or 1.234?) in a column with decimal commas',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,RANK', 'i1,"12,50",shoes,"1.234,00"', 'i2,"1,234",shoes,7', 'i3,"1.234,50",bags,"1 234"', 'i4,"1 234,50",bags,', 'i5,"1\u00a0234,50",bags,', 'i6,"1\u202f234,5",bags,', 'i7,"-0,5",bags,"12,50"', 'i8,15,bags,', 'i9,"€42,19",bags,', 'i10,"42,19 €",bags,"0,0"', 'i11,1.234,bags,'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,RANK',
    rows: ['i1,12.50,shoes,1234', 'i2,1.234,shoes,7', 'i3,1234.50,bags,1234', 'i4,1234.50,bags,', 'i5,1234.50,bags,', 'i6,1234.5,bags,', 'i8,15,bags,', 'i9,42.19,bags,', 'i10,42.19,bags,0'],
    // i7: RANK 12,50 is no whole number; i11: PRICE 1.234 unquoted, in a column whose decimal mark is a comma — 1234 or 1.234?
    rejects: [8, 12],
    changes: ['decimal-comma', 'currency', 'thousands'],
  },
  {
    name: 'a comma file whose column has only numbers that read two ways ("1,250": 1.25 or 1250?): not guessed, rejected; "1,234.50" (commas only group thousands there) read',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,"1,250",shoes', 'i2,"12,500",shoes', 'i3,4.5,shoes', 'i4,"1,234.50",bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i3,4.5,shoes', 'i4,1234.50,bags'],
    rejects: [2, 3],
    changes: ['thousands'],
  },
  {
    name: 'the same with --decimal comma: "1,250" is 1.250',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,"1,250",shoes', 'i2,"12,500",shoes', 'i3,4.5,shoes', 'i4,"1,234.50",bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,1.250,shoes', 'i2,12.500,shoes', 'i3,4.5,shoes', 'i4,1234.50,bags'],
    changes: ['decimal-comma', 'thousands'],
    options: { decimal: 'comma' },
  },
  {
    name: 'the same with --decimal point: "1,250" is 1250',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,"1,250",shoes', 'i2,"12,500",shoes', 'i3,4.5,shoes', 'i4,"1,234.50",bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,1250,shoes', 'i2,12500,shoes', 'i3,4.5,shoes', 'i4,1234.50,bags'],
    changes: ['thousands'],
    options: { decimal: 'point' },
  },
  {
    name: 'a column with a decimal comma (12,50) and a comma grouping thousands (1,234.50): "1,234" is not guessed',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,"12,50",shoes', 'i2,"1,234.50",shoes', 'i3,"1,234",bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,12.50,shoes', 'i2,1234.50,shoes'],
    rejects: [4],
    changes: ['decimal-comma', 'thousands'],
  },
  {
    name: 'Excel\'s "Unicode text" of a German locale (UTF-16, tab-separated, numbers unquoted): decimal commas written with a point, "1,234" read as 1.234 (its column has 12,50)',
    schema: 'items',
    bytes: Buffer.from(`\uFEFF${file(['ITEM_ID\tPRICE\tCATEGORY_L1', 'i1\t12,50\tshoes', 'i2\t1.234,50\tbags', 'i3\t1,234\tbags', 'i4\t3\tbags'])}`, 'utf16le'),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,12.50,shoes', 'i2,1234.50,bags', 'i3,1.234,bags', 'i4,3,bags'],
    changes: ['encoding', 'bom', 'separator', 'decimal-comma'],
  },
  {
    name: 'prices with a currency symbol (a shop export): the symbol removed (and a comma grouping thousands); another currency in the column rejected',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1', 'i1,$61.75,shoes', 'i2,$ 5,shoes', 'i3,4.5 $,shoes', 'i4,12,bags', 'i5,€3,bags', 'i6,"$1,234.50",bags', 'i7,$,bags', 'i8,-$2,bags', 'i9,$-2.5,bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,61.75,shoes', 'i2,5,shoes', 'i3,4.5,shoes', 'i4,12,bags', 'i6,1234.50,bags', 'i9,-2.5,bags'],
    rejects: [6, 8, 9],
    changes: ['currency'],
  },
  {
    name: '; separated prices in euros with decimal commas (61,75 €): the number alone, with a point',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID;PRICE;CATEGORY_L1', 'i1;61,75 €;shoes', 'i2;€5;shoes', 'i3;1.234,50€;bags', 'i4;2,5;bags'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1',
    rows: ['i1,61.75,shoes', 'i2,5,shoes', 'i3,1234.50,bags', 'i4,2.5,bags'],
    changes: ['separator', 'currency', 'decimal-comma'],
  },
  {
    name: 'an items export with line breaks inside quoted descriptions (LF, a CR LF inside, a value over 3 lines): each record joined into one line, each break a space',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', 'sku-1,12.5,shirts,"Soft cotton.', 'Machine washable."', 'sku-2,8,shirts,"One line"', 'sku-3,9,shirts,"Line one', 'line two, with a comma', 'line three"', 'sku-4,7,bags,"CR LF\r\ninside"', 'sku-5, 6 ,bags,'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION',
    rows: ['sku-1,12.5,shirts,"Soft cotton. Machine washable."', 'sku-2,8,shirts,"One line"', 'sku-3,9,shirts,"Line one line two, with a comma line three"', 'sku-4,7,bags,"CR LF inside"', 'sku-5,6,bags,'],
    changes: ['multiline', 'trimmed'],
    joined: [3, 6, 7, 9],
  },
  {
    name: 'a CRLF items export with line breaks inside quoted values: joined, CRLF kept between records',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', 'sku-1,12.5,shirts,"Soft cotton.', 'Machine washable."', 'sku-2,8,"shirts', 'and tops","a', 'b', 'c"', 'sku-3,9,bags,plain'], '\r\n')),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION',
    rows: ['sku-1,12.5,shirts,"Soft cotton. Machine washable."', 'sku-2,8,"shirts and tops","a b c"', 'sku-3,9,bags,plain'],
    changes: ['multiline'],
    eol: '\r\n',
    joined: [3, 5, 6, 7],
  },
  {
    name: 'a stray quote that never closes, a join that would give the wrong column count: the first line rejected, the next lines read as records again (and fixed)',
    schema: 'items',
    bytes: Buffer.from(file(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', 'i1,1,a,"two', 'lines"', 'i2,2,b,"a stray quote', 'i3, 3 ,c,plain', 'i4,4,d,"joined it would have', 'one value too many",x', 'i5,5,e,ok', 'i6,6,f,"never closed'])),
    header: 'ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION',
    rows: ['i1,1,a,"two lines"', 'i3,3,c,plain', 'i5,5,e,ok'],
    rejects: [4, 6, 7, 9],
    changes: ['multiline', 'trimmed'],
    joined: [3],
  },
];
