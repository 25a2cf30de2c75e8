/**
 * Joins class names, skipping empty ones. Every utility a primitive uses is
 * written out whole in its source, so Tailwind's scanner finds it; never build
 * a class name from pieces.
 */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
