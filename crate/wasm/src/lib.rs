//! Filled by the extension work.
