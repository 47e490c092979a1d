//! The `BSIN` section (who each blocklist source is) from `scripts/acquire`'s `list_sources.tsv`,
//! which it writes from `data/sources.toml`: `id, title, category, homepage, licence, attribution`.

use crate::format::Tag;
use crate::list_sources::{FIELDS, MAX_SOURCES, SOURCE_INFO_TAG};

/// The acquired sources' descriptions (`SOURCES_DIR/list_sources.tsv`).
pub const BUNDLED_LIST_SOURCES: &str =
    include_str!(concat!(env!("WASPADA_SOURCES_DIR"), "/list_sources.tsv"));

/// The section from a `list_sources.tsv`; a malformed line is an error naming it.
pub fn section(tsv: &str) -> Result<(Tag, Vec<u8>), String> {
    let mut lines = tsv.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, h)| h.split('\t').collect())
        .unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("list_sources.tsv: no `{name}` column"))
    };
    let cols = [
        col("id")?,
        col("title")?,
        col("homepage")?,
        col("licence")?,
        col("attribution")?,
    ];
    let mut rows: Vec<[&str; 5]> = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let get = |c: usize| {
            fields
                .get(c)
                .copied()
                .ok_or_else(|| format!("list_sources.tsv:{}: too few columns", i + 1))
        };
        let row = [
            get(cols[0])?,
            get(cols[1])?,
            get(cols[2])?,
            get(cols[3])?,
            get(cols[4])?,
        ];
        if row[0].is_empty() || row[0].contains(';') {
            return Err(format!("list_sources.tsv:{}: bad source id", i + 1));
        }
        rows.push(row);
    }
    Ok((SOURCE_INFO_TAG, encode(&rows)?))
}

/// Encodes sources: `(id, title, homepage, licence, attribution)`, sorted by id.
pub fn encode(sources: &[[&str; FIELDS]]) -> Result<Vec<u8>, String> {
    if sources.len() > MAX_SOURCES {
        return Err(format!("{} sources, at most {MAX_SOURCES}", sources.len()));
    }
    let mut sorted: Vec<&[&str; FIELDS]> = sources.iter().collect();
    sorted.sort_by_key(|s| s[0]);
    let mut out = Vec::new();
    out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
    let mut end = 0usize;
    for s in &sorted {
        let [id, _, homepage, _, _] = **s;
        if !homepage.is_empty() && !homepage.starts_with("https://") {
            return Err(format!("source {id}: homepage {homepage} is not https://"));
        }
        for f in s.iter() {
            end += f.len();
            let e = u32::try_from(end).map_err(|_| "source texts too long".to_string())?;
            out.extend_from_slice(&e.to_le_bytes());
        }
    }
    for s in &sorted {
        for f in s.iter() {
            out.extend_from_slice(f.as_bytes());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list_sources::ListSources;

    #[test]
    fn the_acquired_sources_all_have_a_title_and_an_https_homepage() {
        let (_, body) = section(BUNDLED_LIST_SOURCES).unwrap();
        let mut w = crate::format::EnvelopeWriter::new("2026.01.01", 20260101);
        w.add_section(SOURCE_INFO_TAG, body);
        let bytes = w.finish();
        let env = crate::format::Envelope::parse(&bytes).unwrap();
        let v = ListSources::from_envelope(&env, &bytes).unwrap();
        assert!(v.all().len() >= 5, "{:?}", v.all());
        for s in v.all() {
            assert!(!s.title.is_empty() && s.title != s.id, "{s:?}");
            assert!(s.homepage.starts_with("https://"), "{s:?}");
            assert!(!s.licence.is_empty() && !s.attribution.is_empty(), "{s:?}");
        }
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(section("id\ttitle\n").is_err());
        let head = "id\ttitle\tcategory\thomepage\tlicence\tattribution\n";
        assert!(section(&format!("{head}a\tA\n")).is_err());
        assert!(section(&format!(
            "{head}a;b\tA\tphishing\thttps://x.example/\tMIT\tx\n"
        ))
        .is_err());
        assert!(section(&format!(
            "{head}a\tA\tphishing\thttp://x.example/\tMIT\tx\n"
        ))
        .is_err());
        assert!(section(&format!(
            "{head}a\tA\tphishing\thttps://x.example/\tMIT\tx\n"
        ))
        .is_ok());
    }

    #[test]
    fn round_trip_and_titles() {
        let body = encode(&[
            [
                "urlhaus",
                "URLhaus",
                "https://urlhaus.abuse.ch/",
                "CC0-1.0",
                "abuse.ch",
            ],
            [
                "blp",
                "Block List",
                "https://example.org/",
                "Unlicense",
                "BLP",
            ],
        ])
        .unwrap();
        let v = ListSources::parse(&body).unwrap();
        assert_eq!(v.all().len(), 2);
        assert_eq!(v.all()[0].id, "blp");
        assert_eq!(v.get("urlhaus").unwrap().licence, "CC0-1.0");
        assert_eq!(v.titles_of_set("blp;urlhaus"), "Block List, URLhaus");
        assert_eq!(v.titles_of_set("mine"), "mine");
    }

    #[test]
    fn corrupt_sections_are_refused() {
        let body = encode(&[["a", "A", "https://a.example/", "MIT", "a"]]).unwrap();
        assert!(ListSources::parse(&body[..body.len() - 1]).is_err());
        assert!(ListSources::parse(&body[..3]).is_err());
        let mut longer = body.clone();
        longer.push(b'x');
        assert!(ListSources::parse(&longer).is_err());
        assert!(encode(&[["a", "A", "javascript:alert(1)", "MIT", "a"]]).is_err());
    }
}
