// The fixed vocabularies shared by the background, the pages and the build (one place each):
// the list's categories (the core's `Category`), the sensitivities and the verdict levels.
export const CATEGORIES = Object.freeze(['phishing', 'scam', 'malware', 'crypto', 'gambling']);
export const SENSITIVITIES = Object.freeze(['low', 'normal', 'high']);
export const LEVELS = Object.freeze(['safe', 'suspicious', 'dangerous', 'blocked', 'invalid']);
/** Levels at which a navigation is replaced by the warning page. */
export const WARNS = Object.freeze(['dangerous', 'blocked']);
