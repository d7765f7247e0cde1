import { LineCounter, parseDocument, type Scalar, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';
import { InputParseError } from './InputParseError';

const functions = ['Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform', 'Length', 'ToJsonString'];
const longName = (n: string) => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);

/** CloudFormation's short-form intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`…) mapped to their long forms. */
const customTags = functions.flatMap((n): unknown[] => [
  { tag: `!${n}`, resolve: (s: string) => ({ [longName(n)]: n === 'GetAtt' ? s.split('.') : s }) },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (s: YAMLSeq) => ({ [longName(n)]: s.toJSON() }) },
  { tag: `!${n}`, collection: 'map' as const, resolve: (s: YAMLMap) => ({ [longName(n)]: s.toJSON() }) },
]);

export interface LoadedTemplate {
  template: unknown;
  /** Line of each logical id under `Resources`. */
  lines: Map<string, number>;
}

export function loadTemplateYaml(text: string, source: string): LoadedTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: customTags as Tags, lineCounter, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    throw new InputParseError(source, pos ? `line ${pos.line}` : '$', `not valid YAML: ${problem.message.split('\n')[0]}`);
  }
  const lines = new Map<string, number>();
  const resources = doc.get('Resources', true) as YAMLMap | undefined;
  if (resources && Array.isArray((resources as YAMLMap).items)) {
    for (const pair of resources.items) {
      const key = pair.key as Scalar;
      if (key?.range) lines.set(String(key.value), lineCounter.linePos(key.range[0]).line);
    }
  }
  return { template: doc.toJS({ maxAliasCount: 100 }), lines };
}

export function jsonTemplateLines(text: string, logicalIds: string[]): Map<string, number> {
  const lines = new Map<string, number>();
  const start = text.indexOf('"Resources"');
  for (const id of logicalIds) {
    const at = text.indexOf(`"${id}"`, start < 0 ? 0 : start);
    if (at >= 0) lines.set(id, text.slice(0, at).split('\n').length);
  }
  return lines;
}
