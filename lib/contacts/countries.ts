/**
 * Country names and common spellings → the ISO 3166-1 alpha-2 code HighLevel stores (contacts.json
 * `country`, e.g. "US"; docs/ACTIONS.md §5). Forms often send "United States", "U.S.A.", "UK" or
 * "Deutschland": those are read, not refused.
 *
 * The names come from the runtime's CLDR data (Intl.DisplayNames, in the languages below) plus a table of
 * spellings CLDR does not give (abbreviations, alpha-3 codes, old and informal names). Built on first use.
 */

/** Region codes CLDR names that are not ISO 3166-1 countries (groupings, pseudo-regions, old codes). */
const NOT_COUNTRIES = new Set(
  'AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TP UK UN VD XA XB YD YU ZR ZZ'.split(' '),
);

/** Languages whose country names are read (a lead form's language is rarely the sub-account's). */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'nb', 'pl'];

/** Spellings CLDR does not give. Keys are compared after `normalisedName`. */
const ALIASES: Record<string, string> = {
  // United States
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  'the us': 'US',
  'estados unidos de america': 'US',
  // United Kingdom
  uk: 'GB',
  'u k': 'GB',
  gbr: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'united kingdom of great britain and northern ireland': 'GB',
  // Frequent alpha-3 codes and short forms
  can: 'CA',
  aus: 'AU',
  deu: 'DE',
  ger: 'DE',
  fra: 'FR',
  esp: 'ES',
  ita: 'IT',
  nld: 'NL',
  irl: 'IE',
  nzl: 'NZ',
  mex: 'MX',
  bra: 'BR',
  ind: 'IN',
  chn: 'CN',
  jpn: 'JP',
  zaf: 'ZA',
  che: 'CH',
  aut: 'AT',
  bel: 'BE',
  swe: 'SE',
  nor: 'NO',
  dnk: 'DK',
  fin: 'FI',
  prt: 'PT',
  pol: 'PL',
  uae: 'AE',
  'u a e': 'AE',
  are: 'AE',
  phl: 'PH',
  sgp: 'SG',
  // Informal and older names
  holland: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'russian federation': 'RU',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  'cote d ivoire': 'CI',
  burma: 'MM',
  'east timor': 'TL',
  swaziland: 'SZ',
  'cape verde': 'CV',
  macedonia: 'MK',
  turkey: 'TR',
  turkiye: 'TR',
  vietnam: 'VN',
  'viet nam': 'VN',
  'hong kong sar': 'HK',
  'macau sar': 'MO',
  taiwan: 'TW',
  'vatican city': 'VA',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'dr congo': 'CD',
  drc: 'CD',
  'democratic republic of the congo': 'CD',
  'republic of the congo': 'CG',
  'puerto rico usa': 'PR',
  'saint kitts and nevis': 'KN',
  'saint lucia': 'LC',
  'saint vincent and the grenadines': 'VC',
  'trinidad tobago': 'TT',
  bosnia: 'BA',
  'bosnia herzegovina': 'BA',
};

/** Case, accents, dots and punctuation do not matter: "U.S.", "u s" and "US" read alike. */
export const normalisedName = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');

let table: Map<string, string> | undefined;

const buildTable = (): Map<string, string> => {
  const names = new Map<string, string>();
  const codes: string[] = [];
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (!NOT_COUNTRIES.has(code) && english.of(code) !== undefined) codes.push(code);
    }
  }
  for (const language of NAME_LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = display.of(code);
      if (!name) continue;
      // The first language to name a spelling keeps it (English first), so a clash never flips a code.
      const key = normalisedName(name);
      if (!names.has(key)) names.set(key, code);
      // "Congo - Kinshasa", "Myanmar (Burma)": the part before the qualifier alone is not unique; skip.
    }
  }
  for (const code of codes) names.set(code.toLowerCase(), code);
  for (const [alias, code] of Object.entries(ALIASES)) names.set(alias, code);
  return names;
};

/** The ISO 3166-1 alpha-2 code of a country name, spelling or code; undefined when it is none of them. */
export const countryCode = (value: string): string | undefined => {
  const key = normalisedName(value);
  if (key === '') return undefined;
  table ??= buildTable();
  return table.get(key) ?? table.get(key.replace(/^the /, ''));
};
