import { EntryMatcher, planPhotos, PlannedFile } from './photo-matching';
import { displayName, isClutter, nameParts, numbered, titleKey, zipEntryName } from './photo-names';

const ENTRIES = [
  { id: 'e1', code: 'TC-01-4821', title: '坭兴陶茶具' },
  { id: 'e2', code: 'TC-01-0007', title: '绣球' },
  { id: 'e3', code: null, title: '绣球' },
  { id: 'e4', code: null, title: 'Bamboo Basket: Large' },
  { id: 'e5', code: 'BZ-01-0100', title: '竹编-2' },
  { id: 'e6', code: null, title: '竹编' },
];

describe('bulk photo names', () => {
  it.each([
    ['../../etc/passwd.jpg', 'etc/passwd.jpg'],
    ['/abs/path/a.jpg', 'abs/path/a.jpg'],
    ['C:\\Users\\张\\照片\\TC-01-4821.JPG', 'C:/Users/张/照片/TC-01-4821.JPG'],
    ['a/./b//c\u0000\u0007.jpg', 'a/b/c.jpg'],
    ['  spaced name .jpg ', 'spaced name .jpg'],
  ])('shows %j as %j: never a path that climbs or starts at the root', (raw, shown) => {
    expect(displayName(raw)).toBe(shown);
  });

  it('keeps at most 300 characters, the end of the name', () => {
    const long = `${'目'.repeat(400)}/TC-01-4821.jpg`;
    expect([...displayName(long)]).toHaveLength(300);
    expect(displayName(long).endsWith('/TC-01-4821.jpg')).toBe(true);
  });

  it.each([
    ['__MACOSX/._TC-01-4821.jpg', true],
    ['photos/._TC-01-4821.jpg', true],
    ['.DS_Store', true],
    ['card/Thumbs.db', true],
    ['.hidden/TC-01-4821.jpg', true],
    ['card/DCIM/TC-01-4821.jpg', false],
  ])('%j is clutter: %s', (name, clutter) => {
    expect(isClutter(name)).toBe(clutter);
  });

  it('reads a ZIP name as UTF-8 when flagged or valid, else as GBK (Chinese Windows)', () => {
    const latin1 = (bytes: Buffer) => bytes.toString('latin1');
    const utf8 = Buffer.from('坭兴陶茶具.jpg', 'utf8');
    // 坭兴陶茶具 in GBK, as Windows Explorer on a Chinese system names it in a ZIP
    const gbk = Buffer.from('dbe8d0cbccd5b2e8bedf2e6a7067', 'hex');
    // flagged: zip-directory.ts decoded it already
    expect(zipEntryName('坭兴陶茶具.jpg', 0x800)).toBe('坭兴陶茶具.jpg');
    expect(zipEntryName(latin1(utf8), 0)).toBe('坭兴陶茶具.jpg');
    expect(zipEntryName(latin1(gbk), 0)).toBe('坭兴陶茶具.jpg');
    expect(zipEntryName('TC-01-4821.jpg', 0)).toBe('TC-01-4821.jpg');
  });

  it.each([
    ['TC-01-4821-2', { key: 'TC-01-4821', n: 2 }],
    ['TC-01-4821_3', { key: 'TC-01-4821', n: 3 }],
    ['坭兴陶茶具 (2)', { key: '坭兴陶茶具', n: 2 }],
    ['坭兴陶茶具（12）', { key: '坭兴陶茶具', n: 12 }],
    ['坭兴陶茶具 4', { key: '坭兴陶茶具', n: 4 }],
    ['TC-01-4821-0', null],
    ['TC-01-4821-100', null],
    ['坭兴陶茶具', null],
  ])('reads %j as %j', (stem, expected) => {
    expect(numbered(stem)).toEqual(expected);
  });

  it('splits a name into its stem and nearest folder', () => {
    expect(nameParts('card/TC-01-4821/2.jpeg')).toEqual({ stem: '2', folder: 'TC-01-4821' });
    expect(nameParts('TC-01-4821.tar.jpg')).toEqual({ stem: 'TC-01-4821.tar', folder: null });
    expect(nameParts('.jpg')).toEqual({ stem: '.jpg', folder: null });
  });

  it('compares titles without case, spaces, full-width forms or characters Windows forbids', () => {
    expect(titleKey('Bamboo Basket: Large')).toBe(titleKey('bamboo basket large'));
    expect(titleKey('ＡＢＣ　１２３')).toBe('abc123');
    expect(titleKey('竹编_茶盘')).toBe(titleKey('竹编 茶盘'));
  });
});

describe('matching files to entries', () => {
  const matcher = new EntryMatcher(ENTRIES);

  it.each([
    ['TC-01-4821.jpg', { entryId: 'e1', by: 'CODE', n: 1 }],
    ['tc-01-4821.JPG', { entryId: 'e1', by: 'CODE', n: 1 }],
    ['DCIM/TC-01-4821-2.jpg', { entryId: 'e1', by: 'CODE', n: 2 }],
    ['坭兴陶茶具.png', { entryId: 'e1', by: 'TITLE', n: 1 }],
    ['坭兴陶茶具（3）.webp', { entryId: 'e1', by: 'TITLE', n: 3 }],
    ['bamboo basket large.jpg', { entryId: 'e4', by: 'TITLE', n: 1 }],
    ['TC-01-0007/IMG_0042.jpg', { entryId: 'e2', by: 'FOLDER', n: 1 }],
    ['坭兴陶茶具/2.jpg', { entryId: 'e1', by: 'FOLDER', n: 2 }],
    // a whole title wins over a number: 竹编-2 is an entry of its own
    ['竹编-2.jpg', { entryId: 'e5', by: 'TITLE', n: 1 }],
    ['竹编-3.jpg', { entryId: 'e6', by: 'TITLE', n: 3 }],
  ])('%s is a photo of its entry', (name, expected) => {
    expect(matcher.match(name)).toEqual({ kind: 'MATCHED', ...expected });
  });

  it('a title two entries share is AMBIGUOUS, with both; the exhibit code is not', () => {
    expect(matcher.match('绣球.jpg')).toEqual({ kind: 'AMBIGUOUS', candidates: ['e2', 'e3'] });
    expect(matcher.match('绣球 (2).jpg')).toEqual({ kind: 'AMBIGUOUS', candidates: ['e2', 'e3'] });
    expect(matcher.match('TC-01-0007.jpg')).toMatchObject({ kind: 'MATCHED', entryId: 'e2' });
  });

  it.each(['IMG_0042.jpg', 'TC-01-9999.jpg', 'TC-01-4821x.jpg', 'other/IMG_1.jpg'])(
    '%s is UNMATCHED',
    (name) => {
      expect(matcher.match(name)).toEqual({ kind: 'UNMATCHED' });
    },
  );

  it('knows its entries (a person may only choose one of them)', () => {
    expect(matcher.has('e3')).toBe(true);
    expect(matcher.has('e9')).toBe(false);
  });
});

describe('planning where matched photos go', () => {
  const file = (id: string, entryId: string, n: number, sha256 = id): PlannedFile => ({
    id,
    name: `${id}.jpg`,
    sha256,
    entryId,
    n,
  });

  it('fills each entry after its last photo, in photo-number order, up to the limit', () => {
    const files = Array.from({ length: 10 }, (_, i) => file(`f${10 - i}`, 'e1', 10 - i));
    const plans = planPhotos(files, () => ({ count: 0, lastPosition: 0, sha256s: new Set() }), 8);
    for (let n = 1; n <= 8; n++) {
      expect(plans.get(`f${n}`)).toEqual({ state: 'MATCHED', position: n });
    }
    expect(plans.get('f9')).toEqual({ state: 'NO_ROOM', limit: 8 });
    expect(plans.get('f10')).toEqual({ state: 'NO_ROOM', limit: 8 });
  });

  it('counts the photos the entry has, and knows the bytes it has already', () => {
    const plans = planPhotos(
      [file('a', 'e1', 1), file('b', 'e1', 2, 'old'), file('c', 'e1', 3), file('d', 'e2', 1)],
      (entryId) =>
        entryId === 'e1'
          ? { count: 6, lastPosition: 9, sha256s: new Set(['old']) }
          : { count: 0, lastPosition: 0, sha256s: new Set() },
      7,
    );
    expect(plans.get('a')).toEqual({ state: 'MATCHED', position: 10 });
    expect(plans.get('b')).toEqual({ state: 'ALREADY_THERE' });
    expect(plans.get('c')).toEqual({ state: 'NO_ROOM', limit: 7 });
    expect(plans.get('d')).toEqual({ state: 'MATCHED', position: 1 });
  });
});
