/** The current model format version; documents with a lower version are migrated. */
export const FORMAT_VERSION = 1;

/** The `format` tag every model document (version ≥ 1) carries. */
export const FORMAT_TAG = 'bottleneck-model';
