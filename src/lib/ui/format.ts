/*
 * The UI's number formats are the report's (src/lib/report/format.ts): one
 * set of formatters for the grid, the charts, the summary and the CLI.
 */
export * from '../report/format';
