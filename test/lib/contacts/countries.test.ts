import { countryCode, normalisedName } from '../../../lib/contacts/countries';

describe('countryCode', () => {
  it.each([
    ['US', 'US'],
    ['us', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['U.S.A.', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['Great Britain', 'GB'],
    ['England', 'GB'],
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['DEU', 'DE'],
    ['España', 'ES'],
    ['espana', 'ES'],
    ['Österreich', 'AT'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['Holland', 'NL'],
    ['The Netherlands', 'NL'],
    ['Brasil', 'BR'],
    ['México', 'MX'],
    ["Côte d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Trinidad & Tobago', 'TT'],
    ['  canada ', 'CA'],
    ['The Bahamas', 'BS'],
    ['UAE', 'AE'],
  ])('reads %j as %s', (input, code) => {
    expect(countryCode(input)).toBe(code);
  });

  it.each(['', '   ', 'Narnia', 'EU', 'ZZ', 'UN', 'XA', 'Europe', '12', 'United'])(
    'knows no country %j',
    (input) => {
      expect(countryCode(input)).toBeUndefined();
    },
  );

  it('ignores case, accents, dots and punctuation', () => {
    expect(normalisedName(' Côte  d’Ivoire. ')).toBe('cote d ivoire');
    expect(normalisedName('U.S.A.')).toBe('u s a');
  });
});
