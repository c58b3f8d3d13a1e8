/**
 * How domains are named on screen, for students and staff alike: the blueprint's slug
 * ("surgery-20000") written as people read it ("Surgery 20000").
 */

/** Words of domain slugs written in capitals (code sets, exam names, numerals). */
const UPPER = new Set(['icd', 'cm', 'pcs', 'cpt', 'hcpcs', 'ccs', 'cpc', 'cmc', 'ii', 'iii', 'em']);
/** Words that keep the hyphen to the next word ("ICD-10-CM"). */
const JOINED = /^(icd|10)$/;

/**
 * A readable name for a domain slug: "surgery-20000" → "Surgery 20000", "icd-10-cm" → "ICD-10-CM",
 * "hcpcs-level-ii" → "HCPCS Level II", "cmc-radiology-pathology-medicine" → "CMC Radiology
 * Pathology Medicine".
 */
export function domainLabel(slug: string): string {
  const words = slug.split('-').filter(Boolean);
  let out = '';
  words.forEach((word, i) => {
    const shown = UPPER.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
    const previous = words[i - 1];
    const glue = i === 0 ? '' : previous !== undefined && JOINED.test(previous) ? '-' : ' ';
    out += glue + shown;
  });
  return out || slug;
}
