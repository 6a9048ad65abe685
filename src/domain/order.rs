//! Stable sorting with one copy of the sort code in the app.
//!
//! `slice::sort_by` is generic over both the element type and the comparison
//! closure, so every call site gets its own copy of the standard library's
//! sort: with about forty call sites that was some 150 KB of WebAssembly
//! before optimisation. [`sort_by`] and [`sort_by_key`] sort a list of
//! positions with one non-generic sort whose comparison sits behind `&dyn Fn`,
//! then move the elements into that order. The result is exactly what
//! `slice::sort_by` gives: stable, equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` with `cmp`, stably; same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    apply(v, order);
}

/// Sorts `v` by `key`, stably; same result as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, stably; same result as `v.sort()` (and, for
/// a total order, as `v.sort_unstable()`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..len` in sorted order (stable).
#[inline(never)]
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `v` so that the new `v[k]` is the old `v[order[k]]`, by
/// following each cycle of the permutation with swaps.
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic pseudo-random sequence (no extra crates).
    fn numbers(seed: u64, len: usize) -> Vec<(u8, usize)> {
        let mut x = seed | 1;
        (0..len)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 5) as u8, i)
            })
            .collect()
    }

    #[test]
    #[allow(clippy::unnecessary_sort_by)] // the point is to compare with sort_by
    fn sorts_like_the_standard_stable_sort() {
        for len in 0..70 {
            for seed in 1..8 {
                let input = numbers(seed * 7919 + len as u64, len);
                let mut ours = input.clone();
                let mut std = input.clone();
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
                std.sort_by(|a, b| b.0.cmp(&a.0));
                assert_eq!(ours, std, "len {len} seed {seed}");
            }
        }
    }

    #[test]
    fn keeps_equal_elements_in_their_order() {
        let mut v = vec![(1, "a"), (0, "b"), (1, "c"), (0, "d"), (1, "e")];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, vec![(0, "b"), (0, "d"), (1, "a"), (1, "c"), (1, "e")]);
    }

    #[test]
    fn moves_owned_values_without_cloning() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "apple"]);
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "kiwi", "pear"]);
    }
}
