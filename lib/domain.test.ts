import { describe, expect, it } from 'vitest';
import * as Enums from './generated/prisma/enums';
import {
  AWARD_KIND_LABELS,
  AWARD_KINDS,
  FUND_SOURCE_LABELS,
  FUND_SOURCES,
  LEARNING_MODEL_LABELS,
  LEARNING_MODEL_UNITS,
  LEARNING_MODELS,
  NO_DATA_LABEL,
  RECIPIENT_GROUP_LABELS,
  RECIPIENT_GROUPS,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
} from './domain';
import { ROLE_LABELS, ROLES } from './permissions';

// The code lists drive forms, tables and exports: a value the database knows but a list
// forgets would be silently left out of every one of them.
describe('code lists match the database enums', () => {
  it.each([
    ['LearningModel', LEARNING_MODELS, Enums.LearningModel],
    ['FundSource', FUND_SOURCES, Enums.FundSource],
    ['AwardKind', AWARD_KINDS, Enums.AwardKind],
    ['RecipientGroup', RECIPIENT_GROUPS, Enums.RecipientGroup],
    ['ReportStatus', REPORT_STATUSES, Enums.ReportStatus],
    ['Role', ROLES, Enums.Role],
  ] as const)('%s', (_name, list, enumObject) => {
    expect([...list].sort()).toEqual(Object.values(enumObject).sort());
  });
});

// Labels are compared in NFC: a label typed with combining diacritics would look the same
// on screen but fail search and sorting.
describe('labels', () => {
  it.each([
    ['learning models', LEARNING_MODEL_LABELS],
    ['learning model units', LEARNING_MODEL_UNITS],
    ['fund sources', FUND_SOURCE_LABELS],
    ['award kinds', AWARD_KIND_LABELS],
    ['recipient groups', RECIPIENT_GROUP_LABELS],
    ['report statuses', REPORT_STATUS_LABELS],
    ['roles', ROLE_LABELS],
    ['no data', { NO_DATA: NO_DATA_LABEL }],
  ] as const)('%s are non-empty, distinct and in NFC', (_name, labels) => {
    const values = Object.values(labels) as string[];
    for (const label of values) {
      expect(label.trim()).not.toBe('');
      expect(label).toBe(label.normalize('NFC'));
    }
    expect(new Set(values).size).toBe(values.length);
  });
});
