export * from './csv/errors';
export { openCsv, detectDelimiter, type CsvDocument, type CsvRecord, type Delimiter } from './csv/csv-reader';
export type { Encoding } from './csv/text-decoder';
export * from './rpls/rpls-layout';
export * from './rpls/rpls-row';
export * from './rpls/rpls-parser';
export * from './rpls/rpls-import.service';
export * from './rpls/rpls-writer';
export * from './rpls/rpls-sample';
