// Options: sensitivity, categories, trusted sites, protected sites, list information.
import { localize, t, send, ageText, LANGUAGES, LANGUAGE_KEY, setLanguage } from '../lib/i18n.js';
import { api } from '../lib/platform.js';
import { CATEGORIES } from '../lib/settings.js';

const $ = (id) => document.getElementById(id);
let settings = null;

function showError(err) {
  $('error').textContent = err ? `${t('error_prefix')} ${err.message ?? err}` : '';
}

/** A site typed by the user, reduced to its host: "https://www.BCA.co.id/x" -> "www.bca.co.id". */
export function siteOf(input) {
  const raw = input.trim();
  if (!raw) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    return url.hostname.replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

async function save(next) {
  try {
    settings = await send({ type: 'setSettings', settings: next });
    $('saved').textContent = t('options_saved');
    showError(null);
    render();
  } catch (err) {
    showError(err);
  }
}

function renderList(ul, items, field) {
  ul.replaceChildren();
  for (const site of items) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'mono';
    name.textContent = site;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('options_remove');
    remove.setAttribute('aria-label', `${t('options_remove')} ${site}`);
    remove.addEventListener('click', () => save({ ...settings, [field]: settings[field].filter((s) => s !== site) }));
    li.append(name, remove);
    ul.append(li);
  }
  if (items.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('options_none');
    ul.append(li);
  }
}

function render() {
  for (const radio of document.querySelectorAll('input[name=sensitivity]')) radio.checked = radio.value === settings.sensitivity;
  for (const box of document.querySelectorAll('#categories input')) box.checked = !settings.disabled_categories.includes(box.value);
  $('page-probe').checked = settings.page_probe !== false;
  renderList($('trusted-list'), settings.trusted, 'trusted');
  renderList($('protected-list'), settings.protected, 'protected');
}

/** The language picker: "same as the browser" or one of the shipped locales, each in its own name.
 *  A choice is saved and the page reloads in it (so do the warning page and the popup next time). */
async function languagePicker() {
  const select = $('language');
  const stored = (await api.storage.local.get(LANGUAGE_KEY))[LANGUAGE_KEY] ?? '';
  const auto = new Option(t('options_language_auto'), '');
  select.append(auto);
  for (const [code, name] of Object.entries(LANGUAGES)) {
    const option = new Option(name, code);
    option.lang = code;
    select.append(option);
  }
  select.value = Object.hasOwn(LANGUAGES, stored) ? stored : '';
  select.addEventListener('change', async () => {
    await setLanguage(select.value);
    location.reload();
  });
}

function addFrom(form, input, field) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const site = siteOf($(input).value);
    if (!site) {
      showError(new Error(t('options_bad_site')));
      return;
    }
    $(input).value = '';
    save({ ...settings, [field]: [...settings[field], site] });
  });
}

async function main() {
  localize();
  await languagePicker();
  const fs = $('categories');
  for (const c of CATEGORIES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = c;
    box.addEventListener('change', () => {
      const off = new Set(settings.disabled_categories);
      if (box.checked) off.delete(c);
      else off.add(c);
      save({ ...settings, disabled_categories: [...off] });
    });
    const text = document.createElement('span');
    text.textContent = t(`options_block_${c}`);
    label.append(box, text);
    fs.append(label);
  }
  for (const radio of document.querySelectorAll('input[name=sensitivity]')) {
    radio.addEventListener('change', () => save({ ...settings, sensitivity: radio.value }));
  }
  $('page-probe').addEventListener('change', (e) => save({ ...settings, page_probe: e.target.checked }));
  addFrom($('trusted-form'), 'trusted-input', 'trusted');
  addFrom($('protected-form'), 'protected-input', 'protected');
  settings = await send({ type: 'getSettings' });
  render();
  renderListInfo(await send({ type: 'listInfo' }));
}

/** The list: version, date, age (and a stale notice), entries per category, and each source
 *  with its publisher, licence and attribution (all from the list file). */
function renderListInfo(info) {
  const dl = $('list-info');
  dl.dataset.stale = String(Boolean(info.stale));
  const rows = [
    ['version', t('options_list_version'), info.list_version],
    ['date', t('options_list_date'), info.build_date],
    ['age', t('options_list_age'), ageText(info.age_days)],
    ...CATEGORIES.map((c) => [`count-${c}`, t(`category_${c}`), String(info.counts?.[c] ?? 0)]),
  ];
  for (const [id, k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.id = `list-${id}`;
    dd.textContent = v;
    dl.append(dt, dd);
  }
  if (info.stale) {
    $('list-stale').textContent = t('list_stale').replace('{days}', String(info.age_days));
    $('list-stale').hidden = false;
  }
  const ul = $('list-sources');
  ul.replaceChildren();
  for (const s of info.sources ?? []) {
    const li = document.createElement('li');
    li.dataset.source = s.id;
    const title = document.createElement('span');
    title.className = 'source-title';
    title.textContent = s.title;
    const meta = [t('options_list_entries').replace('{entries}', String(s.entries))];
    if (s.licence) meta.push(t('options_list_licence').replace('{licence}', s.licence));
    li.append(title, document.createTextNode(` (${meta.join(', ')})`));
    if (/^https:\/\//.test(s.homepage ?? '')) {
      const a = document.createElement('a');
      a.href = s.homepage;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = t('options_list_publisher');
      li.append(' · ', a);
    }
    if (s.attribution) {
      const p = document.createElement('p');
      p.className = 'muted small attribution';
      p.textContent = s.attribution;
      li.append(p);
    }
    ul.append(li);
  }
}

main().catch(showError);
