//! Decimal numbers as JSON writes them, to the nearest double, without core's float parsing.

/// The double nearest to a decimal number `[-]digits[.digits][(e|E)[+|-]digits]` (leading zeros
/// allowed; the caller checks the syntax); infinite above `f64::MAX`. Our own because core's
/// `str::parse::<f64>` carries a 20 KB table of powers of five into the module (`make bench`,
/// "size lever"). Correctly rounded whenever the value is a whole number and when it has at most
/// 15 significant digits and an exponent within ±22 (every count, revision and AWS CLI timestamp);
/// other fractions land within a few ulps (8 at most in the tests), which no rule of the simulator
/// can tell apart: they are never whole numbers.
pub fn decimal(text: &str) -> f64 {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (exp_negative, exp_digits) = match exponent.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exponent),
    };
    // Saturating: an exponent of a million digits is as infinite (or zero) as one of four.
    let exp_value = exp_digits
        .bytes()
        .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1_000_000));
    let (int_part, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The significant digits without leading or trailing zeros; trailing zeros join the exponent.
    let all = int_part
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|&b| b == b'0');
    let significant = all.clone().count();
    let zeros_at_end = |part: &str| part.bytes().rev().take_while(|&b| b == b'0').count();
    let trailing_zeros = if zeros_at_end(fraction) == fraction.len() {
        fraction.len() + zeros_at_end(int_part)
    } else {
        zeros_at_end(fraction)
    }
    .min(significant);
    let digits = || {
        all.clone()
            .take(significant - trailing_zeros)
            .map(|b| b - b'0')
    };
    // Beyond 800 significant digits nothing changes the nearest double of a whole number
    // (f64::MAX has 309); for fractions the digits left out only make the result within an ulp.
    const MAX_DIGITS: usize = 800;
    let mut exact = Some(0u64);
    let (mut leading, mut leading_digits) = (0u64, 0i64);
    for digit in digits() {
        exact = exact.and_then(|n| n.checked_mul(10)?.checked_add(u64::from(digit)));
        if leading_digits < 19 {
            leading = leading * 10 + u64::from(digit);
            leading_digits += 1;
        }
    }
    let length = (significant - trailing_zeros) as i64;
    let kept = length.min(MAX_DIGITS as i64);
    let exponent = if exp_negative { -exp_value } else { exp_value };
    // The value is (the kept digits) × 10^scale.
    let scale = exponent - fraction.len() as i64 + trailing_zeros as i64 + (length - kept);
    let magnitude = if length == 0 {
        0.0
    } else if let Some(n) = exact.filter(|&n| n <= 1 << 53 && (-22..=22).contains(&scale)) {
        // Both operands are exact doubles, so one IEEE operation rounds correctly.
        let power = POWERS_OF_TEN[scale.unsigned_abs() as usize];
        if scale >= 0 {
            n as f64 * power
        } else {
            n as f64 / power
        }
    } else if scale >= 0 {
        // A whole number: exactly, as a big integer, then rounded once.
        let mut big = Big::default();
        for digit in digits().take(MAX_DIGITS) {
            big.mul_add(10, u32::from(digit));
        }
        if big.bits() + scale * 10 / 3 > 1100 {
            f64::INFINITY
        } else {
            for _ in 0..scale {
                big.mul_add(10, 0);
            }
            big.to_f64()
        }
    } else if scale < -400 - kept {
        0.0
    } else {
        // A fraction: its first 19 digits, scaled by powers of ten exact in a double.
        let mut value = leading as f64;
        let mut left = scale + (kept - leading_digits);
        while left != 0 {
            let step = left.clamp(-22, 22);
            let power = POWERS_OF_TEN[step.unsigned_abs() as usize];
            value = if step > 0 {
                value * power
            } else {
                value / power
            };
            left -= step;
        }
        value
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A whole number of any size, in 32-bit limbs, least significant first.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn bits(&self) -> i64 {
        match self.0.iter().rposition(|&limb| limb != 0) {
            Some(top) => top as i64 * 32 + 32 - i64::from(self.0[top].leading_zeros()),
            None => 0,
        }
    }

    fn bit(&self, n: i64) -> bool {
        self.0[(n / 32) as usize] >> (n % 32) & 1 == 1
    }

    /// The nearest double, ties to even.
    fn to_f64(&self) -> f64 {
        let bits = self.bits();
        if bits > 1024 {
            return f64::INFINITY;
        }
        // The top 53 bits, then round on the bit below them and on whether any lower bit is set.
        let keep = bits.min(53);
        let mut mantissa = (bits - keep..bits)
            .rev()
            .fold(0u64, |m, n| m << 1 | u64::from(self.bit(n)));
        let shift = bits - keep;
        if shift > 0 && self.bit(shift - 1) {
            let sticky = (0..shift - 1).any(|n| self.bit(n));
            if sticky || mantissa & 1 == 1 {
                mantissa += 1;
            }
        }
        // Rounding up may carry into a 54th bit; scaling by a power of two is exact.
        let mut value = mantissa as f64;
        for _ in 0..shift {
            value *= 2.0;
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimals() -> Vec<String> {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "1",
            "5000",
            "0.1",
            "0.3",
            "1.5",
            "-2.5e1",
            "1e+30",
            "1e300",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.8e308",
            "1e309",
            "1e400",
            "1e-300",
            "5e-324",
            "1e-400",
            "1616174881.345",
            "1616174881.345000",
            "9007199254740993",
            "9007199254740992",
            "18446744073709551615",
            "18446744073709551617",
            "123456789012345678901234567890",
            "00012",
            "1E5",
            "1e-7",
            "2.2250738585072014e-308",
            "0.000001",
            "3.14159265358979323846264338327950288",
            "0.123456789012345000000",
            "0.17105492436474000000000",
            "0.95676649905087500000000",
            "123456789012345.000000000",
            "1.50000000000000000000000e3",
            "0.0",
        ]
        .map(String::from)
        .to_vec();
        texts.push(format!("1{}", "0".repeat(1000)));
        texts.push(format!("0.{}1", "0".repeat(900)));
        texts.push(format!("0.{}", "3".repeat(900)));
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let whole = seed >> 11;
            let fraction = (seed >> 3) % 1_000_000;
            let exponent = (seed % 700) as i64 - 350;
            texts.push(format!("{whole}"));
            texts.push(format!("{}.{fraction:06}", whole % 10_000_000_000));
            texts.push(format!("{}e{exponent}", whole % 100_000));
            let zeros = "0".repeat((seed % 12) as usize);
            texts.push(format!(
                "{}.{fraction:06}{zeros}e{}",
                whole % 1_000_000_000,
                exponent / 20
            ));
            texts.push(
                format!("{}", f64::from_bits(seed))
                    .replace("inf", "1e999")
                    .replace("NaN", "0"),
            );
        }
        texts
    }

    /// Within `ulps` of core's correctly rounded parse; infinities and zeros match exactly.
    fn close(ours: f64, core: f64, ulps: u64) -> bool {
        if ours == core {
            return true;
        }
        ours.is_finite()
            && core.is_finite()
            && ours.signum() == core.signum()
            && ours.to_bits().abs_diff(core.to_bits()) <= ulps
    }

    #[test]
    fn decimals_are_the_nearest_double_where_the_rules_need_it_and_close_elsewhere() {
        for text in decimals() {
            let core: f64 = text.parse().unwrap();
            let ours = decimal(&text);
            let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
            let exponent: i64 = exponent.parse().unwrap_or(0);
            // Significant digits without leading or trailing zeros, and the power of ten that
            // scales them to the value.
            let digits = mantissa.trim_start_matches('-').replace('.', "");
            let significant = digits.trim_start_matches('0').trim_end_matches('0');
            let trailing_zeros = digits.len() - digits.trim_end_matches('0').len();
            let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i64);
            let scale = exponent - fraction + trailing_zeros as i64;
            let whole_number = !mantissa.contains('.') && exponent >= 0;
            let short = significant.len() <= 15 && scale.abs() <= 22;
            if whole_number || short {
                assert_eq!(ours.to_bits(), core.to_bits(), "{text}: {ours} vs {core}");
            } else {
                assert!(close(ours, core, 8), "{text}: {ours} vs {core}");
            }
        }
    }
}
