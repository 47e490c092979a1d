//! Typed errors. Bad data gives one of these, never a panic.

use std::fmt;

/// Why a data file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// Shorter than its header, or than the length its header declares.
    Truncated { needed: usize, found: usize },
    /// Does not start with the Waspada magic: not a Waspada list file.
    BadMagic,
    /// Made by a newer (or unknown) format version than this build reads.
    UnsupportedVersion { found: u16, supported: u16 },
    /// The stored checksum does not match the content: the file is corrupt.
    BadChecksum { stored: u32, computed: u32 },
    /// A section's bounds or contents are inconsistent.
    Corrupt(String),
    /// A section this build needs is absent.
    MissingSection(&'static str),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Truncated { needed, found } => {
                write!(f, "list file is truncated: needs {needed} bytes, has {found}")
            }
            DataError::BadMagic => write!(f, "not a Waspada list file (bad magic)"),
            DataError::UnsupportedVersion { found, supported } => write!(
                f,
                "list file format version {found} is not supported (this build reads version {supported}); update Waspada"
            ),
            DataError::BadChecksum { stored, computed } => write!(
                f,
                "list file is corrupt: checksum {computed:08x} does not match stored {stored:08x}"
            ),
            DataError::Corrupt(what) => write!(f, "list file is corrupt: {what}"),
            DataError::MissingSection(name) => write!(f, "list file lacks the {name} section"),
        }
    }
}

impl std::error::Error for DataError {}
