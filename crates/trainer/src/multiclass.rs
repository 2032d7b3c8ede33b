//! An averaged multi-class perceptron over hashed features, with sparse rows: each feature keeps
//! weights only for the classes it was ever updated for. Averaged lazily with the `w - u / c`
//! trick (Daumé 2006), as in `perceptron.rs`.

use annotator_engine::linear::Linear;

/// Maps keyed by feature hashes.
pub type KeyMap<V> = annotator_engine::hash::FastMap<u32, V>;

#[derive(Clone, Copy)]
struct Cell {
    class: u8,
    w: f32,
    u: f64,
}

pub struct MultiClass {
    classes: usize,
    rows: KeyMap<Vec<Cell>>,
    c: f64,
    /// How often each feature was seen before `freeze`.
    seen: KeyMap<u32>,
    frozen: bool,
}

impl MultiClass {
    pub fn new(classes: usize) -> MultiClass {
        MultiClass {
            classes,
            rows: KeyMap::default(),
            c: 1.0,
            seen: KeyMap::default(),
            frozen: false,
        }
    }

    /// Counts the features of one example (before `freeze`).
    pub fn observe(&mut self, features: &[u32]) {
        if !self.frozen {
            for &f in features {
                *self.seen.entry(f).or_default() += 1;
            }
        }
    }

    /// Forgets features seen fewer than `min_count` times; from now on only the others learn.
    pub fn freeze(&mut self, min_count: u32) {
        if self.frozen {
            return;
        }
        let seen = std::mem::take(&mut self.seen);
        self.rows
            .retain(|k, _| seen.get(k).is_some_and(|&n| n >= min_count));
        for (k, n) in seen {
            if n >= min_count {
                self.rows.entry(k).or_default();
            }
        }
        self.frozen = true;
    }

    /// Adds the current weights of `features` to `scores`.
    pub fn score(&self, features: &[u32], scores: &mut [f32]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for cell in row {
                    scores[usize::from(cell.class)] += cell.w;
                }
            }
        }
    }

    /// Rewards `truth` and penalises `guess` on every feature.
    pub fn update(&mut self, features: &[u32], truth: usize, guess: usize) {
        if truth != guess {
            self.nudge(features, truth, 1.0);
            self.nudge(features, guess, -1.0);
        }
    }

    /// The `k` features with the largest averaged weights (in size), for a smaller model.
    pub fn top_features(&self, k: usize) -> Vec<u32> {
        let mut ranked: Vec<(f32, u32)> = self
            .averaged()
            .into_iter()
            .map(|(key, cells)| (cells.iter().fold(0f32, |m, c| m.max(c.1.abs())), key))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(k);
        ranked.into_iter().map(|(_, key)| key).collect()
    }

    /// A fresh model that will learn only `features`.
    pub fn restricted(classes: usize, features: &[u32]) -> MultiClass {
        let mut m = MultiClass::new(classes);
        for &f in features {
            m.rows.entry(f).or_default();
        }
        m.frozen = true;
        m
    }

    /// Adds `delta` to the weight of `class` on every feature (a ranking step).
    pub fn nudge(&mut self, features: &[u32], class: usize, delta: f32) {
        let c = self.c;
        for &f in features {
            let row = if self.frozen {
                match self.rows.get_mut(&f) {
                    Some(row) => row,
                    None => continue,
                }
            } else {
                self.rows.entry(f).or_default()
            };
            let k = match row.iter().position(|x| usize::from(x.class) == class) {
                Some(k) => k,
                None => {
                    row.push(Cell {
                        class: class as u8,
                        w: 0.0,
                        u: 0.0,
                    });
                    row.len() - 1
                }
            };
            row[k].w += delta;
            row[k].u += c * f64::from(delta);
        }
    }

    /// A model whose weights are the mean of the models' averaged weights (a small ensemble),
    /// ready for scoring.
    pub fn mean(models: &[MultiClass]) -> MultiClass {
        let mut sum: KeyMap<Vec<(u8, f32)>> = KeyMap::default();
        for m in models {
            for (k, cells) in m.averaged() {
                let row = sum.entry(k).or_default();
                for (class, w) in cells {
                    match row.iter_mut().find(|x| x.0 == class) {
                        Some(x) => x.1 += w,
                        None => row.push((class, w)),
                    }
                }
            }
        }
        let n = models.len().max(1) as f32;
        let mut out = MultiClass::new(models.first().map_or(1, |m| m.classes));
        for (k, cells) in sum {
            out.rows.insert(
                k,
                cells
                    .into_iter()
                    .map(|(class, w)| Cell {
                        class,
                        w: w / n,
                        u: 0.0,
                    })
                    .collect(),
            );
        }
        out.frozen = true;
        out
    }

    /// Counts one example (for the average).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights, rows sorted by key.
    pub fn averaged(&self) -> Vec<(u32, Vec<(u8, f32)>)> {
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = self
            .rows
            .iter()
            .filter(|(_, row)| !row.is_empty())
            .map(|(&k, row)| {
                let mut cells: Vec<(u8, f32)> = row
                    .iter()
                    .map(|x| (x.class, (f64::from(x.w) - x.u / self.c) as f32))
                    .collect();
                cells.sort_by_key(|x| x.0);
                (k, cells)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows
    }

    /// The quantised model with weights below `min_weight` in size pruned.
    pub fn to_linear(&self, min_weight: f32) -> Linear {
        Linear::quantise(self.classes, &self.averaged(), min_weight)
    }
}

/// The class with the highest score among those `allowed` accepts (the first on ties).
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    for (k, &s) in scores.iter().enumerate() {
        if allowed(k) && (best == usize::MAX || s > scores[best]) {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_averages() {
        // Feature 1 means class 0, feature 2 class 1, feature 3 is noise.
        let data = [(vec![1, 3], 0), (vec![2, 3], 1), (vec![1], 0), (vec![2], 1)];
        let mut m = MultiClass::new(2);
        for _ in 0..5 {
            for (f, y) in &data {
                let mut s = [0.0; 2];
                m.score(f, &mut s);
                let guess = argmax(&s, |_| true);
                m.update(f, *y, guess);
                m.tick();
            }
        }
        let linear = m.to_linear(0.0);
        for (f, y) in &data {
            let mut s = [0.0; 2];
            linear.add(f, &mut s);
            assert_eq!(argmax(&s, |_| true), *y, "{f:?} {s:?}");
        }
        assert_eq!(argmax(&[1.0, 5.0, 3.0], |k| k != 1), 2);
    }
}
