// The extension's own addresses, and what a tab's address is about.
import { api } from '../lib/platform.js';

export const WARNING_PAGE = api.runtime.getURL('pages/warning.html');
export const OWN_ORIGIN = api.runtime.getURL('');

export const isWeb = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);
export const warningUrl = (url) => `${WARNING_PAGE}#${url}`;

/** The URL a tab is really about: the blocked URL when it shows our warning page; a `blob:`
 *  page's own address (`blob:https://site/<id>` is a page the site drew, checked as the site's). */
export function subjectOf(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith(WARNING_PAGE)) {
    const hash = url.indexOf('#');
    return hash >= 0 ? url.slice(hash + 1) : null;
  }
  if (/^blob:https?:\/\//i.test(url)) return url.slice(5);
  return url;
}

/** A tab showing `url` shows one of our own pages (the warning page). */
export const isOwnPage = (url) => typeof url === 'string' && url.startsWith(OWN_ORIGIN);
