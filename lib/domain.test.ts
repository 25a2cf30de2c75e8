import { describe, expect, it } from 'vitest';
import {
  AWARD_KINDS,
  AWARD_KIND_LABELS,
  FUND_SOURCES,
  FUND_SOURCE_LABELS,
  LEARNING_MODELS,
  LEARNING_MODEL_LABELS,
  LEARNING_MODEL_UNITS,
  NO_DATA_LABEL,
  RECIPIENT_GROUPS,
  RECIPIENT_GROUP_LABELS,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  ROLES,
  ROLE_LABELS,
} from './domain';

// Labels are compared in NFC: a label typed with combining diacritics would look the same
// on screen but fail search and sorting.
function expectNfc(labels: Record<string, string>) {
  for (const label of Object.values(labels)) expect(label).toBe(label.normalize('NFC'));
}

describe('learning models', () => {
  it('lists the five models in the order of the report form', () => {
    expect(LEARNING_MODELS).toEqual(['FAMILY', 'CLAN', 'COMMUNITY', 'UNIT', 'CITIZEN']);
  });

  it('labels each model in Vietnamese', () => {
    expect(LEARNING_MODEL_LABELS).toEqual({
      FAMILY: 'Gia đình học tập',
      CLAN: 'Dòng họ học tập',
      COMMUNITY: 'Cộng đồng học tập',
      UNIT: 'Đơn vị học tập',
      CITIZEN: 'Công dân học tập',
    });
    expectNfc(LEARNING_MODEL_LABELS);
  });

  it('names what is counted for each model', () => {
    expect(LEARNING_MODEL_UNITS).toEqual({
      FAMILY: 'hộ gia đình',
      CLAN: 'dòng họ',
      COMMUNITY: 'thôn, tổ dân phố',
      UNIT: 'đơn vị',
      CITIZEN: 'người',
    });
    expectNfc(LEARNING_MODEL_UNITS);
  });
});

describe('fund sources', () => {
  it('lists and labels the sources', () => {
    expect(FUND_SOURCES).toEqual(['ENTERPRISE', 'INDIVIDUAL', 'ORGANISATION', 'CLAN', 'OTHER']);
    expect(FUND_SOURCE_LABELS).toEqual({
      ENTERPRISE: 'Doanh nghiệp',
      INDIVIDUAL: 'Cá nhân',
      ORGANISATION: 'Tổ chức',
      CLAN: 'Dòng họ',
      OTHER: 'Nguồn khác',
    });
    expectNfc(FUND_SOURCE_LABELS);
  });
});

describe('awards', () => {
  it('lists and labels award kinds', () => {
    expect(AWARD_KINDS).toEqual(['SCHOLARSHIP', 'SUPPORT', 'REWARD']);
    expect(AWARD_KIND_LABELS).toEqual({
      SCHOLARSHIP: 'Học bổng',
      SUPPORT: 'Hỗ trợ',
      REWARD: 'Khen thưởng',
    });
    expectNfc(AWARD_KIND_LABELS);
  });

  it('lists and labels recipient groups', () => {
    expect(RECIPIENT_GROUPS).toEqual([
      'EXCELLENT_STUDENT',
      'DISADVANTAGED_STUDENT',
      'TALENTED_WORKER',
      'LIFELONG_LEARNER',
    ]);
    expect(RECIPIENT_GROUP_LABELS).toEqual({
      EXCELLENT_STUDENT: 'Học sinh giỏi',
      DISADVANTAGED_STUDENT: 'Học sinh nghèo vượt khó',
      TALENTED_WORKER: 'Người lao động tài năng',
      LIFELONG_LEARNER: 'Học tập suốt đời, tự học thành tài',
    });
    expectNfc(RECIPIENT_GROUP_LABELS);
  });
});

describe('report statuses and roles', () => {
  it('lists and labels report statuses', () => {
    expect(REPORT_STATUSES).toEqual(['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED']);
    expect(REPORT_STATUS_LABELS).toEqual({
      DRAFT: 'Bản nháp',
      SUBMITTED: 'Đã gửi',
      RETURNED: 'Bị trả lại',
      APPROVED: 'Đã duyệt',
    });
    expectNfc(REPORT_STATUS_LABELS);
  });

  it('lists and labels roles', () => {
    expect(ROLES).toEqual(['PROVINCE_STAFF', 'CLUSTER_LEADER', 'CENTRAL', 'ADMIN']);
    expect(ROLE_LABELS).toEqual({
      PROVINCE_STAFF: 'Cán bộ tỉnh',
      CLUSTER_LEADER: 'Cụm trưởng',
      CENTRAL: 'Trung ương Hội',
      ADMIN: 'Quản trị viên',
    });
    expectNfc(ROLE_LABELS);
  });
});

describe('NO_DATA_LABEL', () => {
  it('is the Vietnamese "no data" text', () => {
    expect(NO_DATA_LABEL).toBe('không có số liệu');
    expect(NO_DATA_LABEL).toBe(NO_DATA_LABEL.normalize('NFC'));
  });
});
