//! The weight table: every key of `data/rules/weights.tsv` as a [`Weight`], resolved once when
//! the section is viewed. A key the section lacks is a typed [`DataError`] at load, never a
//! silent 0 at check time; the builder refuses a `weights.tsv` that lacks a key or has another.

use crate::error::DataError;

use super::table::StrTable;

macro_rules! weight_keys {
    ($($variant:ident => $key:literal,)*) => {
        /// A weight of `weights.tsv` (its key is [`Weight::key`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Weight {
            $($variant,)*
        }

        /// How many weights there are.
        pub const WEIGHT_COUNT: usize = [$($key,)*].len();

        /// The keys `weights.tsv` must define, in [`Weight`] order.
        pub const WEIGHT_KEYS: [&str; WEIGHT_COUNT] = [$($key,)*];

        impl Weight {
            /// Every weight, in declaration order.
            pub const ALL: [Weight; WEIGHT_COUNT] = [$(Weight::$variant,)*];

            /// The key of this weight in `weights.tsv` (`keyword.cap`).
            pub const fn key(self) -> &'static str {
                match self {
                    $(Weight::$variant => $key,)*
                }
            }
        }
    };
}

weight_keys! {
    UrlUserinfo => "url.userinfo",
    UrlUserinfoPlain => "url.userinfo_plain",
    HostIpLiteral => "host.ip_literal",
    HostIpObfuscated => "host.ip_obfuscated",
    HostPunycode => "host.punycode",
    HostMixedScript => "host.mixed_script",
    HostRestrictedChars => "host.restricted_chars",
    UrlShortener => "url.shortener",
    DownloadExecutable => "download.executable",
    DownloadExecutableWindows => "download.executable_windows",
    DownloadExecutableScript => "download.executable_script",
    DownloadWithLure => "download.with_lure",
    HostManySubdomains => "host.many_subdomains",
    HostManySubdomainsDeep => "host.many_subdomains_deep",
    HostManyHyphens => "host.many_hyphens",
    HostManyHyphensLots => "host.many_hyphens_lots",
    HostManyDigits => "host.many_digits",
    HostRandomLabel => "host.random_label",
    UrlOddPort => "url.odd_port",
    KeywordCap => "keyword.cap",
    KeywordGamblingCap => "keyword.gambling_cap",
    KeywordGamblingDigits => "keyword.gambling_digits",
    KeywordLureStacked => "keyword.lure_stacked",
    SchemeData => "scheme.data",
    SchemeDataOther => "scheme.data_other",
    SchemeJavascript => "scheme.javascript",
    HostingFreeMax => "hosting.free_max",
    HostingFreeCombined => "hosting.free_combined",
    HostingFreeCombinedMin => "hosting.free_combined_min",
    HostingFreeLureMin => "hosting.free_lure_min",
    HostingIpfs => "hosting.ipfs",
    TldAbusedCombined => "tld.abused_combined",
    TldAbusedCombinedMin => "tld.abused_combined_min",
    TldAbusedSubdomainMin => "tld.abused_subdomain_min",
    UrlKitPath => "url.kit_path",
    UrlEmail => "url.email",
    UrlEmailEncoded => "url.email_encoded",
    CombinedCeiling => "combined.ceiling",
    PageCredentialForm => "page.credential_form",
    PageBrand => "page.brand",
}

impl Weight {
    /// The weight whose key is `key`, if any.
    pub fn from_key(key: &str) -> Option<Weight> {
        Weight::ALL.into_iter().find(|w| w.key() == key)
    }
}

/// The points of every weight, read from the section's weights table once.
#[derive(Clone, Copy, Debug)]
pub(super) struct Weights([u8; WEIGHT_COUNT]);

impl Weights {
    /// Reads every weight from `table`; a key it lacks (or holds without a value) is an error.
    pub(super) fn resolve(table: &StrTable<'_>) -> Result<Weights, DataError> {
        let mut points = [0u8; WEIGHT_COUNT];
        for (slot, w) in points.iter_mut().zip(Weight::ALL) {
            *slot = table
                .find(w.key().as_bytes())
                .and_then(|i| table.value(i))
                .and_then(|v| v.first().copied())
                .ok_or_else(|| DataError::Corrupt(format!("rules weights lack {}", w.key())))?;
        }
        Ok(Weights(points))
    }

    /// The points of `w`.
    pub(super) fn get(&self, w: Weight) -> u8 {
        // `Weight::ALL` has one slot per variant, in order: the index is always in range.
        self.0.get(w as usize).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_weight_is_its_own_slot_and_key() {
        for (i, w) in Weight::ALL.into_iter().enumerate() {
            assert_eq!(w as usize, i);
            assert_eq!(Weight::from_key(w.key()), Some(w));
        }
        assert_eq!(Weight::from_key("host.punycode_latin"), None);
    }

    /// A weights table (as the builder writes it) of `keys`, each worth `points`.
    fn table_bytes(keys: &[&str], points: u8) -> Vec<u8> {
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&1u32.to_le_bytes());
        let mut end = 0u32;
        for k in &keys {
            end += k.len() as u32;
            bytes.extend_from_slice(&end.to_le_bytes());
        }
        bytes.extend(std::iter::repeat(points).take(keys.len()));
        for k in &keys {
            bytes.extend_from_slice(k.as_bytes());
        }
        bytes
    }

    #[test]
    fn weights_resolve_once_and_a_missing_one_is_a_typed_error() {
        let whole = table_bytes(&WEIGHT_KEYS, 7);
        let table = StrTable::parse(&whole, "weights", 1).expect("table");
        let weights = Weights::resolve(&table).expect("every weight");
        assert!(Weight::ALL.into_iter().all(|w| weights.get(w) == 7));
        // A table without `keyword.cap` (the builder refuses to write one: a corrupt file).
        let keys: Vec<&str> = WEIGHT_KEYS
            .into_iter()
            .filter(|k| *k != "keyword.cap")
            .collect();
        let partial = table_bytes(&keys, 7);
        let table = StrTable::parse(&partial, "weights", 1).expect("table");
        assert_eq!(
            Weights::resolve(&table).err(),
            Some(DataError::Corrupt("rules weights lack keyword.cap".into()))
        );
    }
}
