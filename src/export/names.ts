/**
 * The export formats' names, apart from their exporters: the CLI parses `--format` with these without loading
 * an exporter (the JSON exporter validates with zod). index.ts checks that both lists name the same formats.
 */
export const EXPORT_FORMAT_NAMES = ['moodle-xml', 'gift', 'qti', 'cc', 'anki', 'html', 'md', 'json'] as const;

export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

export function isExportFormat(name: string): name is ExportFormatName {
  return (EXPORT_FORMAT_NAMES as readonly string[]).includes(name);
}
