# Source of extension/_locales/{en,id}/messages.json: edit here, run `python3 extension/tools/locales.py`.
# Each entry: key -> (English, Bahasa Indonesia). `{name}` slots are filled by the pages from reason params.
import json, pathlib

M = {
 "ext_name": ("Waspada", "Waspada"),
 "ext_description": ("Warns you about fake bank, e-wallet, shopping, gambling and crypto sites. Everything is checked on your device.",
                     "Memperingatkan Anda tentang situs palsu bank, dompet digital, belanja, judi, dan kripto. Semua diperiksa di perangkat Anda."),
 "action_title": ("Waspada: check this page", "Waspada: periksa halaman ini"),
 "menu_check_link": ("Check this link with Waspada", "Periksa tautan ini dengan Waspada"),
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
 "warning_report_help": ("If this site is safe, copy this report and send it to the Waspada project. Nothing is sent automatically.",
                         "Jika situs ini aman, salin laporan ini dan kirimkan ke proyek Waspada. Tidak ada yang dikirim secara otomatis."),
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
 "reason_unknown": ("Waspada found a warning sign ({code}).", "Waspada menemukan tanda bahaya ({code})."),
}

# Reason messages: key = "reason_" + reason code with dots as underscores.
R = {
 "list.blocked": ("This site is on Waspada's list of known {category} sites.", "Situs ini ada di daftar Waspada sebagai situs {category} yang dikenal."),
 "url.invalid": ("This is not a web address that can be checked.", "Ini bukan alamat web yang bisa diperiksa."),
 "url.not_web": ("This is not a website address, so there is nothing to check.", "Ini bukan alamat situs web, jadi tidak ada yang perlu diperiksa."),
 "trust.user": ("You told Waspada to trust this site.", "Anda meminta Waspada untuk memercayai situs ini."),
 "site.official": ("This is the official site of {target}.", "Ini situs resmi {target}."),
 "site.popular": ("This is a well-known, widely used site.", "Ini situs terkenal yang banyak digunakan."),
 "lookalike.homoglyph": ("The address uses look-alike letters to imitate {target}.", "Alamat ini memakai huruf yang mirip untuk meniru {target}."),
 "lookalike.typo": ("The address is a misspelling of {target}, a trick used by scammers.", "Alamat ini adalah salah ketik dari {target}, trik yang sering dipakai penipu."),
 "lookalike.combosquat": ("The address adds words to the name {target} but is not its official site.", "Alamat ini menambahkan kata pada nama {target}, tetapi bukan situs resminya."),
 "brand.embedded": ("The name {target} appears in the address, but this is not its official site.", "Nama {target} muncul di alamat ini, tetapi ini bukan situs resminya."),
 "url.userinfo": ("The address hides its real destination behind a fake name before an @ sign.", "Alamat ini menyembunyikan tujuan sebenarnya di balik nama palsu sebelum tanda @."),
 "host.ip_literal": ("The address is a bare number (IP address) instead of a name, which real banks and shops do not use.", "Alamat ini berupa angka (alamat IP), bukan nama; bank dan toko asli tidak memakainya."),
}

def build():
    root = pathlib.Path(__file__).resolve().parent.parent / "_locales"
    for i, lang in enumerate(["en", "id"]):
        out = {k: {"message": v[i]} for k, v in M.items()}
        for code, v in R.items():
            out["reason_" + code.replace(".", "_")] = {"message": v[i]}
        d = root / lang
        d.mkdir(parents=True, exist_ok=True)
        (d / "messages.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

if __name__ == "__main__":
    build()
