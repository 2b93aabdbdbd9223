//! Splitting a command line into words the way a POSIX shell does for these commands.

use super::{CommandError, CommandErrorKind};

#[derive(Debug)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) column: u32,
    /// First word of a line that the previous line did not continue with a backslash.
    pub(super) starts_line: bool,
}

/// Splits like a POSIX shell does for these commands: whitespace, quotes, backslash escapes and
/// backslash-newline continuations.
pub(super) fn words(input: &str) -> Result<Vec<Word>, CommandError> {
    let chars: Vec<char> = input.chars().collect();
    // The length of a backslash-newline continuation at `i` (`\` then LF or CR LF), or 0.
    let continuation = |i: usize| match (chars.get(i), chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), Some('\n'), _) => 2,
        (Some('\\'), Some('\r'), Some('\n')) => 3,
        _ => 0,
    };
    let mut words = Vec::new();
    let mut i = 0;
    let mut new_line = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            new_line = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if continuation(i) > 0 {
            i += continuation(i);
            continue;
        }
        let column = i as u32 + 1;
        let mut text = String::new();
        // A word has at least this character, so every pass moves on.
        while i < chars.len() && !chars[i].is_whitespace() && continuation(i) == 0 {
            match chars[i] {
                '\\' => {
                    if let Some(next) = chars.get(i + 1) {
                        text.push(*next);
                    }
                    i += 2;
                }
                quote @ ('\'' | '"') => {
                    let open = i;
                    i += 1;
                    loop {
                        match chars.get(i) {
                            None => {
                                return Err(CommandError {
                                    column: open as u32 + 1,
                                    kind: CommandErrorKind::UnclosedQuote,
                                })
                            }
                            Some(c) if *c == quote => break,
                            Some('\\')
                                if quote == '"'
                                    && matches!(chars.get(i + 1), Some('"' | '\\' | '$' | '`')) =>
                            {
                                text.push(chars[i + 1]);
                                i += 2;
                            }
                            Some(c) => {
                                text.push(*c);
                                i += 1;
                            }
                        }
                    }
                    i += 1;
                }
                c => {
                    text.push(c);
                    i += 1;
                }
            }
        }
        words.push(Word {
            text,
            column,
            starts_line: new_line && !words.is_empty(),
        });
        new_line = false;
    }
    Ok(words)
}
