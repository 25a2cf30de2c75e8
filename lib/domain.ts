// Domain vocabulary: codes are English in code, labels are Vietnamese in the interface
// (docs/domain.md has the glossary and sources). The codes are the database enums'
// (lib/generated/prisma/enums.ts): each list below is typed by its enum, and a test
// checks that it lists every value of it. Roles live with the permissions (lib/permissions.ts).
import type {
  AwardKind as AwardKindEnum,
  FundSource as FundSourceEnum,
  LearningModel as LearningModelEnum,
  RecipientGroup as RecipientGroupEnum,
  ReportStatus as ReportStatusEnum,
} from './generated/prisma/enums';

/** The five learning models (mô hình học tập), each counted per province. */
export const LEARNING_MODELS = ['FAMILY', 'CLAN', 'COMMUNITY', 'UNIT', 'CITIZEN'] as const satisfies readonly LearningModelEnum[];
export type LearningModel = (typeof LEARNING_MODELS)[number];

export const LEARNING_MODEL_LABELS: Record<LearningModel, string> = {
  FAMILY: 'Gia đình học tập',
  CLAN: 'Dòng họ học tập',
  COMMUNITY: 'Cộng đồng học tập',
  UNIT: 'Đơn vị học tập',
  CITIZEN: 'Công dân học tập',
};

/** What one unit of each model is: the thing being counted in total/registered/recognised. */
export const LEARNING_MODEL_UNITS: Record<LearningModel, string> = {
  FAMILY: 'hộ gia đình',
  CLAN: 'dòng họ',
  COMMUNITY: 'thôn, tổ dân phố',
  UNIT: 'đơn vị',
  CITIZEN: 'người',
};

/** Sources of the study-promotion fund (Quỹ khuyến học). */
export const FUND_SOURCES = ['ENTERPRISE', 'INDIVIDUAL', 'ORGANISATION', 'CLAN', 'OTHER'] as const satisfies readonly FundSourceEnum[];
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_LABELS: Record<FundSource, string> = {
  ENTERPRISE: 'Doanh nghiệp',
  INDIVIDUAL: 'Cá nhân',
  ORGANISATION: 'Tổ chức',
  CLAN: 'Dòng họ',
  OTHER: 'Nguồn khác',
};

/** Kinds of award paid from the fund. */
export const AWARD_KINDS = ['SCHOLARSHIP', 'SUPPORT', 'REWARD'] as const satisfies readonly AwardKindEnum[];
export type AwardKind = (typeof AWARD_KINDS)[number];

export const AWARD_KIND_LABELS: Record<AwardKind, string> = {
  SCHOLARSHIP: 'Học bổng',
  SUPPORT: 'Hỗ trợ',
  REWARD: 'Khen thưởng',
};

/** Groups of award recipients. */
export const RECIPIENT_GROUPS = [
  'EXCELLENT_STUDENT',
  'DISADVANTAGED_STUDENT',
  'TALENTED_WORKER',
  'LIFELONG_LEARNER',
] as const satisfies readonly RecipientGroupEnum[];
export type RecipientGroup = (typeof RECIPIENT_GROUPS)[number];

export const RECIPIENT_GROUP_LABELS: Record<RecipientGroup, string> = {
  EXCELLENT_STUDENT: 'Học sinh giỏi',
  DISADVANTAGED_STUDENT: 'Học sinh nghèo vượt khó',
  TALENTED_WORKER: 'Người lao động tài năng',
  LIFELONG_LEARNER: 'Học tập suốt đời, tự học thành tài',
};

/** Life cycle of a province report. */
export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const satisfies readonly ReportStatusEnum[];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: 'Bản nháp',
  SUBMITTED: 'Đã gửi',
  RETURNED: 'Bị trả lại',
  APPROVED: 'Đã duyệt',
};

/** Shown wherever a rate cannot be computed (zero or missing denominator). */
export const NO_DATA_LABEL = 'không có số liệu';
