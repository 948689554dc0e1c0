/**
 * The English model as shipped, for every document again.
 *
 * wink-nlp keeps every word it has not seen before in its model's tables (the lexeme table, and the prefix,
 * suffix and shape tables of that word's features) and in its instance's own list of those words' features, for
 * as long as the instance lives, and its tokenizer reads those tables: once "Memcheck's," has been read,
 * "Memcheck's output" is one token instead of "Memcheck" + "'s". So what a worker child made of a document
 * depended on the documents it had read before, and the child grew by every new word it met.
 *
 * Parsing the model costs ~100 ms; a winkNLP instance over a model already parsed ~6 ms. So the model is parsed
 * once, handed to each new instance (wink asks the model's `core()` for its tables), and before each new
 * instance the tables are cut back to their shipped sizes: wink only ever appends to a table (its `list`, the
 * `hash` from value to position, and the `index` of the next free position), so what lies past the shipped
 * length is all it has learnt. The tests of english.test.ts pin this (a document read after another gets the
 * tokens it gets alone; the tables go back to their shipped sizes): an upgrade of wink that changes it fails them.
 *
 * The model's `metaCER()` (custom entities, which nothing here learns) is asked once and its answer kept: the
 * model's loader re-stringifies its own previous answer on every call (wink-eng-lite-web-model 1.8.1), so it
 * doubles with each winkNLP instance made from the shipped model: 3 kB for the first, 650 kB for the eleventh,
 * a 330 MB string for the twentieth, and the twenty-first dies of "Invalid string length".
 *
 * The model's lemmatizer (its `addons.lemmatize`, which wink calls for a token whose lemma the lexicon does not
 * give) is asked once per noun, verb or adjective until the tables are next restored: it tries up to eight suffix
 * patterns on a noun and looks each result up, and its answer depends only on the word, the tag and the shipped
 * lexicon (a word wink has learnt counts as unknown there, see wink-nlp/src/cache.js `hasSamePOS`), so a kept
 * answer is the one it would give again.
 */
import type { Model } from 'wink-nlp';

/** A table of the model that wink appends to (see wink-nlp/src/cache.js, `getFeaturesIndex`). */
interface Table {
  list: unknown[];
  hash: Record<string, number>;
  index?: number;
}

/** Tags the model's lemmatizer takes suffixes off for (see wink-eng-lite-web-model/dist/lemmatize.js). */
const SUFFIXED = new Set(['NOUN', 'VERB', 'ADJ']);

/** The model's lemmatizer: the lemma of a word (lower case) read with a tag. */
type Lemmatize = (value: string, pos: string, cache: unknown) => string;

interface CoreModel {
  features: Record<string, Partial<Table>> & { lexeme: Table };
}

const isTable = (t: Partial<Table>): t is Table =>
  Array.isArray(t.list) && typeof t.hash === 'object' && t.hash !== null;

export class PristineModel {
  /** The model to give winkNLP: the shipped one, its tables parsed once and shared by every instance. */
  readonly model: Model;
  private readonly tables: { table: Table; size: number }[];
  private readonly lexemes: Table['hash'];
  /** The lemmatizer's answers by tag, then word (see above); emptied with the tables. */
  private readonly lemmas = new Map<string, Map<string, string>>();

  constructor(shipped: Model) {
    const core = (shipped.core as () => CoreModel)();
    this.lexemes = core.features.lexeme.hash;
    this.tables = Object.values(core.features)
      .filter(isTable)
      .map((table) => ({ table, size: table.list.length }));
    const cer = (shipped.metaCER as () => unknown)();
    const addons = shipped.addons as { lemmatize: Lemmatize };
    const lemmatize: Lemmatize = (value, pos, cache) => {
      // Other tags get the word back at once: a lookup would cost more than it saves.
      if (!SUFFIXED.has(pos)) return addons.lemmatize(value, pos, cache);
      let ofPos = this.lemmas.get(pos);
      if (!ofPos) {
        ofPos = new Map();
        this.lemmas.set(pos, ofPos);
      }
      let lemma = ofPos.get(value);
      if (lemma === undefined) {
        lemma = addons.lemmatize(value, pos, cache);
        ofPos.set(value, lemma);
      }
      return lemma;
    };
    this.model = {
      ...shipped,
      core: () => core,
      metaCER: () => cer,
      addons: { ...addons, lemmatize } as Model['addons'],
    };
  }

  /**
   * Where `text` stands in the lexeme table: below the shipped size a word of the lexicon, at or above it a word
   * learnt since, undefined a word never read.
   */
  lexemeIndex(text: string): number | undefined {
    return this.lexemes[text];
  }

  /** Entries wink has added to the tables since they were last restored (0: as shipped). */
  get learnt(): number {
    let n = 0;
    for (const { table, size } of this.tables) n += table.list.length - size;
    return n;
  }

  /**
   * Cuts every table back to its shipped size. The instance that read them must not be used afterwards: its own
   * list of the learnt words' features no longer matches the tables.
   */
  restore(): void {
    for (const { table, size } of this.tables) {
      const { list, hash } = table;
      for (let i = size; i < list.length; i++) delete hash[list[i] as string];
      list.length = size;
      if (table.index !== undefined) table.index = size;
    }
    this.lemmas.clear();
  }
}
