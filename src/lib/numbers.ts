/**
 * A number as a text writes it: `1024`, `0.5`, `-3.25` (no exponent, no separators). Written once in the app's
 * question-text.js, so that a quiz item's number, its answer in the app and in every export read the same.
 */
export { numberText } from '../web/question-text.js';
