//! Our decimal parser (`json::decimal`, which replaced core's f64 parsing in the module) against
//! core's correctly rounded `str::parse::<f64>`: any text the JSON reader accepts as a number must
//! parse to the same double where the simulator's rules need exactness — whole numbers, and at most
//! 15 significant digits with an exponent within ±22 — and within 8 ulps elsewhere.
#![no_main]
use latest_playground::json::{decimal, parse, Json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A bare number (the reader also accepts whitespace and a byte-order mark around a document).
    let number_bytes = |b: u8| b.is_ascii_digit() || b"+-.eE".contains(&b);
    if !text.bytes().all(number_bytes) || !matches!(parse(text), Ok(Json::Number(_))) {
        return;
    }
    let ours = decimal(text);
    let core: f64 = text
        .parse()
        .expect("the JSON reader accepted it as a number");
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    // An exponent too long for i64 is infinite or zero for both parsers; compare exactly.
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits = mantissa.trim_start_matches('-').replace('.', "");
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    let trailing_zeros = digits.len() - digits.trim_end_matches('0').len();
    let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i64);
    let scale = exponent
        .saturating_sub(fraction)
        .saturating_add(trailing_zeros as i64);
    let whole_number = !mantissa.contains('.') && exponent >= 0;
    let short = significant.len() <= 15 && scale.abs() <= 22;
    if whole_number || short || ours == core {
        assert_eq!(ours.to_bits(), core.to_bits(), "{text}: {ours} vs {core}");
    } else {
        let close = ours.is_finite()
            && core.is_finite()
            && ours.signum() == core.signum()
            && ours.to_bits().abs_diff(core.to_bits()) <= 8;
        assert!(close, "{text}: {ours} vs {core}");
    }
});
