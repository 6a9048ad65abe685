//! Arbitrary bytes as a backup file: parse, and for files that parse, import
//! into a store that already holds data, export, and read the export back.
//! See `src/check.rs` for what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../src/check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    check::backup_file(data);
});
