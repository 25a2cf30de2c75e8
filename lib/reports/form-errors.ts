// What the report form lists at its top when a save or a submission is refused: each wrong
// field by its name in the catalogue, with what is wrong, in the order of the form, so that the
// first entry is the first field to fix. Pure.

import { REPORT_FIELD_BY_PATH, REPORT_FIELDS } from './fields';

export type FormErrorItem = {
  /** The key of the error as the action gave it. */
  key: string;
  /** The catalogue path of the figure, when the error is about one. */
  field: string | null;
  /** The rule id of a warning whose explanation is missing. */
  explanation: string | null;
  /** What the entry names: the figure's label, or what the error is about. */
  label: string;
  /** What is wrong, without the label the messages repeat. */
  messages: string[];
};

const ORDER = new Map(REPORT_FIELDS.map((f, i) => [f.path, i]));
const EXPLANATION = 'explanations.';

/**
 * One entry per wrong field from an action's field errors. The schema keys a figure
 * "data.<path>" and the submission checks "<path>": both are the same input. Errors about the
 * report as a whole come first, then the figures in form order, then the explanations.
 */
export function reportFormErrors(fieldErrors: Record<string, readonly string[] | undefined>): FormErrorItem[] {
  const byKey = new Map<string, FormErrorItem & { rank: number }>();
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if (!messages?.length) continue;
    const path = key.startsWith('data.') ? key.slice('data.'.length) : key;
    const field = REPORT_FIELD_BY_PATH.get(path);
    const ruleId = path.startsWith(EXPLANATION) ? path.slice(EXPLANATION.length) : null;
    const label = field?.label ?? (ruleId ? 'Giải trình cảnh báo' : 'Báo cáo');
    const item = byKey.get(path) ?? {
      key,
      field: field ? path : null,
      explanation: ruleId,
      label,
      messages: [],
      rank: field ? ORDER.get(path)! : ruleId ? REPORT_FIELDS.length : -1,
    };
    for (const m of messages) {
      const text = m.startsWith(`${label}: `) ? m.slice(label.length + 2) : m;
      if (!item.messages.includes(text)) item.messages.push(text);
    }
    byKey.set(path, item);
  }
  return [...byKey.values()]
    .sort((a, b) => a.rank - b.rank)
    .map((i) => ({ key: i.key, field: i.field, explanation: i.explanation, label: i.label, messages: i.messages }));
}
