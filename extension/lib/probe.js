// The page probe: injected (scripting.executeScript, top frame only) into a page whose address
// Waspada already finds suspicious, never into other pages. It reads the page where it is and
// answers the background with a few facts; nothing leaves the browser, nothing on the page is
// changed. The background hands the facts to the core (`Checker.checkPage`), which decides.
//
// `collectPageFacts` is serialized by the browser and run in the page's isolated world, so it
// must not use anything from this module's scope.

/** Waits up to `waitMs` for a password, PIN/one-time-code or card-number field (phishing kits
 *  often draw the form a moment after load), then reports what the page asks for and the words
 *  that say whose page it claims to be: title, headings, form labels and buttons, image alt
 *  texts (at most `maxText` characters). */
export function collectPageFacts(waitMs, maxText) {
  const CARD = /(^|[^a-z])(cc-?num|card-?num|cardnumber|card_no|nomor-?kartu|no-?kartu)/i;
  const CODE = /(^|[^a-z])(pin|otp|mpin|passcode|kode-?otp)([^a-z]|$)/i;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  // Bounded work whatever the page holds (a hostile page can have a million inputs).
  const MAX_INPUTS = 500;
  const MAX_TEXT_ELEMENTS = 300;
  // Inputs of the document and of its open shadow roots, nested ones too (kits hide forms in
  // web components); at most 50 roots.
  const inputs = () => {
    const out = [...document.querySelectorAll('input')];
    const roots = [document];
    for (let i = 0; i < roots.length && roots.length <= 50; i++) {
      for (const el of roots[i].querySelectorAll('*')) {
        if (!el.shadowRoot) continue;
        roots.push(el.shadowRoot);
        out.push(...el.shadowRoot.querySelectorAll('input'));
        if (roots.length > 50) break;
      }
    }
    return out.slice(0, MAX_INPUTS);
  };
  // A text input drawn as dots (`-webkit-text-security`) is a password field.
  const masked = (el) => {
    const style = getComputedStyle(el);
    const sec = style.webkitTextSecurity || style.getPropertyValue('-webkit-text-security');
    return Boolean(sec) && sec !== 'none';
  };
  const fields = () => {
    const seen = { password: false, code: false, card: false };
    for (const el of inputs()) {
      if (!visible(el)) continue;
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (masked(el)) seen.password = true;
      const auto = (el.getAttribute('autocomplete') || '').toLowerCase();
      const names = `${el.name || ''} ${el.id || ''} ${el.getAttribute('placeholder') || ''}`;
      if (type === 'password') seen.password = true;
      if (auto.includes('cc-number') || CARD.test(names)) seen.card = true;
      if (auto.includes('one-time-code') || CODE.test(names)) seen.code = true;
    }
    return seen;
  };
  const words = () => {
    const parts = [document.title];
    const pick = 'h1, h2, h3, form label, form button, input[type=submit], legend, img[alt], [role=heading]';
    for (const el of [...document.querySelectorAll(pick)].slice(0, MAX_TEXT_ELEMENTS)) {
      const text = el.matches('img') ? el.getAttribute('alt') : el.matches('input') ? el.value : el.textContent;
      if (text) parts.push(text.replace(/\s+/g, ' ').trim());
      if (parts.join(' ').length > maxText) break;
    }
    return parts.join(' \n ').slice(0, maxText);
  };
  const report = () => {
    const f = fields();
    // `href`: where the page is now (it may have changed its address with history.replaceState).
    return { password_field: f.password, code_field: f.code, card_field: f.card, text: words(), href: location.href };
  };
  const asks = (f) => f.password || f.code || f.card;
  // A form drawn after the wait: once the wait is over, the first time someone focuses a
  // password, PIN or card field the facts go to the background (`probeLate`), before anything
  // is typed. One listener per page (this isolated world's global, which the page cannot see).
  const watchLate = () => {
    if (globalThis.__waspadaLateWatch) return;
    globalThis.__waspadaLateWatch = true;
    const onFocus = () => {
      if (!asks(fields())) return;
      document.removeEventListener('focusin', onFocus, true);
      const ext = globalThis.browser ?? globalThis.chrome;
      ext.runtime.sendMessage({ type: 'probeLate', facts: report() }).catch?.(() => {});
    };
    document.addEventListener('focusin', onFocus, true);
  };
  if (asks(fields())) return report();
  return new Promise((resolve) => {
    let pending = false;
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      const facts = report();
      if (!(facts.password_field || facts.code_field || facts.card_field)) watchLate();
      resolve(facts);
    };
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        if (asks(fields())) finish();
      }, 150);
    });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['type', 'style', 'class', 'hidden'] });
    const timer = setTimeout(finish, waitMs);
  });
}

/** The facts as the core accepts them: booleans and a bounded string, whatever the page did. */
export function cleanFacts(raw, maxText) {
  const facts = raw && typeof raw === 'object' ? raw : {};
  return {
    password_field: facts.password_field === true,
    code_field: facts.code_field === true,
    card_field: facts.card_field === true,
    text: typeof facts.text === 'string' ? facts.text.slice(0, maxText) : '',
  };
}
