//! Who each blocklist source is (the `BSIN` section): its id (the name in `BSRC` source sets),
//! the title users see, the publisher's address, the licence and the attribution it requires. The
//! builder writes it from `scripts/acquire`'s `list_sources.tsv` (itself from `data/sources.toml`),
//! so the warning page can name the list a site came from and the options page can credit every
//! source without the extension knowing any source by name.
//!
//! ```text
//! offset  size  field
//! 0       4     n: number of sources
//! 4       4·5n  end offset of each string (id, title, homepage, licence, attribution per source),
//!               cumulative, into the text that follows
//! 4+20n   ...   UTF-8 text
//! ```
//!
//! A file without the section (older, or built without sources) names sources by their ids.

use crate::error::DataError;
use crate::format::{read_u32, Envelope, Tag};

/// The section tag.
pub const SOURCE_INFO_TAG: Tag = *b"BSIN";
/// Strings per source.
pub(crate) const FIELDS: usize = 5;
/// More sources than this is a corrupt file.
pub(crate) const MAX_SOURCES: usize = 1024;

/// One source, as users see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ListSource<'a> {
    /// The id in source sets (`blp-phishing`).
    pub id: &'a str,
    /// The list's name (`The Block List Project: phishing`).
    pub title: &'a str,
    /// The publisher's address (`https://…`; empty if none).
    pub homepage: &'a str,
    /// SPDX id of the data's licence.
    pub licence: &'a str,
    /// The credit the licence asks for.
    pub attribution: &'a str,
}

/// The view of a `BSIN` section (empty when the file has none).
#[derive(Clone, Debug, Default)]
pub struct ListSources<'a> {
    sources: Vec<ListSource<'a>>,
}

impl<'a> ListSources<'a> {
    /// Views the section of a validated file; a missing section is an empty view.
    pub fn from_envelope(env: &Envelope, bytes: &'a [u8]) -> Result<ListSources<'a>, DataError> {
        match env.section(SOURCE_INFO_TAG) {
            None => Ok(ListSources::default()),
            Some(range) => {
                let section = bytes
                    .get(range)
                    .ok_or_else(|| corrupt("section out of bounds"))?;
                ListSources::parse(section)
            }
        }
    }

    pub(crate) fn parse(section: &'a [u8]) -> Result<ListSources<'a>, DataError> {
        let n = read_u32(section, 0).ok_or_else(|| corrupt("shorter than its header"))? as usize;
        if n > MAX_SOURCES {
            return Err(corrupt("too many sources"));
        }
        let text_from = 4 + 4 * FIELDS * n;
        let text = section
            .get(text_from..)
            .ok_or_else(|| corrupt("offset table overruns the section"))?;
        let text = std::str::from_utf8(text).map_err(|_| corrupt("text is not UTF-8"))?;
        let mut strings = Vec::with_capacity(FIELDS * n);
        let mut start = 0usize;
        for i in 0..FIELDS * n {
            let end =
                read_u32(section, 4 + 4 * i).ok_or_else(|| corrupt("offsets truncated"))? as usize;
            let s = text
                .get(start..end)
                .ok_or_else(|| corrupt("offsets out of order or out of bounds"))?;
            strings.push(s);
            start = end;
        }
        if start != text.len() {
            return Err(corrupt("trailing bytes after the text"));
        }
        let sources: Vec<ListSource<'a>> = strings
            .chunks_exact(FIELDS)
            .filter_map(|f| match *f {
                [id, title, homepage, licence, attribution] => Some(ListSource {
                    id,
                    title,
                    homepage,
                    licence,
                    attribution,
                }),
                _ => None,
            })
            .collect();
        if let Some(bad) = sources
            .iter()
            .find(|s| !s.homepage.is_empty() && !s.homepage.starts_with("https://"))
        {
            return Err(corrupt(&format!(
                "source {} has a homepage that is not https://",
                bad.id
            )));
        }
        Ok(ListSources { sources })
    }

    /// Every source, in the order written (sorted by id).
    pub fn all(&self) -> &[ListSource<'a>] {
        &self.sources
    }

    /// The source with id `id`.
    pub fn get(&self, id: &str) -> Option<&ListSource<'a>> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The titles of a source set (`polkadot;ethpd-blacklist`), joined with ", "; an id the
    /// section does not know is shown as itself.
    pub fn titles_of_set(&self, set: &str) -> String {
        set.split(';')
            .filter(|id| !id.is_empty())
            .map(|id| self.get(id).map_or(id, |s| s.title))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A source as the extension's options page shows it: who it is and how many entries it gave.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SourceSummary {
    pub id: String,
    pub title: String,
    pub homepage: String,
    pub licence: String,
    pub attribution: String,
    /// Entries of the list from this source (an entry several sources list counts for each).
    pub entries: u32,
}

impl SourceSummary {
    /// Every source with entries in the list (`entries`: per id), described by `info` where it
    /// knows the id, else by the id alone.
    pub fn all(
        info: &ListSources<'_>,
        entries: &std::collections::BTreeMap<&str, u32>,
    ) -> Vec<SourceSummary> {
        entries
            .iter()
            .map(|(&id, &n)| {
                let s = info.get(id).copied().unwrap_or(ListSource {
                    id,
                    title: id,
                    homepage: "",
                    licence: "",
                    attribution: "",
                });
                SourceSummary {
                    id: id.to_string(),
                    title: s.title.to_string(),
                    homepage: s.homepage.to_string(),
                    licence: s.licence.to_string(),
                    attribution: s.attribution.to_string(),
                    entries: n,
                }
            })
            .collect()
    }
}

fn corrupt(what: &str) -> DataError {
    DataError::Corrupt(format!("BSIN section: {what}"))
}
