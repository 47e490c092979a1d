#![no_main]

#[path = "../../tests/common/fuzz.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(
    // Built once, before the timer starts: building the data file takes seconds.
    init: {
        harness::small_file();
    },
    |data: &[u8]| harness::load_input(data)
);
