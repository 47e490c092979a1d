//! What the extension saw on a page whose address is already suspicious, and how it counts.
//!
//! The URL alone decides whether a page is suspicious; the extension then looks at that page
//! (locally, in the browser: nothing leaves it) and reports [`PageFacts`]. A page that asks for a
//! password, PIN or card number, or names a protected brand, while its address already looks
//! wrong, is what a phishing page is: [`crate::Engine::check_page`] adds `page.credential_form`
//! and `page.brand` (weights in `weights.tsv`). Page facts never make a page suspicious on their
//! own: a login form and a brand's name are on countless real sites.

use serde::{Deserialize, Serialize};

/// Facts about one page, as the extension's page probe reports them. Every field has a default,
/// so `{}` is valid (nothing seen).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageFacts {
    /// A password input.
    pub password_field: bool,
    /// A PIN or one-time-code input (`autocomplete="one-time-code"`, a field named pin/otp):
    /// what Indonesian e-wallet phishing asks for.
    pub code_field: bool,
    /// A payment card number input (`autocomplete="cc-number"`, a field named like one).
    pub card_field: bool,
    /// The page's title, headings, form labels and buttons, and image descriptions, in page
    /// order (the extension sends at most 4 KiB; more is ignored).
    pub text: String,
}

impl PageFacts {
    /// The kind of credential the page asks for, if any (`password`, `card`, `pin`).
    pub fn credential(&self) -> Option<&'static str> {
        if self.password_field {
            Some("password")
        } else if self.card_field {
            Some("card")
        } else if self.code_field {
            Some("pin")
        } else {
            None
        }
    }
}
