//! BILOU tags and Viterbi decoding.
//!
//! Tag 0 is `O`; tag `1 + 4 * type + position` is position B, I, L or U of name type
//! PER, ORG, LOC or MISC. Decoding only allows well-formed tag sequences.

use crate::analysis::Label;

/// Name types in tag order.
pub const TYPES: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];
/// Number of tags: `O` plus four positions for each type.
pub const TAGS: usize = 1 + 4 * TYPES.len();

pub const OUTSIDE: u8 = 0;
const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

/// The tag of `position` (0 B, 1 I, 2 L, 3 U) in a name of type index `ty`.
pub fn tag(ty: usize, position: u8) -> u8 {
    1 + 4 * ty as u8 + position
}

/// The type index and position of a tag other than `O`.
pub fn split(tag: u8) -> Option<(usize, u8)> {
    (tag != OUTSIDE).then(|| (usize::from((tag - 1) / 4), (tag - 1) % 4))
}

/// The tags of a name of type `ty` covering `len` tokens.
pub fn name_tags(ty: usize, len: usize) -> impl Iterator<Item = u8> {
    (0..len).map(move |k| match (k, len) {
        (_, 1) => tag(ty, U),
        (0, _) => tag(ty, B),
        (k, n) if k + 1 == n => tag(ty, L),
        _ => tag(ty, I),
    })
}

/// Whether `next` may follow `prev` (`None` is the sentence start).
pub fn allowed(prev: Option<u8>, next: u8) -> bool {
    let open = prev.and_then(split).filter(|&(_, p)| p == B || p == I);
    match (open, split(next)) {
        (Some((ty, _)), Some((nty, np))) => ty == nty && (np == I || np == L),
        (Some(_), None) => false,
        (None, Some((_, np))) => np == B || np == U,
        (None, None) => true,
    }
}

/// Whether a sentence may end after `tag`.
pub fn may_end(tag: u8) -> bool {
    !matches!(split(tag), Some((_, p)) if p == B || p == I)
}

/// The names in a tag sequence as (first token, end token, type index).
pub fn names(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            Some((ty, U)) => out.push((i, i + 1, ty)),
            Some((_, B)) => start = Some(i),
            Some((ty, L)) => {
                if let Some(s) = start.take() {
                    out.push((s, i + 1, ty));
                }
            }
            Some(_) => {}
            None => start = None,
        }
    }
    out
}

/// The best well-formed tag sequence.
///
/// `emissions` holds `TAGS` scores per token; `transitions[prev * TAGS + next]`; `start[tag]`
/// scores the first tag.
pub fn viterbi(emissions: &[f32], transitions: &[f32], start: &[f32]) -> Vec<u8> {
    viterbi_outside(emissions, transitions, start, &[])
}

/// [`viterbi`] where the tokens marked in `outside` can only be `O`: for them only `O` is
/// scored, and their other emissions are never read.
pub fn viterbi_outside(
    emissions: &[f32],
    transitions: &[f32],
    start: &[f32],
    outside: &[bool],
) -> Vec<u8> {
    let n = emissions.len() / TAGS;
    if n == 0 {
        return Vec::new();
    }
    // BILOU allows few pairs. A tag that opens a name or stands outside one (O, B, U) follows
    // only a tag that closes one (O, L, U); I and L of a type follow only B or I of that type.
    // Predecessors are tried in ascending order, so ties go to the lowest, as in a search over
    // every pair. The first block runs over fixed-size rows, which the compiler vectorises.
    // Rows padded to whole vectors; the padding lanes never win.
    let mut open_trans = [[f32::NEG_INFINITY; LANES]; CLOSERS];
    for (p, row) in open_trans.iter_mut().enumerate() {
        for (t, x) in row.iter_mut().take(OPENERS).enumerate() {
            *x = transitions[usize::from(CLOSING[p]) * TAGS + usize::from(OPENING[t])];
        }
    }
    let mut back = vec![[0u8; TAGS]; n];
    let mut prev = [f32::NEG_INFINITY; TAGS];
    let first_outside = outside.first() == Some(&true);
    for (t, x) in prev.iter_mut().enumerate() {
        if allowed(None, t as u8) && (!first_outside || t == usize::from(OUTSIDE)) {
            *x = start[t] + emissions[t];
        }
    }
    let to_outside: [f32; CLOSERS] =
        CLOSING.map(|p| transitions[usize::from(p) * TAGS + usize::from(OUTSIDE)]);
    for (i, row) in emissions.chunks_exact(TAGS).enumerate().skip(1) {
        let mut next = [f32::NEG_INFINITY; TAGS];
        let arg = &mut back[i];
        if outside.get(i) == Some(&true) {
            // As the block below does for `O`: the first best closing predecessor.
            let (mut best, mut best_p) = (f32::NEG_INFINITY, 0u8);
            for (k, &p) in CLOSING.iter().enumerate() {
                let s = prev[usize::from(p)] + to_outside[k];
                if s > best {
                    (best, best_p) = (s, p);
                }
            }
            next[usize::from(OUTSIDE)] = best + row[usize::from(OUTSIDE)];
            arg[usize::from(OUTSIDE)] = best_p;
            prev = next;
            continue;
        }
        let mut best = [f32::NEG_INFINITY; LANES];
        // Lanes as wide as the scores', so that one comparison selects both.
        let mut best_p = [0u32; LANES];
        for (k, trans_p) in open_trans.iter().enumerate() {
            let base = prev[usize::from(CLOSING[k])];
            let p = u32::from(CLOSING[k]);
            for t in 0..LANES {
                let s = base + trans_p[t];
                let better = s > best[t];
                best[t] = if better { s } else { best[t] };
                best_p[t] = if better { p } else { best_p[t] };
            }
        }
        for t in 0..OPENERS {
            let tag = usize::from(OPENING[t]);
            next[tag] = best[t] + row[tag];
            arg[tag] = best_p[t] as u8;
        }
        for ty in 0..TYPES.len() {
            let (b, inside) = (usize::from(tag(ty, B)), usize::from(tag(ty, I)));
            for t in [inside, usize::from(tag(ty, L))] {
                let from_b = prev[b] + transitions[b * TAGS + t];
                let from_i = prev[inside] + transitions[inside * TAGS + t];
                // Strictly better, as in the block above: a tie keeps B, the lower tag.
                let (s, p) = if from_i > from_b {
                    (from_i, inside)
                } else {
                    (from_b, b)
                };
                next[t] = s + row[t];
                arg[t] = if s > f32::NEG_INFINITY { p as u8 } else { 0 };
            }
        }
        prev = next;
    }
    let mut best = (0..TAGS)
        .filter(|&t| may_end(t as u8))
        .max_by(|&a, &b| prev[a].total_cmp(&prev[b]))
        .unwrap_or(0) as u8;
    let mut tags = vec![0u8; n];
    for i in (0..n).rev() {
        tags[i] = best;
        best = back[i][usize::from(best)];
    }
    tags
}

/// Tags that close a name or stand outside one (O, then L and U of each type), ascending.
const CLOSERS: usize = 1 + 2 * TYPES.len();
const CLOSING: [u8; CLOSERS] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Tags that open a name or stand outside one (O, then B and U of each type), ascending.
const OPENERS: usize = 1 + 2 * TYPES.len();
const OPENING: [u8; OPENERS] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// `OPENERS` rounded up to whole vectors of four.
const LANES: usize = OPENERS.div_ceil(4) * 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_names() {
        let mut tags = vec![OUTSIDE];
        tags.extend(name_tags(0, 2));
        tags.push(OUTSIDE);
        tags.extend(name_tags(2, 1));
        tags.extend(name_tags(1, 3));
        assert_eq!(names(&tags), vec![(1, 3, 0), (4, 5, 2), (5, 8, 1)]);
    }

    #[test]
    fn transitions_follow_bilou() {
        assert!(allowed(None, tag(0, B)));
        assert!(!allowed(None, tag(0, I)));
        assert!(allowed(Some(tag(1, B)), tag(1, L)));
        assert!(!allowed(Some(tag(1, B)), tag(2, L)));
        assert!(!allowed(Some(tag(1, I)), OUTSIDE));
        assert!(allowed(Some(tag(3, U)), tag(3, B)));
        assert!(!may_end(tag(0, B)));
        assert!(may_end(tag(0, L)));
    }

    #[test]
    fn the_decoder_tables_follow_bilou() {
        for p in 0..TAGS as u8 {
            for t in 0..TAGS as u8 {
                let closes = CLOSING.contains(&p);
                let opens = OPENING.contains(&t);
                let inner = split(t).is_some_and(|(_, pos)| pos == I || pos == L);
                let same_open = matches!((split(p), split(t)), (Some((a, pa)), Some((b, _)))
                    if a == b && (pa == B || pa == I));
                assert_eq!(
                    allowed(Some(p), t),
                    (closes && opens) || (inner && same_open)
                );
            }
        }
    }

    #[test]
    fn viterbi_prefers_well_formed_paths() {
        // Token 0 strongly wants B-PER, token 1 slightly prefers O over L-PER: a B must close,
        // so the best legal path is B-PER L-PER or U-PER O.
        let mut e = vec![0.0; 2 * TAGS];
        e[usize::from(tag(0, B))] = 5.0;
        e[usize::from(tag(0, U))] = 1.0;
        e[TAGS] = 2.0;
        e[TAGS + usize::from(tag(0, L))] = 1.5;
        let trans = vec![0.0; TAGS * TAGS];
        let tags = viterbi(&e, &trans, &[0.0; TAGS]);
        assert_eq!(tags, vec![tag(0, B), tag(0, L)]);
        assert!(viterbi(&[], &trans, &[0.0; TAGS]).is_empty());
    }

    #[test]
    fn tokens_that_can_only_be_outside_give_the_same_path() {
        // Pseudo-random emissions and transitions; some tokens ruled out of every name.
        let mut x = 12345u32;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            f32::from((x >> 16) as u16 % 1000) / 100.0 - 5.0
        };
        let trans: Vec<f32> = (0..TAGS * TAGS).map(|_| next()).collect();
        let start: Vec<f32> = (0..TAGS).map(|_| next()).collect();
        let n = 40;
        let outside: Vec<bool> = (0..n).map(|i| i % 3 == 1 || i % 7 == 0).collect();
        assert!(outside[0], "the first token too");
        let e: Vec<f32> = (0..n * TAGS).map(|_| next()).collect();
        // The full search, with the other tags of those tokens ruled out by their emissions.
        let mut ruled = e.clone();
        for (i, &o) in outside.iter().enumerate() {
            if o {
                for t in 1..TAGS {
                    ruled[i * TAGS + t] = -1.0e6;
                }
            }
        }
        let plain = viterbi(&ruled, &trans, &start);
        assert_eq!(viterbi_outside(&e, &trans, &start, &outside), plain);
        assert!(
            plain.iter().any(|&t| t != OUTSIDE),
            "some names in the path"
        );
    }
}
