/**
 * Size limits every parser enforces before it does real work. A caller may lower (or, for a
 * trusted batch job, raise) any of them through `ImportOptions.limits`.
 */
export type Limits = {
  /** Bytes of the file as handed in (text file, JSON document, zip archive). */
  maxFileBytes: number;
  /** Bytes of all zip entries together once inflated (declared sizes and counted bytes). */
  maxUncompressedBytes: number;
  /** Entries in one zip archive (files and folders). */
  maxZipEntries: number;
  /** Items (questions) in one import. */
  maxItems: number;
  /** Element nesting depth of an XML document. */
  maxXmlDepth: number;
};

/** 20 MiB: far above a real bank (5,000 GIFT items are about 2 MiB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** 100 MiB inflated in total for one archive. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** 20,000 entries in one archive: one XML per item plus the manifest and some media. */
export const MAX_ZIP_ENTRIES = 20_000;
/** 10,000 items in one import. */
export const MAX_ITEMS = 10_000;
/** 100 levels of XML elements: question XML needs about 10. */
export const MAX_XML_DEPTH = 100;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileBytes: MAX_FILE_BYTES,
  maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  maxZipEntries: MAX_ZIP_ENTRIES,
  maxItems: MAX_ITEMS,
  maxXmlDepth: MAX_XML_DEPTH,
};

/** The limits in force: the defaults with the caller's overrides. */
export function resolveLimits(overrides: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
