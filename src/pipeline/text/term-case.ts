/**
 * A term's first capital, as a sentence or a list writes it: a common word capitalised only because it opens the
 * sentence or the list's line is lowered ("Unit conflict is …" → "unit conflict", "Index" → "index"). A later word
 * of a capital and a lower-case letter makes the whole a name ("Opera Cake", HackRF manual, fresh set 13): its
 * first capital stays. An abbreviation or a numeral in capitals ("Static IP address", "Type II error") is no name.
 */
export function lowerOpeningCapital(term: string, commonWord: boolean): string {
  const [first, ...rest] = term.split(/\s+/u);
  if (!commonWord || !/^\p{Lu}\p{Ll}*$/u.test(first ?? '')) return term;
  if (rest.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) return term;
  return term[0]!.toLowerCase() + term.slice(1);
}
