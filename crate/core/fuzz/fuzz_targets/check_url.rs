#![no_main]

#[path = "../../tests/common/fuzz.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(
    // Built once, before the timer starts: building the data file takes seconds.
    init: {
        harness::bundled_engine();
    },
    |data: &[u8]| harness::check_input(data)
);
