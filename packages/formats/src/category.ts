/**
 * Moodle category paths ("$course$/top/CPC/Surgery 20000") as domain and tags: the last segment
 * is the item's domain (as a slug), the segments above it are tags. "//" in a segment is a "/".
 */
import { slug } from './text';

function splitPath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '/' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (c === '/') {
      segments.push(current);
      current = '';
    } else current += c;
  }
  segments.push(current);
  return segments.map((s) => s.trim()).filter((s) => s !== '');
}

/** Domain and tags from a category path; domain is undefined when no segment is left. */
export function categoryToDomainTags(path: string): { domain?: string; tags: string[] } {
  const segments = splitPath(path);
  while (segments[0] !== undefined && /^\$[a-z0-9]*\$$/i.test(segments[0])) segments.shift();
  if (segments[0] !== undefined && segments[0].toLowerCase() === 'top') segments.shift();
  const last = segments.pop();
  const domain = last === undefined ? '' : slug(last);
  return domain === '' ? { tags: segments } : { domain, tags: segments };
}

/** The category path of a domain and tags (tags as parent categories). */
export function domainTagsToCategory(domain: string, tags: readonly string[] = []): string {
  return ['$course$', 'top', ...tags, domain].map((s) => s.replace(/\//g, '//')).join('/');
}
