//! RFC 3339 times read strictly, to order attempts whatever their offset and to check xAPI
//! timestamps, and ISO 8601 durations written and checked for xAPI.

/// Seconds since 1970-01-01T00:00:00Z and the nanoseconds, of an RFC 3339 date-time
/// (`2026-11-23T09:00:00Z`, `2026-11-23T10:00:00.5+01:00`); `None` if it is not one.
pub fn parse_rfc3339(text: &str) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    if b.len() < 20 || !text.is_ascii() {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = &text[range];
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let sep = |i: usize, c: &[u8]| c.contains(&b[i]);
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // RFC 3339 allows a leap second (60).
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &text[start..i.min(start + 9)];
        nanos = digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32);
    }
    let offset = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let h = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let m = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
    Some((seconds, nanos))
}

/// Sorts attempts by when they started; times that cannot be read go last.
pub fn order_key(text: &str) -> (bool, i64, u32) {
    match parse_rfc3339(text) {
        Some((s, n)) => (false, s, n),
        None => (true, 0, 0),
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An ISO 8601 duration to the hundredth of a second, as xAPI asks: 450 s is `PT7M30S`,
/// 3725.5 s is `PT1H2M5.5S`, nothing is `PT0S`; negative or not-a-number durations are `PT0S`.
pub fn iso8601_duration(seconds: f64) -> String {
    let hundredths = if seconds.is_finite() && seconds > 0.0 {
        (seconds * 100.0).round().min(1e15) as u64
    } else {
        0
    };
    let hours = hundredths / 360_000;
    let minutes = hundredths / 6_000 % 60;
    let rest = hundredths % 6_000;
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if rest > 0 || (hours == 0 && minutes == 0) {
        let whole = rest / 100;
        match rest % 100 {
            0 => out.push_str(&format!("{whole}S")),
            f if f % 10 == 0 => out.push_str(&format!("{whole}.{}S", f / 10)),
            f => out.push_str(&format!("{whole}.{f:02}S")),
        }
    }
    out
}

/// Whether a text follows the ISO 8601 duration grammar xAPI uses:
/// `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`, at least one part, `T` only before a time part,
/// a decimal fraction only on the last part.
pub fn is_iso8601_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return false;
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    // Each part: digits, an optional fraction, a designator from the allowed sequence.
    let mut parts = Vec::new();
    let mut ok = |section: &str, designators: &[u8], time: bool| -> bool {
        let mut allowed = designators;
        let mut chars = section.as_bytes();
        while !chars.is_empty() {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            let mut len = digits;
            let mut fraction = false;
            if matches!(chars.get(len), Some(b'.' | b',')) {
                let more = chars[len + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if more == 0 {
                    return false;
                }
                len += 1 + more;
                fraction = true;
            }
            let Some(&designator) = chars.get(len) else {
                return false;
            };
            let Some(at) = allowed.iter().position(|&d| d == designator) else {
                return false;
            };
            allowed = &allowed[at + 1..];
            parts.push((fraction, time));
            chars = &chars[len + 1..];
        }
        true
    };
    if !ok(date, b"YMWD", false) {
        return false;
    }
    if let Some(t) = time
        && !ok(t, b"HMS", true)
    {
        return false;
    }
    if parts.is_empty() {
        return false;
    }
    // Only the last part may carry a fraction.
    parts[..parts.len() - 1]
        .iter()
        .all(|(fraction, _)| !fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_with_offsets_order_by_the_instant() {
        let utc = parse_rfc3339("2026-11-23T09:00:00Z").unwrap();
        let paris = parse_rfc3339("2026-11-23T10:00:00+01:00").unwrap();
        assert_eq!(utc, paris);
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:01.5Z"),
            Some((1, 500_000_000))
        );
    }

    #[test]
    fn what_is_not_rfc3339_is_refused() {
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23T09:00:00",
            "2026-02-30T09:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:00:00.Z",
            "2026-11-23T09:00:00+0100",
            "２０２６-11-23T09:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_are_written_in_the_iso_8601_grammar() {
        assert_eq!(iso8601_duration(450.0), "PT7M30S");
        assert_eq!(iso8601_duration(3725.5), "PT1H2M5.5S");
        assert_eq!(iso8601_duration(0.0), "PT0S");
        assert_eq!(iso8601_duration(-3.0), "PT0S");
        assert_eq!(iso8601_duration(f64::NAN), "PT0S");
        assert_eq!(iso8601_duration(61.25), "PT1M1.25S");
        assert_eq!(iso8601_duration(3600.0), "PT1H");
        for s in [0.0, 0.01, 59.99, 60.0, 3599.999, 86_400.0, 1e9] {
            assert!(is_iso8601_duration(&iso8601_duration(s)), "{s}");
        }
    }

    #[test]
    fn the_duration_grammar_refuses_malformed_text() {
        for good in ["PT7M30S", "P1D", "P1Y2M3DT4H5M6.5S", "PT0S", "P2W"] {
            assert!(is_iso8601_duration(good), "{good}");
        }
        for bad in [
            "",
            "P",
            "PT",
            "7M30S",
            "PT30S7M",
            "PT1.5M30S",
            "PTS",
            "P1H",
            "PT-1S",
        ] {
            assert!(!is_iso8601_duration(bad), "{bad}");
        }
    }
}
