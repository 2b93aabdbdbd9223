//! Any text as a console line: the `aws ecs …` parser returns an event, a query or an error whose
//! column lies within the input — never a panic — and printed commands parse back.
#![no_main]
use latest_playground::command::{parse_command, parse_console, to_command};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    match parse_console(line) {
        Ok(_) => {}
        Err(error) => {
            let length = line.chars().count() as u32;
            assert!(
                error.column >= 1 && error.column <= length.max(1),
                "column {} of {length}",
                error.column
            );
            assert!(!error.to_string().is_empty());
        }
    }
    if let Ok(action) = parse_command(line) {
        if let Some(printed) = to_command(&action) {
            parse_command(&printed).expect("a printed command parses");
        }
    }
});
