/** IAM glob matching: `*` is any run of characters, `?` is one character. */

export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;

function globToRegExp(pattern: string, flags: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, flags);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function startsWithIgnoringAsciiCase(value: string, prefix: string): boolean {
  if (value.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = value.charCodeAt(i);
    const b = prefix.charCodeAt(i);
    if (a === b) continue;
    const lower = a | 32;
    if (lower !== (b | 32) || lower < 97 || lower > 122) return false;
  }
  return true;
}

function compileGlob(pattern: string, flags: string): Matcher {
  if (pattern === '*') return always;
  if (!/[*?]/.test(pattern)) {
    if (flags.includes('i')) {
      const lower = pattern.toLowerCase();
      return value => value.toLowerCase() === lower;
    }
    return value => value === pattern;
  }
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    // `prefix*`, the commonest shape (`arn:aws:s3:::bucket/*`, `s3:Get*`): a prefix test.
    const prefix = pattern.slice(0, -1);
    if (!flags.includes('i')) return value => value.startsWith(prefix);
    // ASCII letters compare case-insensitively exactly as the `i` flag does (no Unicode folding).
    if (isAscii(prefix)) return value => startsWithIgnoringAsciiCase(value, prefix);
  }
  const re = globToRegExp(pattern, flags);
  return value => re.test(value);
}

const actionCache = new Map<string, Matcher>();
const resourceCache = new Map<string, Matcher>();

/** Action names are case-insensitive. */
export function compileActionPattern(pattern: string): Matcher {
  let m = actionCache.get(pattern);
  if (!m) {
    m = pattern === '*:*' ? always : compileGlob(pattern, 'is');
    actionCache.set(pattern, m);
  }
  return m;
}

/** Resource ARNs are case-sensitive. */
export function compileResourcePattern(pattern: string): Matcher {
  let m = resourceCache.get(pattern);
  if (!m) {
    m = compileGlob(pattern, 's');
    resourceCache.set(pattern, m);
  }
  return m;
}

export const hasWildcard = (pattern: string) => /[*?]/.test(pattern);

/**
 * Whether every value `inner` can match is also matched by `outer`: `outer` matches the
 * text of `inner` with inner's wildcards taken literally, and no inner wildcard is consumed
 * by a literal or `?` of outer.
 */
export function patternCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (!hasWildcard(inner)) return compileResourcePattern(outer)(inner);
  // Replace inner wildcards with a marker that only outer's `*` may swallow.
  const marker = '\u0000';
  const probe = inner.replace(/[*?]/g, marker);
  const m = compileResourcePattern(outer);
  if (!m(probe)) return false;
  // A literal match of the marker is impossible, so the marker was consumed by `*` or `?`.
  return !outer.includes('?');
}

/** Substitutes the policy variables whose values are known for a principal; unknown ones become `*`. */
export function substitutePolicyVariables(pattern: string, vars: Record<string, string | undefined>): string {
  if (!pattern.includes('${')) return pattern;
  return pattern.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === '*') return '*';
    if (name === '?') return '?';
    if (name === '$') return '$';
    const value = vars[name.toLowerCase()];
    return value ?? '*';
  });
}
