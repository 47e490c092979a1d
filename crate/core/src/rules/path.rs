//! Checks on the path: a page inside a site's system folder (`url.kit_path`), an email address
//! carried in the link (`url.email`), an executable download (`download.executable`).

use super::*;

/// The system folder a phishing-kit page sits in (see `Rules::check_kit_path`), if any.
pub(super) fn kit_folder(path: &str) -> Option<&'static str> {
    let last = path.rsplit('/').next().unwrap_or("");
    let is_page = last.is_empty() || {
        let ext = last.rsplit_once('.').map_or("", |(_, e)| e);
        ["php", "html", "htm", "shtml", "asp", "aspx"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    };
    if !is_page {
        return None;
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, seg) in segs.iter().enumerate() {
        // The page's own segment does not count as a folder: two folders below, then the page
        // (or a folder ending in `/`, already counted).
        let below = segs.len() - i - 1;
        let depth_ok = if last.is_empty() {
            below >= 2
        } else {
            below >= 3
        };
        let next = segs.get(i + 1).copied().unwrap_or("");
        let in_list = |list: &[&str]| list.iter().any(|f| next.eq_ignore_ascii_case(f));
        let folder = if seg.eq_ignore_ascii_case("wp-includes") {
            Some("wp-includes")
        } else if seg.eq_ignore_ascii_case("wp-admin")
            && in_list(&["js", "css", "images", "includes", "maint"])
        {
            Some("wp-admin")
        } else if seg.eq_ignore_ascii_case("wp-content")
            && in_list(&["uploads", "themes", "cache", "languages", "upgrade"])
        {
            Some("wp-content")
        } else if seg.eq_ignore_ascii_case(".well-known") {
            Some(".well-known")
        } else if seg.eq_ignore_ascii_case("wp-content") && in_list(&["plugins"]) {
            // A plugin's own scripts a visitor may be sent to (downloads, ad clicks) sit in the
            // plugin's folder (`plugins/download-monitor/download.php`): only a page one more
            // folder down counts (`plugins/akismet/_inc/pko/pages/region.php`).
            let deeper = if last.is_empty() {
                below >= 3
            } else {
                below >= 4
            };
            return deeper.then_some("wp-content/plugins");
        } else {
            None
        };
        if let Some(f) = folder {
            return depth_ok.then_some(f);
        }
    }
    None
}

/// The text a base64 token (standard or URL-safe alphabet, padded or not) decodes to, when it is
/// 12 to 400 characters long and decodes to UTF-8 text.
pub(super) fn base64_text(tok: &str) -> Option<String> {
    use base64::engine::{
        general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig,
    };
    use base64::Engine as _;
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let body = tok.trim_end_matches('=');
    if !(12..=400).contains(&body.len()) || body.contains(['.', '@', '%', '=']) {
        return None;
    }
    let std: String = body
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let bytes = ENGINE.decode(std.as_bytes()).ok()?;
    String::from_utf8(bytes).ok()
}

/// `local@domain.tld`: a plausible local part (letters, digits, `._%+-`, at most 64) and a host
/// name of two or more labels ending in a TLD of letters.
pub(super) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || local.len() > 64
        || domain.len() > 253
        || !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
}

impl<'a> Rules<'a> {
    /// A page (`.php`, `.html`, `.htm`, `.shtml`, `.asp(x)` or a folder ending in `/`) two or more
    /// folders deep inside a folder no visitor is ever sent to: WordPress's `wp-includes`, the
    /// asset folders of `wp-admin` (js, css, images, includes, maint), the `uploads`, `themes`,
    /// `cache`, `languages` and `upgrade` folders of `wp-content`, and `.well-known`. Phishing
    /// kits dropped on hacked sites live there (`/wp-includes/css/dist/parks/acp.php`,
    /// `/.well-known/acme-challenge/5797/Login.html`); WordPress serves no page from them.
    /// In `wp-content/plugins` a page counts one folder deeper, below the plugin's own folder
    /// (`/wp-content/plugins/akismet/_inc/pko/pages/region.php`): some plugins link visitors to
    /// their own scripts (downloads, ad clicks) at the top of that folder. Files (`.pdf`,
    /// `.jpg`, `.css`, `.txt`, ...) never count.
    pub(super) fn check_kit_path(&self, path: &str, out: &mut Vec<Reason>) {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if let Some(folder) = kit_folder(path) {
            out.push(
                Reason::new(code::KIT_PATH, self.points(Weight::UrlKitPath)).with("folder", folder),
            );
        }
    }

    /// An email address carried in the link (`/cgi-bin/x/am9obkBleGFtcGxlLmNvbQ==`,
    /// `?email=john@example.com`, `#am9obkBleGFtcGxlLmNvbQ==`): a phishing link made for one
    /// victim, so that the fake sign-in page shows their own address. Base64-coded, only made to
    /// be read by a script, it is suspicious alone (`url.email_encoded`); a plain address is a
    /// weaker hint (`url.email`: sign-up and unsubscribe links carry one too). Params: `where`
    /// (path / query / fragment) and `encoding` (base64 / none); the address itself is not echoed.
    pub(super) fn check_email(&self, path: &str, out: &mut Vec<Reason>) {
        if path.len() < 6 {
            return;
        }
        let decoded = percent_decode_lossy(path);
        let query_at = decoded.find('?').unwrap_or(decoded.len());
        let fragment_at = decoded.find('#').unwrap_or(decoded.len());
        let place = |at: usize| {
            if at >= fragment_at {
                "fragment"
            } else if at >= query_at {
                "query"
            } else {
                "path"
            }
        };
        let mut plain: Option<usize> = None;
        let mut at = 0usize;
        for tok in decoded.split(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '=' | '.' | '@' | '%'))
        }) {
            let start = at;
            at += tok.len() + 1;
            if tok.contains('@') {
                // `name@host.tld` inside a longer token (`?u=1&e=name@host.tld` splits on `&`).
                let t = tok.trim_start_matches(['=', '-']);
                let t = t.rsplit('=').next().unwrap_or(t);
                if plain.is_none() && looks_like_email(t) {
                    plain = Some(start);
                }
                continue;
            }
            // `pop=aXJpc0Bub3JkZ2Vhci5jbg==`: the value after a query name.
            let value = tok.trim_end_matches('=');
            let value = value.rsplit('=').next().unwrap_or(value);
            if let Some(addr) = base64_text(value) {
                if looks_like_email(addr.trim()) {
                    out.push(
                        Reason::new(code::EMAIL, self.points(Weight::UrlEmailEncoded))
                            .with("where", place(start))
                            .with("encoding", "base64"),
                    );
                    return;
                }
            }
        }
        if let Some(start) = plain {
            out.push(
                Reason::new(code::EMAIL, self.points(Weight::UrlEmail))
                    .with("where", place(start))
                    .with("encoding", "none"),
            );
        }
    }

    pub(super) fn check_download(&self, path: &str, out: &mut Vec<Reason>) {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let file = path.rsplit('/').next().unwrap_or("");
        let Some(dot) = file.rfind('.') else { return };
        let ext = file.get(dot + 1..).unwrap_or("");
        if ext.len() > 5 {
            return;
        }
        let mut buf = [0u8; 5];
        for (b, c) in buf.iter_mut().zip(ext.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let lower = buf.get(..ext.len()).unwrap_or(&[]);
        let key = match lower {
            b"apk" | b"xapk" | b"apks" | b"apkm" => Weight::DownloadExecutable,
            b"exe" | b"msi" => Weight::DownloadExecutableWindows,
            b"scr" | b"bat" | b"cmd" | b"vbs" | b"vbe" | b"hta" | b"pif" | b"lnk" | b"ps1"
            | b"jse" | b"wsf" => Weight::DownloadExecutableScript,
            _ => return,
        };
        out.push(
            Reason::new(code::DOWNLOAD, self.points(key))
                .with("file", truncate(&percent_decode_lossy(file), 80))
                .with("ext", String::from_utf8_lossy(lower).into_owned()),
        );
    }
}
