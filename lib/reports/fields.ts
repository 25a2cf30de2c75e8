// The one catalogue of report figures. The zod schema (report-data.ts), the validation rules,
// the form, the audit diff, the API documentation and the Excel templates all derive from
// this list, so a figure is named, typed and labelled in exactly one place.
//
// A path is the dot path of the figure in ReportData ("models.FAMILY.registered"), which is
// also the name of its form input and the key of its error in fieldErrorsOf().

import {
  AWARD_KINDS,
  AWARD_KIND_LABELS,
  FUND_SOURCES,
  FUND_SOURCE_LABELS,
  LEARNING_MODELS,
  LEARNING_MODEL_LABELS,
  LEARNING_MODEL_UNITS,
  RECIPIENT_GROUPS,
  RECIPIENT_GROUP_LABELS,
} from '../domain';

/** count: whole number of units/people; amount: whole VND (bigint); text: free narrative. */
export type FieldKind = 'count' | 'amount' | 'text';
export type ReportSection = 'models' | 'fund' | 'awards' | 'membership' | 'centres' | 'narrative';

export type ReportField = {
  path: string;
  section: ReportSection;
  kind: FieldKind;
  /** Names the figure on its own, e.g. in an error message or the audit log. */
  label: string;
  /** Names the figure inside its group (a table column, an input under a heading). */
  shortLabel: string;
  /** Required for submission (a draft may leave any figure empty). */
  required: boolean;
  help?: string;
};

/** Sections in the order of the report form. */
export const REPORT_SECTIONS: readonly ReportSection[] = [
  'models',
  'fund',
  'awards',
  'membership',
  'centres',
  'narrative',
];

export const SECTION_LABELS: Record<ReportSection, string> = {
  models: 'Mô hình học tập',
  fund: 'Quỹ khuyến học',
  awards: 'Học bổng, hỗ trợ, khen thưởng',
  membership: 'Hội viên, chi hội',
  centres: 'Trung tâm học tập cộng đồng',
  narrative: 'Đánh giá chung',
};

/** The three figures of each learning model, in form order. */
export const MODEL_FIGURE_KEYS = ['total', 'registered', 'recognised'] as const;
export type ModelFigureKey = (typeof MODEL_FIGURE_KEYS)[number];

// Labels from lib/domain start with a capital; inside a label they follow a dash.
function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

const AMOUNT_HELP = 'Tính bằng đồng, số nguyên.';

function modelFields(): ReportField[] {
  return LEARNING_MODELS.flatMap((model) => {
    const name = LEARNING_MODEL_LABELS[model];
    const unit = LEARNING_MODEL_UNITS[model];
    const base = { section: 'models' as const, kind: 'count' as const, required: true };
    return [
      {
        ...base,
        path: `models.${model}.total`,
        label: `${name} – tổng số (${unit})`,
        shortLabel: 'Tổng số',
        help: `Tổng số ${unit} trên địa bàn tỉnh tại thời điểm báo cáo.`,
      },
      {
        ...base,
        path: `models.${model}.registered`,
        label: `${name} – đã đăng ký`,
        shortLabel: 'Đã đăng ký',
        help: `Số ${unit} đã đăng ký phấn đấu đạt danh hiệu “${name}”.`,
      },
      {
        ...base,
        path: `models.${model}.recognised`,
        label: `${name} – đạt danh hiệu`,
        shortLabel: 'Đạt danh hiệu',
        help: `Số ${unit} được công nhận danh hiệu “${name}”.`,
      },
    ];
  });
}

function fundFields(): ReportField[] {
  const base = { section: 'fund' as const, kind: 'amount' as const, required: true };
  return [
    {
      ...base,
      path: 'fund.opening',
      label: 'Quỹ – số dư đầu kỳ',
      shortLabel: 'Số dư đầu kỳ',
      help: `Số dư quỹ khuyến học đầu kỳ báo cáo. ${AMOUNT_HELP}`,
    },
    ...FUND_SOURCES.map((source) => ({
      ...base,
      path: `fund.mobilised.${source}`,
      label: `Quỹ – vận động từ ${lowerFirst(FUND_SOURCE_LABELS[source])}`,
      shortLabel: FUND_SOURCE_LABELS[source],
      help: `Số tiền vận động được trong kỳ. ${AMOUNT_HELP}`,
    })),
    {
      ...base,
      path: 'fund.spent',
      label: 'Quỹ – đã chi trong kỳ',
      shortLabel: 'Đã chi',
      help: `Tổng số tiền đã chi từ quỹ trong kỳ. ${AMOUNT_HELP}`,
    },
    {
      ...base,
      path: 'fund.closing',
      label: 'Quỹ – số dư cuối kỳ',
      shortLabel: 'Số dư cuối kỳ',
      help: `Phải bằng số dư đầu kỳ + vận động trong kỳ − đã chi. ${AMOUNT_HELP}`,
    },
  ];
}

function awardFields(): ReportField[] {
  return AWARD_KINDS.flatMap((kind) =>
    RECIPIENT_GROUPS.flatMap((group) => {
      const name = `${AWARD_KIND_LABELS[kind]} – ${lowerFirst(RECIPIENT_GROUP_LABELS[group])}`;
      return [
        {
          path: `awards.${kind}.${group}.recipients`,
          section: 'awards' as const,
          kind: 'count' as const,
          label: `${name} – số người nhận`,
          shortLabel: 'Số người nhận',
          required: true,
          help: 'Số lượt người nhận trong kỳ.',
        },
        {
          path: `awards.${kind}.${group}.amount`,
          section: 'awards' as const,
          kind: 'amount' as const,
          label: `${name} – số tiền (đồng)`,
          shortLabel: 'Số tiền (đồng)',
          required: true,
          help: `Tổng số tiền trao trong kỳ. ${AMOUNT_HELP}`,
        },
      ];
    }),
  );
}

function simpleFields(): ReportField[] {
  const count = { kind: 'count' as const, required: true };
  return [
    {
      ...count,
      section: 'membership',
      path: 'membership.members',
      label: 'Số hội viên',
      shortLabel: 'Hội viên',
      help: 'Tổng số hội viên tại thời điểm báo cáo.',
    },
    {
      ...count,
      section: 'membership',
      path: 'membership.newMembers',
      label: 'Hội viên mới kết nạp',
      shortLabel: 'Hội viên mới',
      help: 'Số hội viên kết nạp trong kỳ (đã tính trong tổng số hội viên).',
    },
    { ...count, section: 'membership', path: 'membership.branches', label: 'Số chi hội', shortLabel: 'Chi hội' },
    {
      ...count,
      section: 'centres',
      path: 'centres.centres',
      label: 'Số trung tâm học tập cộng đồng',
      shortLabel: 'Trung tâm',
    },
    { ...count, section: 'centres', path: 'centres.classes', label: 'Số lớp học', shortLabel: 'Lớp học' },
    {
      ...count,
      section: 'centres',
      path: 'centres.learners',
      label: 'Số lượt người học',
      shortLabel: 'Lượt người học',
    },
    {
      section: 'narrative',
      kind: 'text',
      path: 'narrative.results',
      label: 'Kết quả đạt được',
      shortLabel: 'Kết quả',
      required: true,
    },
    {
      section: 'narrative',
      kind: 'text',
      path: 'narrative.limitations',
      label: 'Hạn chế',
      shortLabel: 'Hạn chế',
      required: false,
    },
    {
      section: 'narrative',
      kind: 'text',
      path: 'narrative.plan',
      label: 'Phương hướng 6 tháng tới',
      shortLabel: 'Phương hướng',
      required: false,
    },
  ];
}

/** Every figure of a report, in form order (sections in REPORT_SECTIONS order). */
export const REPORT_FIELDS: readonly ReportField[] = Object.freeze(
  [...modelFields(), ...fundFields(), ...awardFields(), ...simpleFields()].map((f) => Object.freeze(f)),
);

export const REPORT_FIELD_BY_PATH: ReadonlyMap<string, ReportField> = new Map(
  REPORT_FIELDS.map((f) => [f.path, f]),
);

/**
 * Labels of the groups above the figures (every proper prefix of a field path):
 * "models" → "Mô hình học tập", "models.FAMILY" → "Gia đình học tập",
 * "awards.SCHOLARSHIP.EXCELLENT_STUDENT" → "Học bổng – học sinh giỏi". Used for form headings
 * and for errors about a whole group (e.g. an API body sending an array instead of an object).
 */
export const REPORT_GROUP_LABELS: ReadonlyMap<string, string> = new Map<string, string>([
  ...REPORT_SECTIONS.map((s): [string, string] => [s, SECTION_LABELS[s]]),
  ...LEARNING_MODELS.map((m): [string, string] => [`models.${m}`, LEARNING_MODEL_LABELS[m]]),
  ['fund.mobilised', 'Quỹ – vận động trong kỳ'],
  ...AWARD_KINDS.map((k): [string, string] => [`awards.${k}`, AWARD_KIND_LABELS[k]]),
  ...AWARD_KINDS.flatMap((k) =>
    RECIPIENT_GROUPS.map((g): [string, string] => [
      `awards.${k}.${g}`,
      `${AWARD_KIND_LABELS[k]} – ${lowerFirst(RECIPIENT_GROUP_LABELS[g])}`,
    ]),
  ),
]);

/** The catalogue entry of a path; throws on an unknown path (a typo in code, not user input). */
export function reportField(path: string): ReportField {
  const field = REPORT_FIELD_BY_PATH.get(path);
  if (!field) throw new RangeError(`Unknown report field path: ${path}`);
  return field;
}
