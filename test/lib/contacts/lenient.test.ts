/** lib/contacts/lenient.ts: the "If a Value Can't Be Used" choice, warnings and the one refusal. */
import { errors, type ZObject } from 'zapier-platform-core';
import { errorDetails } from '../../../lib/core/errors';
import {
  LEFT_OUT,
  leniently,
  lenientlyAsync,
  readUnusablePolicy,
  reasonOf,
  stopIfUnusable,
  unusableValueField,
  warningOf,
} from '../../../lib/contacts/lenient';

const z = { errors } as unknown as ZObject;
const invalid = (message: string) => new errors.Error(message, 'invalid_input');

describe('the "If a Value Can\'t Be Used" input', () => {
  it('offers saving without the value (the default) or stopping with an error', () => {
    expect(unusableValueField).toMatchObject({
      key: 'ifValueUnusable',
      label: "If a Value Can't Be Used",
      default: 'warn',
      required: false,
      choices: [
        { value: 'warn', label: 'Save the contact without it and list it in Warnings' },
        { value: 'stop', label: 'Stop with an error' },
      ],
    });
  });

  it.each([
    [undefined, 'warn'],
    ['', 'warn'],
    ['warn', 'warn'],
    ['stop', 'stop'],
    [' STOP ', 'stop'],
    ['Stop with an error', 'stop'],
    ['something else', 'warn'],
  ])('reads %j as %s', (value, policy) => {
    expect(readUnusablePolicy({ ifValueUnusable: value })).toBe(policy);
  });
});

describe('warnings', () => {
  it('a warning is the reason, then what happened; the reason alone can be read back', () => {
    const warning = warningOf('Email is not a valid email address (got "a@").');
    expect(warning).toBe(`Email is not a valid email address (got "a@"). ${LEFT_OUT}`);
    expect(reasonOf(warning)).toBe('Email is not a valid email address (got "a@").');
  });

  it('leniently names an unreadable value and leaves it out; without a list it fails', async () => {
    const warnings: string[] = [];
    expect(
      leniently(warnings, () => {
        throw invalid('Country "X" is unknown.');
      }),
    ).toBeUndefined();
    expect(
      await lenientlyAsync(warnings, async () => {
        throw invalid('Phone is bad.');
      }),
    ).toBeUndefined();
    expect(warnings).toEqual([`Country "X" is unknown. ${LEFT_OUT}`, `Phone is bad. ${LEFT_OUT}`]);
    expect(() =>
      leniently(undefined, () => {
        throw invalid('Phone is bad.');
      }),
    ).toThrow('Phone is bad.');
  });

  it('lets other failures through (a network error is not a bad value)', () => {
    const failure = new errors.Error('HighLevel is down', 'server_error');
    expect(() =>
      leniently([], () => {
        throw failure;
      }),
    ).toThrow(failure);
  });
});

describe('stopIfUnusable', () => {
  it('does nothing by default, or with nothing to report', () => {
    expect(() => stopIfUnusable(z, 'warn', [warningOf('A is bad')])).not.toThrow();
    expect(() => stopIfUnusable(z, 'stop', [])).not.toThrow();
  });

  it('stops naming every value, without what the default would have done', () => {
    try {
      stopIfUnusable(z, 'stop', [
        warningOf('A is bad'),
        warningOf('B is bad', 'The number was saved without it.'),
      ]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(errorDetails(error)).toEqual({
        code: 'invalid_input',
        message:
          'Nothing was saved: 2 values can\'t be used, and "If a Value Can\'t Be Used" is "Stop with an error". A is bad. B is bad.',
      });
    }
  });
});
