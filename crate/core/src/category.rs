//! What kind of harm a blocklist entry is about.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Phishing = 0,
    Scam = 1,
    Malware = 2,
    Crypto = 3,
    Gambling = 4,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Phishing,
        Category::Scam,
        Category::Malware,
        Category::Crypto,
        Category::Gambling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Phishing => "phishing",
            Category::Scam => "scam",
            Category::Malware => "malware",
            Category::Crypto => "crypto",
            Category::Gambling => "gambling",
        }
    }

    pub fn from_u8(v: u8) -> Option<Category> {
        Category::ALL.get(usize::from(v)).copied()
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
    }
}
