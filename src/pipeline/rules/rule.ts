/**
 * A rule of the course and quiz stages, as data: what it is called, why it exists, and the examples it must
 * catch and the look-alikes it must let through. Each family of rules (the sentences a summary may show, key
 * terms, objectives, quiz items, the English tagger's corrections) keeps its rules in an ordered list that the
 * stage runs as it stands, first match first; `test/pipeline/rules.test.ts` runs every example of every rule.
 *
 * Glossary:
 * - **reject**: an example the rule catches (a sentence it keeps out of a summary, a term it refuses, a tag it
 *   corrects); taken from real documents where possible, with the document named in `why` or a comment.
 * - **keep**: a look-alike the rule must leave alone (a sentence that stands, a term that is one, a tag that
 *   is right): each says where the rule's edge is.
 * - **family**: rules judged on the same kind of input; the family says how an example becomes that input.
 */

export interface Rule<Example = string> {
  /** Stable name, `family/what-it-catches`, kebab case: findings and tests refer to it. */
  readonly id: string;
  /** Why the rule exists: what a reader saw before it. */
  readonly why: string;
  /** Examples the rule must catch. */
  readonly reject: readonly Example[];
  /** Look-alikes the rule must let through. */
  readonly keep: readonly Example[];
}

/**
 * A family of rules for the table test: its rules in order, and how to tell whether a rule catches an example
 * (given the language's analyser when the family needs one).
 */
export interface RuleFamily<R extends Rule<E>, E = R extends Rule<infer X> ? X : never> {
  readonly name: string;
  readonly rules: readonly R[];
  catches(rule: R, example: E): boolean;
}
