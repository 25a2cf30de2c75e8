// Text as it arrives from browsers, scripts, pasted documents and spreadsheets, made safe to
// store and to show. Pure: the action and API wrappers (lib/http) apply it to every incoming
// string before any schema sees it, and the workbook and CSV readers (lib/excel) to every cell.
//
// What is removed, and why it is removed rather than refused:
// - NUL and the other C0/C1 control characters (tab, line feed and carriage return are kept).
//   PostgreSQL cannot store NUL in text or JSON at all (the save failed with a database error),
//   and no keyboard types the others: they come from copying out of PDFs and old software.
// - Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and
//   zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF). Vietnamese needs none of
//   them, and they make a name or a comment display differently from what it contains (an
//   override can show "cum3" for a name stored reversed; a zero-width space makes two equal-
//   looking names differ).
// Stripping is friendlier than refusing for narrative, explanations, comments and names: these
// characters arrive unseen in text pasted from Word, PDFs or chat apps, and the writer could
// not find them to delete them. For codes, e-mails and numbers stripping is safe too: what is
// left is what the reader saw, and their own regex or zod checks still refuse anything else.
// Text is also put in NFC: some Vietnamese keyboards type a letter and its tone mark as two
// characters ("e" + U+0301), which would otherwise compare and sort unlike the same word typed
// as one ("é").
//
// Passwords are the exception (see isSecretField): they are compared with what the user types
// at sign-in, which does not pass through these wrappers, so they are left exactly as typed.

/** Characters never kept in incoming text. */
const INVISIBLE_CONTROLS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The text without NUL, control, bidirectional or zero-width characters, in NFC. */
export function cleanText(text: string): string {
  // Stripped first, then normalised: a combining mark separated from its letter by a zero-width
  // character composes with it once that character is gone.
  return text.replace(INVISIBLE_CONTROLS, '').normalize('NFC');
}

/** A form or JSON field holding a password, left as typed (see the note above). */
export function isSecretField(key: string): boolean {
  return /password/i.test(key);
}

/**
 * Every string in a parsed JSON value, keys included, cleaned with cleanText; other values as
 * they are. A string under a secret field (isSecretField) is kept as it is.
 */
export function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    // fromEntries defines properties, so a "__proto__" key stays a key and never sets the prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [cleanText(key), isSecretField(key) && typeof v === 'string' ? v : cleanJson(v)]),
    );
  }
  return value;
}

/**
 * A submitted form with every text field cleaned (cleanText, keys included), and every file's
 * name (it is recorded with the figures read from it); file contents and passwords as they are.
 */
export function cleanFormData(formData: FormData): FormData {
  const out = new FormData();
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string') out.append(cleanText(key), isSecretField(key) ? value : cleanText(value));
    else {
      const name = cleanText(value.name);
      out.append(cleanText(key), name === value.name ? value : new File([value], name, { type: value.type, lastModified: value.lastModified }));
    }
  }
  return out;
}
