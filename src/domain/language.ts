/** The languages of documents. */

/**
 * The languages ProfAI tells apart (ISO 639-1 codes), and `und` (undetermined: another language, or too little
 * text to tell). Told once per document from its text, stored with the document and its course.
 */
export const LANGUAGE_CODES = ['en', 'de', 'pt', 'fr', 'es', 'ja', 'und'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
