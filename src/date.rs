//! Event times: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, real calendar dates, UTC.

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(pub i64);

impl Instant {
    /// `None` unless the text has exactly one of the two shapes and names a real date and time.
    pub fn parse(text: &str) -> Option<Instant> {
        let b = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(range)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        };
        if b.len() != 10 && b.len() != 20 {
            return None;
        }
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let mut seconds = 0;
        if b.len() == 20 {
            if b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
                return None;
            }
            let (h, m, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
            if h > 23 || m > 59 || s > 59 {
                return None;
            }
            seconds = h * 3600 + m * 60 + s;
        }
        Some(Instant(
            days_from_civil(year, month, day) * 86_400 + seconds,
        ))
    }

    /// A timestamp as the AWS CLI prints it: version 2's ISO 8601 text with optional fractional
    /// seconds and a `Z`, `±HH:MM`, `±HHMM` or `±HH` offset (`2021-03-19T10:31:21.345000-07:00`);
    /// version 1's seconds since the epoch are numbers (`from_epoch_seconds`). Fractions are
    /// dropped.
    pub fn parse_aws(text: &str) -> Option<Instant> {
        let b = text.as_bytes();
        if b.len() < 19 || b[10] != b'T' {
            return None;
        }
        let whole = Instant::parse(&format!("{}Z", text.get(..19)?))?;
        let mut rest = text.get(19..)?;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            rest = &fraction[digits..];
        }
        // `Z`, nothing, `±HH:MM`, `±HHMM` or `±HH`: every offset ISO 8601 allows.
        let offset = match rest.as_bytes() {
            b"Z" | b"z" | b"" => 0,
            [sign @ (b'+' | b'-'), digits @ ..] => {
                let two = |a: u8, b: u8| -> Option<i64> {
                    (a.is_ascii_digit() && b.is_ascii_digit())
                        .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
                };
                let (hours, minutes) = match digits {
                    [h1, h2] => (two(*h1, *h2)?, 0),
                    [h1, h2, m1, m2] | [h1, h2, b':', m1, m2] => (two(*h1, *h2)?, two(*m1, *m2)?),
                    _ => return None,
                };
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = hours * 3600 + minutes * 60;
                if *sign == b'+' {
                    seconds
                } else {
                    -seconds
                }
            }
            _ => return None,
        };
        Some(Instant(whole.0 - offset))
    }

    /// CLI version 1's epoch seconds; only years 1970 to 9999 are dates a fleet can have.
    pub fn from_epoch_seconds(seconds: f64) -> Option<Instant> {
        (0.0..253_402_300_800.0)
            .contains(&seconds)
            .then_some(Instant(seconds as i64))
    }

    /// The full form, `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_iso(self) -> String {
        match self.write_iso(&mut [0; 20]) {
            Some(text) => text.to_string(),
            None => {
                let seconds = self.0.rem_euclid(86_400);
                format!(
                    "{}T{:02}:{:02}:{:02}Z",
                    self.date(),
                    seconds / 3600,
                    seconds / 60 % 60,
                    seconds % 60
                )
            }
        }
    }

    /// `YYYY-MM-DD`, for explanations.
    pub fn date(self) -> String {
        match self.write_iso(&mut [0; 20]) {
            Some(text) => text[..10].to_string(),
            None => {
                let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
                format!("{y:04}-{m:02}-{d:02}")
            }
        }
    }

    /// The full form written into `buf` digit by digit (every step writes several instants, and
    /// `format!` costs several times this); `None` for a year without four digits, which
    /// `to_iso` and `date` write the slow way.
    fn write_iso(self, buf: &mut [u8; 20]) -> Option<&str> {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        if !(0..=9999).contains(&y) {
            return None;
        }
        let seconds = self.0.rem_euclid(86_400);
        buf.copy_from_slice(b"0000-00-00T00:00:00Z");
        // Where each number's digits go, and how many there are.
        for (start, width, mut n) in [
            (0, 4, y),
            (5, 2, m),
            (8, 2, d),
            (11, 2, seconds / 3600),
            (14, 2, seconds / 60 % 60),
            (17, 2, seconds % 60),
        ] {
            for digit in buf[start..start + width].iter_mut().rev() {
                *digit = b'0' + (n % 10) as u8;
                n /= 10;
            }
        }
        std::str::from_utf8(buf).ok()
    }
}

/// An instant that serializes in the full form, written without a `String` first (views write
/// every task's start time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Iso(pub Instant);

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.write_iso(&mut [0; 20]) {
            Some(text) => s.serialize_str(text),
            None => s.serialize_str(&self.0.to_iso()),
        }
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_shapes_and_normalises() {
        assert_eq!(
            Instant::parse("2019-01-10").unwrap().to_iso(),
            "2019-01-10T00:00:00Z"
        );
        assert_eq!(
            Instant::parse("2021-03-19T17:05:09Z").unwrap().to_iso(),
            "2021-03-19T17:05:09Z"
        );
        assert_eq!(Instant::parse("1970-01-01").unwrap(), Instant(0));
        assert_eq!(Instant::parse("2020-02-29").unwrap().date(), "2020-02-29");
    }

    #[test]
    fn writes_every_instant_in_the_full_form_at_the_edges_of_days_and_years() {
        let iso = |seconds: i64| Instant(seconds).to_iso();
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(-1), "1969-12-31T23:59:59Z");
        assert_eq!(iso(86_399), "1970-01-01T23:59:59Z");
        assert_eq!(iso(1_616_175_081), "2021-03-19T17:31:21Z");
        let last = Instant::parse("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(last.to_iso(), "9999-12-31T23:59:59Z");
        assert_eq!(
            Instant::parse("0000-01-01").unwrap().to_iso(),
            "0000-01-01T00:00:00Z"
        );
        // Past the four digits the text shapes accept (an AWS epoch timestamp may be).
        assert_eq!(Instant(last.0 + 1).to_iso(), "10000-01-01T00:00:00Z");
        assert_eq!(Instant(-62_167_219_201).date(), "-001-12-31");
    }

    #[test]
    fn reads_the_timestamps_both_cli_versions_print() {
        let utc = Instant::parse("2021-03-19T17:31:21Z").unwrap();
        assert_eq!(
            Instant::parse_aws("2021-03-19T10:31:21.345000-07:00"),
            Some(utc)
        );
        assert_eq!(Instant::parse_aws("2021-03-19T17:31:21Z"), Some(utc));
        assert_eq!(Instant::parse_aws("2021-03-19T17:31:21"), Some(utc));
        assert_eq!(Instant::parse_aws("2021-03-20T03:01:21+09:30"), Some(utc));
        assert_eq!(Instant::parse_aws("2021-03-20T03:01:21.5+0930"), Some(utc));
        assert_eq!(Instant::parse_aws("2021-03-19T19:31:21+02"), Some(utc));
        assert_eq!(
            Instant::parse_aws("2021-03-19T17:31:21.000000+00:00"),
            Some(utc)
        );
        assert_eq!(Instant::from_epoch_seconds(1616175081.9), Some(utc));
        assert_eq!(Instant::from_epoch_seconds(1616175081.0), Some(utc));
        for bad in [
            "2021-03-19",
            "2021-02-30T00:00:00Z",
            "2021-03-19T10:31:21.-07:00",
            "2021-03-19T10:31:21+7",
            "2021-03-19T10:31:21+24:00",
            "2021-03-19T10:31:21+07:",
            "2021-03-19T10:31:21+0760",
        ] {
            assert_eq!(Instant::parse_aws(bad), None, "{bad}");
        }
        assert_eq!(Instant::from_epoch_seconds(-1.0), None);
        assert_eq!(Instant::from_epoch_seconds(f64::INFINITY), None);
    }

    #[test]
    fn rejects_dates_that_do_not_exist_and_other_shapes() {
        for bad in [
            "2019-02-29",
            "2100-02-29",
            "2019-13-01",
            "2019-00-10",
            "2019-04-31",
            "2019-1-10",
            "2019-01-10T24:00:00Z",
            "2019-01-10T10:00:00",
            "2019-01-10t10:00:00z",
            "2019-01-10T10:00:00.5Z",
            "2019-01-10T10:00:00+01:00",
            "10/01/2019",
            "",
            "२०१९-01-10",
        ] {
            assert_eq!(Instant::parse(bad), None, "{bad:?}");
        }
    }
}
