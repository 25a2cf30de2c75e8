import { describe, expect, it } from 'vitest';
import { HISTORY_FILE_LIMITS, REPORT_FILE_LIMITS, tooLargeMessage } from './upload-limits';

describe('tooLargeMessage', () => {
  it('says the size and the limit in vi-VN figures', () => {
    expect(tooLargeMessage(25 * 1024 * 1024, REPORT_FILE_LIMITS)).toMatch(/^Tệp quá lớn \(25 MB\); giới hạn là 2 MB\./);
    expect(tooLargeMessage(9.5 * 1024 * 1024, HISTORY_FILE_LIMITS)).toMatch(/^Tệp quá lớn \(9,5 MB\); giới hạn là 8 MB\./);
  });

  it('says “more than” when the size rounds to the limit itself', () => {
    expect(tooLargeMessage(REPORT_FILE_LIMITS.maxBytes + 1, REPORT_FILE_LIMITS)).toMatch(/^Tệp quá lớn \(hơn 2 MB\); giới hạn là 2 MB\./);
  });
});
