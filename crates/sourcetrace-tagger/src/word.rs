//! Word forms shared by the taggers: the shape of a word and its affixes.
//! They feed hashed features, so a change here changes both model files.

/// The word's shape: `X` for an uppercase letter, `x` lowercase, `d` a digit,
/// other characters as they are, runs of one class collapsed ("McKenzie" → "XxXx").
pub(crate) fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if Some(k) == last {
            continue;
        }
        last = Some(k);
        out.push(k);
    }
    out
}

/// The first `n` characters of `s` (all of it when shorter).
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters of `s` (all of it when shorter).
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    match s.char_indices().nth(count - n) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("McKenzie"), "XxXx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1990s"), "dx");
        assert_eq!(prefix("Zoë", 2), "Zo");
        assert_eq!(suffix("Zoë", 2), "oë");
        assert_eq!(suffix("a", 3), "a");
    }
}
