import { describe, expect, it } from 'vitest';

import { formatBytes, formatSeconds } from './format';

describe('formatSeconds', () => {
  it('formats seconds as mm:ss', () => {
    expect(formatSeconds(0)).toBe('00:00');
    expect(formatSeconds(75.9)).toBe('01:15');
    expect(formatSeconds(3725)).toBe('1:02:05');
  });
});

describe('formatBytes', () => {
  it('picks a unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(undefined)).toBe('—');
  });
});
