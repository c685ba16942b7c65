//! newsdex: full-text search for news archives.
//!
//! The crate follows the path an article takes:
//! [`discover`] → [`read`] → [`extract`] → index → search → present.
#![deny(missing_docs)]

pub mod discover;
pub mod error;
pub mod extract;
pub mod read;

pub use error::{Error, Result};
pub mod cli;
pub mod exit;
pub mod index;
pub mod present;
pub mod search;
