// The WebExtension namespace: Firefox has `browser` (promises), Chrome has `chrome` (promises in MV3).
export const api = globalThis.browser ?? globalThis.chrome;
