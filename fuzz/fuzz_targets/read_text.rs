//! Bytes as a `.txt` article file: read, then extracted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::discover::Format;

fuzz_target!(|data: &[u8]| newsdex_fuzz::read_and_extract(Format::Text, data));
