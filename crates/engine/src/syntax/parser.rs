//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez & Satta
//! 2011) chosen by an averaged perceptron, each new arc labelled by a second perceptron.
//!
//! Tokens are numbered inside their sentence; the root is an extra token after the last one.
//! Moves: SHIFT pushes the first buffer token; LEFT makes it the head of the stack's top and
//! pops it; RIGHT makes the token below the top its head and pops it. The root may take a
//! dependent only when the stack holds one token, so every sentence gets one tree.
//!
//! [`cost`] is the dynamic oracle (Goldberg & Nivre 2013): how many gold arcs a move makes
//! unreachable from the current state. The trainer learns from it while following the model's
//! own, possibly wrong, moves.

use super::tags::{Dep, Tag};
use super::words::{feat, feat2, feat3, Word, NO_CLUSTER};
use crate::linear::Linear;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const MOVES: usize = 3;

const NONE: usize = usize::MAX;

/// A parser state over one sentence of `n` tokens.
#[derive(Debug, Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// The first buffer token (`n` is the root).
    pub next: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<Dep>,
    /// The two leftmost and the two rightmost children of each token (and of the root).
    lefts: Vec<[usize; 2]>,
    rights: Vec<[usize; 2]>,
    n_lefts: Vec<u8>,
    n_rights: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            next: 0,
            heads: vec![NONE; n],
            labels: vec![Dep::DEP; n],
            lefts: vec![[NONE; 2]; n + 1],
            rights: vec![[NONE; 2]; n + 1],
            n_lefts: vec![0; n + 1],
            n_rights: vec![0; n + 1],
        }
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.next >= self.n
    }

    pub fn valid(&self, mv: usize) -> bool {
        match mv {
            SHIFT => self.next < self.n,
            LEFT => !self.stack.is_empty() && (self.next < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The head and dependent an arc move would join.
    pub fn arc(&self, mv: usize) -> (usize, usize) {
        let s0 = self.stack[self.stack.len() - 1];
        match mv {
            LEFT => (self.next, s0),
            _ => (self.stack[self.stack.len() - 2], s0),
        }
    }

    pub fn apply(&mut self, mv: usize, label: Dep) {
        if mv == SHIFT {
            self.stack.push(self.next);
            self.next += 1;
            return;
        }
        let (head, dep) = self.arc(mv);
        self.stack.pop();
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            let l = &mut self.lefts[head];
            if dep < l[0] || l[0] == NONE {
                *l = [dep, l[0]];
            } else if dep < l[1] || l[1] == NONE {
                l[1] = dep;
            }
            self.n_lefts[head] = self.n_lefts[head].saturating_add(1);
        } else {
            let r = &mut self.rights[head];
            if r[0] == NONE || dep > r[0] {
                *r = [dep, r[0]];
            } else if r[1] == NONE || dep > r[1] {
                r[1] = dep;
            }
            self.n_rights[head] = self.n_rights[head].saturating_add(1);
        }
    }

    fn stack_at(&self, k: usize) -> usize {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    fn buffer_at(&self, k: usize) -> usize {
        let i = self.next + k;
        if i <= self.n {
            i
        } else {
            NONE
        }
    }
}

/// How many gold arcs `mv` makes unreachable (`gold[d]` is the head of `d`, `n` for the root).
pub fn cost(state: &State, mv: usize, gold: &[usize]) -> usize {
    let n = state.n;
    let in_buffer = |x: usize| x >= state.next && x <= n;
    let buffer_deps = |h: usize| (state.next..n).filter(|&d| gold[d] == h).count();
    match mv {
        SHIFT => {
            let b = state.next;
            let s0 = state.stack.last().copied().unwrap_or(NONE);
            let head_lost = state.stack.iter().any(|&s| s != s0 && gold[b] == s);
            let deps_lost = state.stack.iter().filter(|&&s| gold[s] == b).count();
            usize::from(head_lost) + deps_lost
        }
        LEFT => {
            let (head, s0) = state.arc(LEFT);
            let s1 = state.stack_at(1);
            let g = gold[s0];
            let head_lost = g != head && (g == s1 || in_buffer(g));
            usize::from(head_lost) + buffer_deps(s0)
        }
        _ => {
            let (head, s0) = state.arc(RIGHT);
            let g = gold[s0];
            let head_lost = g != head && in_buffer(g);
            usize::from(head_lost) + buffer_deps(s0)
        }
    }
}

// Template numbers. Changing any of them changes every feature: retrain afterwards.
const F: u64 = 200;

/// What the feature templates read of one position.
#[derive(Clone, Copy)]
struct Slot {
    w: u64,
    t: u64,
    c: u64,
}

const EMPTY: Slot = Slot {
    w: 0xE,
    t: 0xE,
    c: 0xE,
};

fn slot(words: &[Word], tags: &[Tag], n: usize, i: usize) -> Slot {
    if i == NONE {
        EMPTY
    } else if i == n {
        Slot {
            w: 0xA,
            t: 0xA,
            c: 0xA,
        }
    } else {
        let c = words[i].clusters[1];
        Slot {
            w: words[i].lower,
            t: u64::from(tags[i].0),
            c: if c == NO_CLUSTER { 0xC } else { u64::from(c) },
        }
    }
}

fn distance(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Features of the state for choosing the next move. `words` and `tags` are the sentence's.
pub fn features(s: &State, words: &[Word], tags: &[Tag], out: &mut Vec<u32>) {
    out.clear();
    let n = s.n;
    let (s0i, s1i, s2i) = (s.stack_at(0), s.stack_at(1), s.stack_at(2));
    let (n0i, n1i, n2i) = (s.buffer_at(0), s.buffer_at(1), s.buffer_at(2));
    let child = |i: usize, side: &[[usize; 2]], k: usize| {
        if i == NONE {
            NONE
        } else {
            side[i][k]
        }
    };
    let at = |i| slot(words, tags, n, i);
    let (s0, s1, s2) = (at(s0i), at(s1i), at(s2i));
    let (n0, n1, n2) = (at(n0i), at(n1i), at(n2i));
    let s0l = child(s0i, &s.lefts, 0);
    let s0r = child(s0i, &s.rights, 0);
    let n0l = child(n0i, &s.lefts, 0);
    let (s0l_, s0r_, n0l_) = (at(s0l), at(s0r), at(n0l));
    let s0l2 = at(child(s0i, &s.lefts, 1));
    let s0r2 = at(child(s0i, &s.rights, 1));
    let n0l2 = at(child(n0i, &s.lefts, 1));
    let s1r = at(child(s1i, &s.rights, 0));
    let label = |i: usize| {
        if i == NONE {
            0xE
        } else {
            u64::from(s.labels[i].0)
        }
    };
    let (s0ll, s0rl, n0ll) = (label(s0l), label(s0r), label(n0l));
    let d = distance(s0i, n0i);
    let valency = |i: usize, side: &[u8]| if i == NONE { 0xE } else { u64::from(side[i]) };
    let (s0vr, s0vl, n0vl) = (
        valency(s0i, &s.n_rights),
        valency(s0i, &s.n_lefts),
        valency(n0i, &s.n_lefts),
    );
    // Commas between the stack's top and the buffer (appositions, lists, parentheticals).
    let commas = if s0i != NONE && n0i != NONE && n0i < n {
        (s0i + 1..n0i)
            .filter(|&k| tags[k] == Tag::COMMA)
            .count()
            .min(3) as u64
    } else {
        0
    };
    let mut t = F;
    let mut push = |x: u32| {
        out.push(x);
    };
    let mut next = || {
        t += 1;
        t
    };
    // Single positions.
    push(feat(next(), s0.w));
    push(feat(next(), s0.t));
    push(feat2(next(), s0.w, s0.t));
    push(feat(next(), n0.w));
    push(feat(next(), n0.t));
    push(feat2(next(), n0.w, n0.t));
    push(feat(next(), n1.w));
    push(feat(next(), n1.t));
    push(feat2(next(), n1.w, n1.t));
    push(feat(next(), n2.t));
    push(feat(next(), s1.w));
    push(feat(next(), s1.t));
    push(feat(next(), s2.t));
    push(feat(next(), s0.c));
    push(feat(next(), n0.c));
    push(feat(next(), n1.c));
    push(feat(next(), s1.c));
    // Pairs.
    push(feat2(next(), s0.w, n0.w));
    push(feat2(next(), s0.t, n0.t));
    push(feat3(next(), s0.w, s0.t, n0.t));
    push(feat3(next(), s0.t, n0.w, n0.t));
    push(feat2(next(), s0.c, n0.c));
    push(feat2(next(), s0.c, n0.t));
    push(feat2(next(), s0.t, n0.c));
    push(feat2(next(), n0.t, n1.t));
    push(feat2(next(), s1.t, s0.t));
    push(feat2(next(), s1.w, s0.w));
    // Triples of tags.
    push(feat3(next(), n0.t, n1.t, n2.t));
    push(feat3(next(), s0.t, n0.t, n1.t));
    push(feat3(next(), s1.t, s0.t, n0.t));
    push(feat3(next(), s2.t, s1.t, s0.t));
    push(feat3(next(), s0.t, s0l_.t, n0.t));
    push(feat3(next(), s0.t, s0r_.t, n0.t));
    push(feat3(next(), s0.t, n0.t, n0l_.t));
    push(feat3(next(), s0.t, s0l_.t, s0l2.t));
    push(feat3(next(), s0.t, s0r_.t, s0r2.t));
    push(feat3(next(), n0.t, n0l_.t, n0l2.t));
    push(feat3(next(), s1.t, s1r.t, s0.t));
    // Distance, valency, labels of children, commas.
    push(feat2(next(), s0.w, d));
    push(feat2(next(), s0.t, d));
    push(feat2(next(), n0.w, d));
    push(feat3(next(), s0.t, n0.t, d));
    push(feat2(next(), s0.w, s0vr));
    push(feat2(next(), s0.t, s0vr));
    push(feat2(next(), s0.t, s0vl));
    push(feat2(next(), n0.t, n0vl));
    push(feat2(next(), s0.t, s0ll));
    push(feat2(next(), s0.t, s0rl));
    push(feat2(next(), n0.t, n0ll));
    push(feat3(next(), s0.t, s0ll, s0rl));
    push(feat3(next(), s0.t, n0.t, commas));
    push(feat3(next(), s1.t, s0.t, commas));
}

// Label templates start here.
const L: u64 = 300;

/// Features for the label of the arc `head` → `dep` (the dependent is complete: arc-hybrid
/// attaches a token only once all its children are attached).
pub fn label_features(
    s: &State,
    head: usize,
    dep: usize,
    words: &[Word],
    tags: &[Tag],
    out: &mut Vec<u32>,
) {
    out.clear();
    let n = s.n;
    let at = |i| slot(words, tags, n, i);
    let (h, d) = (at(head), at(dep));
    let dir = u64::from(dep < head);
    let dist = distance(head, dep);
    let dl = at(s.lefts[dep][0]);
    let dr = at(s.rights[dep][0]);
    let hl = at(s.lefts[head][0]);
    let label = |i: usize| {
        if i == NONE {
            0xE
        } else {
            u64::from(s.labels[i].0)
        }
    };
    let mut t = L;
    let mut next = || {
        t += 1;
        t
    };
    out.push(feat(next(), d.w));
    out.push(feat(next(), d.t));
    out.push(feat(next(), h.w));
    out.push(feat(next(), h.t));
    out.push(feat2(next(), d.t, dir));
    out.push(feat3(next(), h.t, d.t, dir));
    out.push(feat3(next(), h.w, d.t, dir));
    out.push(feat3(next(), h.t, d.w, dir));
    out.push(feat3(next(), h.w, d.w, dir));
    out.push(feat3(next(), h.t, d.t, dist));
    out.push(feat3(next(), d.c, h.t, dir));
    out.push(feat3(next(), h.c, d.t, dir));
    out.push(feat3(next(), d.t, dl.t, dr.t));
    out.push(feat3(
        next(),
        d.t,
        label(s.lefts[dep][0]),
        label(s.rights[dep][0]),
    ));
    out.push(feat3(next(), h.t, d.t, hl.t));
    out.push(feat2(next(), d.w, dir));
    let after = if dep + 1 < n { at(dep + 1).t } else { 0xA };
    let before = if dep > 0 { at(dep - 1).t } else { 0xA };
    out.push(feat3(next(), d.t, before, after));
}

/// The best valid move for the scores (the first valid one on ties).
pub fn best_move(state: &State, scores: &[f32; MOVES]) -> usize {
    let mut best = NONE;
    for mv in 0..MOVES {
        if state.valid(mv) && (best == NONE || scores[mv] > scores[best]) {
            best = mv;
        }
    }
    best
}

/// The move to make when only one is valid.
fn forced_move(state: &State) -> Option<usize> {
    let mut valid = (0..MOVES).filter(|&mv| state.valid(mv));
    let first = valid.next()?;
    valid.next().is_none().then_some(first)
}

/// The best label for an arc; the root's dependent is always `ROOT`, other arcs never are.
pub fn best_label(head: usize, n: usize, scores: &[f32]) -> Dep {
    if head == n {
        return Dep::ROOT;
    }
    let mut k = 1;
    for (j, &x) in scores.iter().enumerate().skip(1) {
        if x > scores[k] {
            k = j;
        }
    }
    Dep(k as u8)
}

/// Parses one sentence: heads inside the sentence (the root points at itself) and labels.
pub fn parse(
    moves: &Linear,
    labels: &Linear,
    words: &[Word],
    tags: &[Tag],
) -> (Vec<usize>, Vec<Dep>) {
    let n = words.len();
    let mut state = State::new(n);
    let mut f = Vec::with_capacity(64);
    let mut label_scores = [0f32; Dep::COUNT];
    while !state.is_final() {
        // A move that is the only valid one needs no scores (an empty stack shifts; once the
        // buffer holds only the root, the stack is reduced).
        let mv = match forced_move(&state) {
            Some(mv) => mv,
            None => {
                features(&state, words, tags, &mut f);
                let mut scores = [0f32; MOVES];
                moves.add(&f, &mut scores);
                best_move(&state, &scores)
            }
        };
        let label = if mv == SHIFT {
            Dep::DEP
        } else {
            let (head, dep) = state.arc(mv);
            label_features(&state, head, dep, words, tags, &mut f);
            label_scores.fill(0.0);
            labels.add(&f, &mut label_scores);
            best_label(head, n, &label_scores)
        };
        state.apply(mv, label);
    }
    let heads = state
        .heads
        .iter()
        .enumerate()
        .map(|(d, &h)| if h >= n { d } else { h })
        .collect();
    (heads, state.labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the zero-cost moves for a gold tree and checks that they rebuild it.
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let n = gold.len();
        let mut s = State::new(n);
        while !s.is_final() {
            let mv = (0..MOVES)
                .find(|&m| s.valid(m) && cost(&s, m, gold) == 0)
                .expect("a projective tree always has a zero-cost move");
            s.apply(mv, Dep::DEP);
        }
        s.heads
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "She said the plan failed ." : said is the root; failed its complement.
        let gold = vec![1, 6, 3, 4, 1, 1];
        assert_eq!(oracle_parse(&gold), gold);
        // A chain to the right and one to the left.
        assert_eq!(oracle_parse(&[1, 2, 3, 4]), vec![1, 2, 3, 4]);
        assert_eq!(oracle_parse(&[4, 0, 1, 2]), vec![4, 0, 1, 2]);
    }

    #[test]
    fn costs_count_lost_arcs() {
        // Tokens 0 1 2, root 3; gold: 0 <- 1, 1 -> root, 2 <- 1.
        let gold = [1, 3, 1];
        let mut s = State::new(3);
        s.apply(SHIFT, Dep::DEP); // stack [0]
        assert_eq!(cost(&s, LEFT, &gold), 0, "0 takes its head 1");
        assert_eq!(cost(&s, SHIFT, &gold), 1, "1 above 0 can never be its head");
        s.apply(SHIFT, Dep::DEP); // stack [0 1], buffer 2
                                  // RIGHT would make 0 the head of 1: 1 loses its root arc and its dependent 2.
        assert_eq!(cost(&s, RIGHT, &gold), 2);
        // Shifting 2 keeps its head 1 (the stack's top) within reach.
        assert_eq!(cost(&s, SHIFT, &gold), 0);
    }

    #[test]
    fn the_root_takes_one_dependent() {
        let mut s = State::new(2);
        s.apply(SHIFT, Dep::DEP);
        s.apply(SHIFT, Dep::DEP);
        assert!(!s.valid(LEFT), "two tokens on the stack: the root waits");
        assert!(s.valid(RIGHT));
        s.apply(RIGHT, Dep::DEP);
        assert!(s.valid(LEFT));
        s.apply(LEFT, Dep::ROOT);
        assert!(s.is_final());
        assert_eq!(s.heads, vec![2, 0]);
    }
}
