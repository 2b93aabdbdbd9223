//! Version strings and platform families.

use std::fmt;

/// Linux and Windows platform versions are numbered independently and have separate `LATEST`
/// pointers (docs/aws-facts.md, rule 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Linux,
    Windows,
}

impl Family {
    pub const ALL: [Family; 2] = [Family::Linux, Family::Windows];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Linux => "LINUX",
            Family::Windows => "WINDOWS",
        }
    }

    pub fn parse(text: &str) -> Option<Family> {
        match text {
            "LINUX" => Some(Family::Linux),
            "WINDOWS" => Some(Family::Windows),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A platform version number, `MAJOR.MINOR.PATCH`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    /// Parses exactly `^[0-9]+\.[0-9]+\.[0-9]+$` (AWS accepts no shorthand: `1.4` does not exist,
    /// docs/aws-facts.md, rule 8). Components that overflow `u32` are not a version either.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut next = || -> Option<u32> {
            let part = parts.next()?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let version = Version {
            major: next()?,
            minor: next()?,
            patch: next()?,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(version)
    }
}

impl Version {
    /// `MAJOR.MINOR.PATCH` written into `buf` without the formatting machinery: a trace writes
    /// versions thousands of times, and `write!` of three numbers costs several times this.
    fn write_into(self, buf: &mut [u8; 32]) -> &str {
        let mut at = buf.len();
        for (i, mut n) in [self.patch, self.minor, self.major].into_iter().enumerate() {
            if i > 0 {
                at -= 1;
                buf[at] = b'.';
            }
            loop {
                at -= 1;
                buf[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
        }
        // Only ASCII digits and dots were written (three u32s and two dots fill 32 bytes at most).
        std::str::from_utf8(&buf[at..]).unwrap_or_default()
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.write_into(&mut [0; 32]))
    }
}

impl serde::Serialize for Family {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl serde::Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.write_into(&mut [0; 32]))
    }
}

/// The string that asks for whatever the family's pointer means at launch time.
pub const LATEST: &str = "LATEST";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_three_numeric_components() {
        assert_eq!(
            Version::parse("1.4.0"),
            Some(Version {
                major: 1,
                minor: 4,
                patch: 0
            })
        );
        for bad in [
            "1.4", "1.4.0.0", "v1.4.0", "1..0", "1.4.x", "", "LATEST", " 1.4.0", "1.4.0 ",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn versions_are_written_as_they_read_to_the_widest_numbers() {
        for text in [
            "0.0.0",
            "1.4.0",
            "10.200.3000",
            "4294967295.4294967295.4294967295",
        ] {
            let version = Version::parse(text).unwrap();
            assert_eq!(version.to_string(), text);
            assert_eq!(
                serde_json::to_string(&version).unwrap(),
                format!("\"{text}\"")
            );
        }
        let v = Version::parse("1.4.0").unwrap();
        assert_eq!(
            format!("[{v:>7}|{v:<7}]"),
            "[  1.4.0|1.4.0  ]",
            "widths pad"
        );
    }

    #[test]
    fn families_round_trip_and_reject_lowercase() {
        for family in Family::ALL {
            assert_eq!(Family::parse(family.as_str()), Some(family));
        }
        assert_eq!(Family::parse("linux"), None);
    }
}
