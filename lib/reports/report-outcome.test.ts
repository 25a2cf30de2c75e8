import { describe, expect, it } from 'vitest';
import { outcomeMessage, reportPagePath } from './report-outcome';

const at = new Date('2026-11-20T03:05:00Z'); // 10:05 in Vietnam

describe('report outcome', () => {
  it('names the page and what was done', () => {
    expect(reportPagePath({ provinceCode: '33', periodCode: '2026S2' })).toBe('/bao-cao/33/2026S2');
    expect(reportPagePath({ provinceCode: '33', periodCode: '2026S2' }, 'da-gui')).toBe('/bao-cao/33/2026S2?ket-qua=da-gui');
  });

  it('says what was done, with the time, when the report bears it out', () => {
    expect(outcomeMessage('da-gui', { status: 'SUBMITTED', submittedAt: at, approvedAt: null })).toMatch(/^Đã gửi báo cáo tới cụm trưởng lúc 20\/11\/2026 10:05\./);
    expect(outcomeMessage('da-duyet', { status: 'APPROVED', submittedAt: at, approvedAt: at })).toMatch(/^Đã duyệt báo cáo lúc 20\/11\/2026 10:05\./);
    expect(outcomeMessage('da-tra-lai', { status: 'RETURNED', submittedAt: at, approvedAt: null })).toMatch(/^Đã trả lại báo cáo cho tỉnh/);
  });

  it('claims nothing the report does not show, nor for an unknown or repeated parameter', () => {
    expect(outcomeMessage('da-duyet', { status: 'SUBMITTED', submittedAt: at, approvedAt: null })).toBeNull();
    expect(outcomeMessage('da-gui', null)).toBeNull();
    expect(outcomeMessage('toString', { status: 'SUBMITTED', submittedAt: at, approvedAt: null })).toBeNull();
    expect(outcomeMessage(['da-gui', 'da-gui'], { status: 'SUBMITTED', submittedAt: at, approvedAt: null })).toBeNull();
  });
});
