# Source of extension/_locales/*/messages.json: edit here (and locales_sea.py for ms, th, vi, fil),
# run `python3 extension/tools/locales.py`.
# Each entry: key -> (English, Bahasa Indonesia). `{name}` slots are filled by the pages from reason params.
import json, pathlib, subprocess, sys
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from locales_sea import LOCALES as SEA

M = {
 "ext_name": ("Waspada", "Waspada"),
 "ext_description": ("Warns you about fake bank, e-wallet, shopping, gambling and crypto sites. Everything is checked on your device.",
                     "Memperingatkan Anda tentang situs palsu bank, dompet digital, belanja, judi, dan kripto. Semua diperiksa di perangkat Anda."),
 "action_title": ("Waspada: check this page", "Waspada: periksa halaman ini"),
 "menu_check_link": ("Check this link with Waspada", "Periksa tautan ini dengan Waspada"),
 "status_list_failed": ("Protection is limited: the list of known scam sites did not load. Lookalike and scam-pattern checks still run.",
                        "Perlindungan terbatas: daftar situs penipuan yang dikenal gagal dimuat. Pemeriksaan situs tiruan dan pola penipuan tetap berjalan."),
 "status_engine_failed": ("Protection is off: the Waspada checker did not load. Update or reinstall the extension.",
                          "Perlindungan mati: pemeriksa Waspada gagal dimuat. Perbarui atau pasang ulang ekstensi."),
 "status_no_host_access": ("Protection is limited: Waspada may not read the sites you open. Allow it in the browser's extension settings.",
                           "Perlindungan terbatas: Waspada tidak diizinkan membaca situs yang Anda buka. Izinkan di pengaturan ekstensi browser."),
 "warning_not_ours": ("Waspada did not stop a page in this tab. This warning was not opened by Waspada, so it shows and allows nothing.",
                      "Waspada tidak menghentikan halaman apa pun di tab ini. Peringatan ini tidak dibuka oleh Waspada, jadi tidak menampilkan dan tidak mengizinkan apa pun."),
 "error_prefix": ("Something went wrong:", "Terjadi kesalahan:"),
 "level_safe": ("No problems found", "Tidak ada masalah"),
 "level_suspicious": ("Be careful", "Hati-hati"),
 "level_dangerous": ("Dangerous", "Berbahaya"),
 "level_blocked": ("Blocked: known scam", "Diblokir: penipuan yang dikenal"),
 "level_invalid": ("Not a web address", "Bukan alamat web"),
 "category_phishing": ("fake login or bank page (phishing)", "halaman login atau bank palsu (phishing)"),
 "category_scam": ("scam", "penipuan"),
 "category_malware": ("harmful downloads (malware)", "unduhan berbahaya (malware)"),
 "category_crypto": ("crypto wallet theft", "pencurian dompet kripto"),
 "category_gambling": ("online gambling", "judi online"),
 "warning_title": ("Warning", "Peringatan"),
 "warning_headline_dangerous": ("This site may be a scam", "Situs ini mungkin penipuan"),
 "warning_headline_blocked": ("This site is a known scam", "Situs ini dikenal sebagai penipuan"),
 "warning_lead": ("Waspada stopped this page before it could open, to protect your accounts and money.",
                  "Waspada menghentikan halaman ini sebelum terbuka, untuk melindungi akun dan uang Anda."),
 "warning_lead_page": ("Waspada closed this page when it asked for your details, to protect your accounts and money. Do not enter anything there.",
                       "Waspada menutup halaman ini saat halaman itu meminta data Anda, untuk melindungi akun dan uang Anda. Jangan memasukkan apa pun di sana."),
 "warning_site": ("The site", "Situsnya"),
 "warning_site_shown": ("Address as it looks", "Alamat yang terlihat"),
 "warning_site_real": ("Real address (punycode)", "Alamat sebenarnya (punycode)"),
 "warning_why": ("Why Waspada warns you", "Mengapa Waspada memperingatkan Anda"),
 "warning_loading": ("Checking…", "Sedang memeriksa…"),
 "warning_no_url": ("The address of the blocked page is not known.", "Alamat halaman yang diblokir tidak diketahui."),
 "warning_did_you_mean": ("Did you mean {site}?", "Apakah maksud Anda {site}?"),
 "warning_go_to": ("Go to the real {site}", "Buka {site} yang asli"),
 "warning_back": ("Back to safety", "Kembali ke tempat aman"),
 "warning_more": ("Details and other options", "Detail dan pilihan lain"),
 "warning_more_help": ("Only continue if you are sure this site is real. Scammers copy the look of banks and shops.",
                       "Lanjutkan hanya jika Anda yakin situs ini asli. Penipu meniru tampilan bank dan toko."),
 "warning_continue": ("Continue anyway (this time only)", "Tetap lanjutkan (kali ini saja)"),
 "warning_trust": ("Always trust this site", "Selalu percayai situs ini"),
 "warning_full_address": ("Full address:", "Alamat lengkap:"),
 "warning_report": ("Report a mistake", "Laporkan kesalahan"),
 "warning_report_help": ("If this site is safe, copy this report and send it to the Waspada project on its public issue tracker. Nothing is sent automatically.",
                         "Jika situs ini aman, salin laporan ini dan kirimkan ke proyek Waspada lewat pelacak masalah (issue tracker) publiknya. Tidak ada yang dikirim secara otomatis."),
 "warning_report_open": ("Open Waspada's issue tracker (new tab)", "Buka pelacak masalah Waspada (tab baru)"),
 "warning_copy": ("Copy report", "Salin laporan"),
 "warning_copied": ("Copied.", "Sudah disalin."),
 "popup_title": ("Waspada", "Waspada"),
 "popup_this_page": ("This page", "Halaman ini"),
 "popup_not_checkable": ("This page is not a website that Waspada checks.", "Halaman ini bukan situs web yang diperiksa Waspada."),
 "popup_check_link": ("Check a link", "Periksa tautan"),
 "popup_link_title": ("Link check", "Hasil pemeriksaan tautan"),
 "popup_paste_label": ("Paste a link. It is checked on this device; nothing is sent.", "Tempel tautan. Tautan diperiksa di perangkat ini; tidak ada yang dikirim."),
 "popup_paste_placeholder": ("e.g. bca-login.com", "misalnya bca-login.com"),
 "popup_check_button": ("Check", "Periksa"),
 "popup_list": ("Blocklist:", "Daftar blokir:"),
 "popup_list_version": ("version {version}, {date}", "versi {version}, {date}"),
 "popup_settings": ("Settings", "Pengaturan"),
 "options_title": ("Waspada settings", "Pengaturan Waspada"),
 "options_saved": ("Saved.", "Tersimpan."),
 "options_sensitivity": ("How strict should Waspada be?", "Seberapa ketat Waspada?"),
 "options_sens_low": ("Relaxed: warn only when very sure", "Santai: hanya memperingatkan jika sangat yakin"),
 "options_sens_normal": ("Normal (recommended)", "Normal (disarankan)"),
 "options_sens_high": ("Strict: warn about more sites", "Ketat: memperingatkan lebih banyak situs"),
 "options_categories": ("What to block", "Apa yang diblokir"),
 "options_block_phishing": ("Fake login and bank pages (phishing)", "Halaman login dan bank palsu (phishing)"),
 "options_block_scam": ("Scams", "Penipuan"),
 "options_block_malware": ("Harmful downloads (malware)", "Unduhan berbahaya (malware)"),
 "options_block_crypto": ("Crypto wallet theft", "Pencurian dompet kripto"),
 "options_block_gambling": ("Online gambling sites", "Situs judi online"),
 "options_probe": ("Look at suspicious pages", "Periksa halaman yang mencurigakan"),
 "options_probe_label": ("Check suspicious pages for fake sign-in forms", "Periksa formulir login palsu di halaman yang mencurigakan"),
 "options_probe_help": ("When a page's address already looks suspicious, Waspada checks on this device whether the page asks for a password, PIN or card number in the name of a bank or brand, and stops it if so. Nothing leaves your device.",
                        "Jika alamat sebuah halaman sudah terlihat mencurigakan, Waspada memeriksa di perangkat ini apakah halaman itu meminta kata sandi, PIN, atau nomor kartu atas nama bank atau merek, lalu menghentikannya. Tidak ada yang dikirim keluar dari perangkat Anda."),
 "options_trusted": ("Sites I trust", "Situs yang saya percayai"),
 "options_trusted_help": ("Waspada never warns about these sites.", "Waspada tidak pernah memperingatkan tentang situs-situs ini."),
 "options_add_trusted": ("Add a trusted site", "Tambahkan situs tepercaya"),
 "options_protected": ("My important sites", "Situs penting saya"),
 "options_protected_help": ("Add the real address of your bank or e-wallet. Waspada warns you about sites that imitate it.",
                            "Tambahkan alamat asli bank atau dompet digital Anda. Waspada akan memperingatkan Anda tentang situs yang menirunya."),
 "options_add_protected": ("Add an important site", "Tambahkan situs penting"),
 "options_site_placeholder": ("e.g. mybank.co.id", "misalnya bankku.co.id"),
 "options_add": ("Add", "Tambah"),
 "options_remove": ("Remove", "Hapus"),
 "options_none": ("None yet.", "Belum ada."),
 "options_bad_site": ("That is not a site address.", "Itu bukan alamat situs."),
 "options_list": ("Blocklist", "Daftar blokir"),
 "options_list_version": ("Version", "Versi"),
 "options_list_date": ("Date", "Tanggal"),
 "options_privacy": ("Everything is checked on this device. Waspada sends nothing over the internet.",
                     "Semua diperiksa di perangkat ini. Waspada tidak mengirim apa pun lewat internet."),
 "options_language": ("Language", "Bahasa"),
 "options_language_auto": ("Same as the browser", "Sama dengan peramban"),
 "options_language_help": ("Waspada uses your browser's language. You can pick another one here.",
                           "Waspada memakai bahasa peramban Anda. Anda bisa memilih bahasa lain di sini."),
 "reason_unknown": ("Waspada found a warning sign ({code}).", "Waspada menemukan tanda bahaya ({code})."),
}

# Reason messages: key = "reason_" + reason code with dots as underscores.
R = {
 "list.blocked": ("This site is on Waspada's list of known {category} sites.", "Situs ini ada di daftar Waspada sebagai situs {category} yang dikenal."),
 "url.invalid": ("This is not a web address that can be checked.", "Ini bukan alamat web yang bisa diperiksa."),
 "url.not_web": ("This is not a website address, so there is nothing to check.", "Ini bukan alamat situs web, jadi tidak ada yang perlu diperiksa."),
 "trust.user": ("You told Waspada to trust this site.", "Anda meminta Waspada untuk memercayai situs ini."),
 "site.official": ("{site} is an official site of a bank, shop or service that Waspada protects.", "{site} adalah situs resmi bank, toko, atau layanan yang dilindungi Waspada."),
 "site.popular": ("{site} is a well-known, widely used site.", "{site} adalah situs terkenal yang banyak digunakan."),
 "host.random_label": ("The name {label} looks like random letters, as throwaway scam sites often do.", "Nama {label} tampak seperti huruf acak, seperti yang sering dipakai situs penipuan sekali pakai."),
 "lookalike.homoglyph": ("The address uses look-alike letters to imitate {target}.", "Alamat ini memakai huruf yang mirip untuk meniru {target}."),
 "lookalike.typo": ("The address is a misspelling of {target}, a trick used by scammers.", "Alamat ini adalah salah ketik dari {target}, trik yang sering dipakai penipu."),
 "lookalike.combosquat": ("The address adds words to the name {target} but is not its official site.", "Alamat ini menambahkan kata pada nama {target}, tetapi bukan situs resminya."),
 "brand.embedded": ("The name {target} appears in the address, but this is not its official site.", "Nama {target} muncul di alamat ini, tetapi ini bukan situs resminya."),
 "url.userinfo": ("The address puts a fake name before an @ sign; it really goes to {host}.", "Alamat ini memasang nama palsu sebelum tanda @; sebenarnya alamat ini menuju {host}."),
 "host.ip_literal": ("The address is a bare number ({ip}) instead of a name, which real banks and shops do not use.", "Alamat ini berupa angka ({ip}), bukan nama; bank dan toko asli tidak memakainya."),
 "lookalike.tld_swap": ("The address copies the name {target} but with a different ending.", "Alamat ini meniru nama {target}, tetapi dengan akhiran yang berbeda."),
 "host.punycode": ("The address is written with special characters from another alphabet, which can hide a fake name.", "Alamat ini ditulis dengan karakter khusus dari abjad lain, yang bisa menyamarkan nama palsu."),
 "host.mixed_script": ("The name {label} mixes letters from different alphabets, a trick to imitate a real site.", "Nama {label} mencampur huruf dari abjad yang berbeda, trik untuk meniru situs asli."),
 "host.restricted_chars": ("The name {label} contains unusual characters that real sites rarely use.", "Nama {label} berisi karakter tidak lazim yang jarang dipakai situs asli."),
 "tld.abused": ("The address ends in “{tld}”, an ending often used by scam sites.", "Alamat ini berakhiran “{tld}”, akhiran yang sering dipakai situs penipuan."),
 "url.shortener": ("This is a shortened link ({shortener}); it hides where it really goes.", "Ini tautan pendek ({shortener}); tautan ini menyembunyikan tujuan sebenarnya."),
 "hosting.free": ("The site is on a free hosting service ({suffix}) where anyone can make pages.", "Situs ini ada di layanan hosting gratis ({suffix}) tempat siapa pun bisa membuat halaman."),
 "download.executable": ("This link downloads an app or program file ({file}). Fake apps, such as .apk files sent by chat, steal bank data.", "Tautan ini mengunduh file aplikasi atau program ({file}). Aplikasi palsu, seperti file .apk yang dikirim lewat chat, mencuri data bank."),
 "host.many_subdomains": ("The address has a long chain of names ({count} parts) to hide the real site.", "Alamat ini memiliki rangkaian nama yang panjang ({count} bagian) untuk menyembunyikan situs sebenarnya."),
 "host.many_hyphens": ("The name has many hyphens ({count}), as fake sites often do.", "Nama ini memiliki banyak tanda hubung ({count}), seperti yang sering dipakai situs palsu."),
 "host.many_digits": ("The name {label} has many digits, as throwaway scam sites often do.", "Nama {label} berisi banyak angka, seperti yang sering dipakai situs penipuan sekali pakai."),
 "url.odd_port": ("The address uses an unusual port number ({port}).", "Alamat ini memakai nomor port yang tidak biasa ({port})."),
 "keyword.lure": ("The address contains “{keyword}”, a word scammers use to lure people (prizes, bonuses, account checks).", "Alamat ini berisi kata “{keyword}”, kata yang dipakai penipu untuk memancing korban (hadiah, bonus, verifikasi akun)."),
 "keyword.gambling": ("The address contains “{keyword}”, a word used by online gambling sites.", "Alamat ini berisi kata “{keyword}”, kata yang dipakai situs judi online."),
 "scheme.data": ("This link hides a whole page inside the address itself, a known phishing trick.", "Tautan ini menyembunyikan seluruh halaman di dalam alamatnya sendiri, trik phishing yang sudah dikenal."),
 "scheme.javascript": ("This link runs code instead of opening a page.", "Tautan ini menjalankan kode, bukan membuka halaman."),
 "url.kit_path": ("This page sits deep inside a technical folder of the site ({folder}) where no real page belongs: scammers hide fake pages on hacked websites there.", "Halaman ini berada jauh di dalam folder teknis situs ({folder}), tempat yang tidak semestinya berisi halaman: penipu menyembunyikan halaman palsu di situs yang diretas di sana."),
 "brand.in_path": ("The page's address names {target} in its path, but the site is not {target}: fake sign-in pages are often dressed this way.", "Alamat halaman ini menyebut {target} di jalurnya, tetapi situs ini bukan {target}: halaman login palsu sering dibuat seperti ini."),
 "hosting.free__staging": ("The site is on a temporary or preview address of a hosting service ({suffix}); real sites send visitors to their own address, scammers use these throwaway ones.", "Situs ini memakai alamat sementara atau pratinjau dari layanan hosting ({suffix}); situs asli mengarahkan pengunjung ke alamatnya sendiri, penipu memakai alamat sekali pakai seperti ini."),
 "url.email": ("The link carries an email address, a sign of a phishing link made for one person so that a fake sign-in page can show their own address.", "Tautan ini membawa alamat email, tanda tautan phishing yang dibuat untuk satu orang agar halaman login palsu bisa menampilkan alamat email mereka sendiri."),
 "page.credential_form": ("This page asks for a password, PIN or card number, and its address already looked wrong.", "Halaman ini meminta kata sandi, PIN, atau nomor kartu, padahal alamatnya sudah mencurigakan."),
 "page.credential_form__password": ("This page asks for your password, and its address already looked wrong. Never type a password on a site you reached from a link you did not expect.", "Halaman ini meminta kata sandi Anda, padahal alamatnya sudah mencurigakan. Jangan pernah mengetik kata sandi di situs yang Anda buka dari tautan yang tidak Anda duga."),
 "page.credential_form__pin": ("This page asks for a PIN or a one-time code (OTP), and its address already looked wrong. No bank or e-wallet asks for these on a web page.", "Halaman ini meminta PIN atau kode sekali pakai (OTP), padahal alamatnya sudah mencurigakan. Bank atau dompet digital tidak pernah meminta ini di halaman web."),
 "page.credential_form__card": ("This page asks for a payment card number, and its address already looked wrong.", "Halaman ini meminta nomor kartu pembayaran, padahal alamatnya sudah mencurigakan."),
 "page.brand": ("The page presents itself as {brand}, but this site is not {target}, the real one.", "Halaman ini mengaku sebagai {brand}, tetapi situs ini bukan {target}, situs yang asli."),
 "hosting.ipfs": ("This page is stored on IPFS and opened through {gateway}: anyone can publish there anonymously and it cannot be taken down, so scammers use it for fake login pages.", "Halaman ini disimpan di IPFS dan dibuka lewat {gateway}: siapa pun bisa menerbitkan di sana tanpa identitas dan halaman itu tidak bisa dihapus, sehingga penipu memakainya untuk halaman login palsu."),
}

def core_codes():
    """The core's reason codes (`waspada reasons --json`: the built CLI, else through cargo)."""
    repo = pathlib.Path(__file__).resolve().parents[2]
    cli = repo / "target" / "release" / "waspada"
    cmd = [str(cli)] if cli.exists() else ["cargo", "run", "--quiet", "--release", "-p", "waspada-cli", "--"]
    return json.loads(subprocess.run(cmd + ["reasons", "--json"], cwd=repo, check=True,
                                     capture_output=True, text=True).stdout)

def build():
    root = pathlib.Path(__file__).resolve().parent.parent / "_locales"
    missing = sorted(set(core_codes()) - set(R))
    if missing:
        sys.exit(f"reason codes of the core without a message: {missing}")
    tables = {}
    for i, lang in enumerate(["en", "id"]):
        tables[lang] = ({k: v[i] for k, v in M.items()}, {c: v[i] for c, v in R.items()})
    for lang, t in SEA.items():
        tables[lang] = (t["M"], t["R"])
    for lang, (m, r) in tables.items():
        # Same keys as English, in English's order: a missing or stray key stops the build.
        if set(m) != set(M) or set(r) != set(R):
            sys.exit(f"{lang}: missing {sorted((set(M) - set(m)) | (set(R) - set(r)))}, "
                     f"unknown {sorted((set(m) - set(M)) | (set(r) - set(R)))}")
        out = {k: {"message": m[k]} for k in M}
        for code in R:
            out["reason_" + code.replace(".", "_")] = {"message": r[code]}
        d = root / lang
        d.mkdir(parents=True, exist_ok=True)
        (d / "messages.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

if __name__ == "__main__":
    build()
