/**
 * Validates a topic pack from anywhere (the shipped file, a user's import) and reports every problem
 * with a path a person can follow ("topics.1.aliases.uk.0"), never throwing.
 */
import * as v from 'valibot';
import { compileFully } from '../matcher/compile';
import { TopicPackSchema, type TopicPack } from './schema';
import { roleOn } from './people';

/** One problem in a pack: where it is (dot path, empty for the whole pack) and what is wrong. */
export interface PackIssue {
  path: string;
  message: string;
}

/** The result of `parsePack`: the typed pack, or every issue found. */
export type ParsePackResult = { ok: true; pack: TopicPack } | { ok: false; issues: PackIssue[] };

/**
 * Parses an untrusted value (already `JSON.parse`d) as a topic pack: the published schema
 * (`docs/topic-pack.md`) plus the checks a schema cannot express, such as every term compiling into
 * a pattern. Strings come back trimmed.
 */
export function parsePack(json: unknown): ParsePackResult {
  const result = v.safeParse(TopicPackSchema, json);
  if (!result.success) {
    return {
      ok: false,
      issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
    };
  }
  const issues = semanticIssues(result.output);
  return issues.length ? { ok: false, issues } : { ok: true, pack: result.output };
}

function semanticIssues(pack: TopicPack): PackIssue[] {
  const issues: PackIssue[] = [];
  pack.topics.forEach((topic, i) => {
    const { en = [], uk = [], ru = [] } = topic.aliases;
    if (en.length + uk.length + ru.length === 0) {
      issues.push({ path: `topics.${i}.aliases`, message: 'a topic needs at least one alias, or it can never be found' });
    }
  });
  issues.push(...quoteIssues(pack));
  if (issues.length) return issues;
  try {
    // The schema checks each term's syntax; this catches anything that still would not compile.
    compileFully(pack.topics);
  } catch (error) {
    issues.push({ path: 'topics', message: `the terms do not compile: ${(error as Error).message}` });
  }
  return issues;
}

/**
 * Each quote that names a person must name one of its topic's `people`, and one who held a role on
 * the quote's date (unless the quote gives its role in words): a popover never shows a role the
 * speaker did not hold that day.
 */
function quoteIssues(pack: TopicPack): PackIssue[] {
  const issues: PackIssue[] = [];
  pack.topics.forEach((topic, i) => {
    const ids = new Set<string>();
    topic.people?.forEach((person, j) => {
      if (ids.has(person.id)) issues.push({ path: `topics.${i}.people.${j}.id`, message: `the person id "${person.id}" is used more than once in this topic` });
      ids.add(person.id);
    });
    topic.quotes?.forEach((quote, j) => {
      if (!quote.person) return;
      const person = topic.people?.find((p) => p.id === quote.person);
      if (!person) {
        issues.push({ path: `topics.${i}.quotes.${j}.person`, message: `no person "${quote.person}" in this topic's people` });
      } else if (!roleOn(person, quote.date) && !quote.role) {
        issues.push({ path: `topics.${i}.quotes.${j}.person`, message: `no role of "${quote.person}" covers ${quote.date}` });
      }
    });
  });
  return issues;
}
