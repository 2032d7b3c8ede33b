//! The learned quote models: a classifier that keeps or drops each direct-quote candidate, one
//! for each reported-clause candidate, a ranker that scores speaker candidates, and the
//! calibration that turns their scores into probabilities.

use super::speakers::{FirstNames, Gender};
use crate::binary::{ReadError, Reader, Writer};
use crate::linear::Linear;

/// A logistic map from a score to a probability, fitted on held-out scores (Platt scaling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    pub a: f32,
    pub b: f32,
}

impl Default for Platt {
    fn default() -> Self {
        Platt { a: 1.0, b: 0.0 }
    }
}

impl Platt {
    pub fn probability(self, score: f32) -> f32 {
        let z = (self.a * score + self.b).clamp(-30.0, 30.0);
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits `a` and `b` by Newton's method with a backtracking line search on the log loss of
    /// (score, outcome) pairs (Lin, Lin and Weng's version of Platt's method), with Platt's
    /// smoothed targets so that perfectly separated data keep finite parameters.
    pub fn fit(points: &[(f32, bool)]) -> Platt {
        let pos = points.iter().filter(|p| p.1).count() as f64;
        let neg = points.len() as f64 - pos;
        if pos == 0.0 || neg == 0.0 {
            return Platt::default();
        }
        let (hi, lo) = ((pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0));
        let target = |y: bool| if y { hi } else { lo };
        // The log loss, written to stay finite for any a and b.
        let loss = |a: f64, b: f64| -> f64 {
            points
                .iter()
                .map(|&(s, y)| {
                    let z = a * f64::from(s) + b;
                    let t = target(y);
                    // -(t log p + (1 - t) log(1 - p)) with p = sigmoid(z)
                    if z >= 0.0 {
                        (1.0 - t) * z + (-z).exp().ln_1p()
                    } else {
                        -t * z + z.exp().ln_1p()
                    }
                })
                .sum()
        };
        let (mut a, mut b) = (0.0f64, ((pos + 1.0) / (neg + 1.0)).ln());
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-12, 0.0, 1e-12);
            for &(s, y) in points {
                let s = f64::from(s);
                let p = 1.0 / (1.0 + (-(a * s + b)).exp());
                let d = p - target(y);
                ga += d * s;
                gb += d;
                let w = (p * (1.0 - p)).max(1e-12);
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }
            if ga.abs() < 1e-7 && gb.abs() < 1e-7 {
                break;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-18 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            let mut step = 1.0;
            let mut improved = false;
            while step > 1e-10 {
                let (na, nb) = (a - step * da, b - step * db);
                let l = loss(na, nb);
                if l < current + 1e-4 * step * (ga * -da + gb * -db) {
                    (a, b, current) = (na, nb, l);
                    improved = true;
                    break;
                }
                step /= 2.0;
            }
            if !improved {
                break;
            }
        }
        Platt {
            a: a as f32,
            b: b as f32,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuoteModel {
    /// Direct-quote candidates: class 1 keeps, class 0 drops.
    pub direct: Linear,
    /// Reported-clause candidates: class 1 keeps, class 0 drops.
    pub reported: Linear,
    /// Speaker candidates: the score of class 0 ranks them.
    pub speaker: Linear,
    /// Probabilities from the keep-minus-drop margins, and from the speaker margin (best
    /// candidate's score minus the runner-up's).
    pub direct_calibration: Platt,
    pub reported_calibration: Platt,
    pub speaker_calibration: Platt,
    /// Probability that the only speaker candidate of a quote is right, from its score.
    pub sole_calibration: Platt,
    /// First names (word keys) with the sex of most of their bearers, for pronoun agreement.
    pub first_names: FirstNames,
    /// The share of the quotes the rules decide (embedded quoted words, nested quotes) that are
    /// right, in training: their span confidence.
    pub ruled_precision: f32,
}

impl QuoteModel {
    pub fn write(&self, w: &mut Writer) {
        self.direct.write(w);
        self.reported.write(w);
        self.speaker.write(w);
        for p in [
            self.direct_calibration,
            self.reported_calibration,
            self.speaker_calibration,
            self.sole_calibration,
        ] {
            w.f32(p.a);
            w.f32(p.b);
        }
        w.f32(self.ruled_precision);
        for g in [Gender::Female, Gender::Male] {
            let mut keys: Vec<u32> = self
                .first_names
                .iter()
                .filter(|(_, &x)| x == g)
                .map(|(&k, _)| k)
                .collect();
            keys.sort_unstable();
            w.sorted_keys(&keys);
        }
    }

    pub fn read(r: &mut Reader) -> Result<QuoteModel, ReadError> {
        let direct = Linear::read(r)?;
        let reported = Linear::read(r)?;
        let speaker = Linear::read(r)?;
        if direct.classes() != 2 || reported.classes() != 2 || speaker.classes() != 1 {
            return Err(ReadError::Corrupt("quote model class counts"));
        }
        let mut platt = || -> Result<Platt, ReadError> {
            Ok(Platt {
                a: r.f32()?,
                b: r.f32()?,
            })
        };
        let (direct_calibration, reported_calibration, speaker_calibration, sole_calibration) =
            (platt()?, platt()?, platt()?, platt()?);
        let ruled_precision = r.f32()?;
        if !(0.0..=1.0).contains(&ruled_precision) {
            return Err(ReadError::Corrupt("ruled precision"));
        }
        let mut first_names = FirstNames::default();
        for g in [Gender::Female, Gender::Male] {
            for k in r.sorted_keys()? {
                first_names.insert(k, g);
            }
        }
        Ok(QuoteModel {
            direct,
            reported,
            speaker,
            direct_calibration,
            reported_calibration,
            speaker_calibration,
            sole_calibration,
            first_names,
            ruled_precision,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_scaling_matches_the_rate_of_a_common_score() {
        // Most quotes have one candidate speaker (one fixed margin) and are right 85% of the
        // time: the calibrated confidence there must say so, not round to certainty.
        let mut points: Vec<(f32, bool)> = (0..1000).map(|k| (10.0, k % 20 < 17)).collect();
        points.extend((0..200).map(|k| (k as f32 / 50.0, k % 2 == 0)));
        let p = Platt::fit(&points);
        let at_ten = p.probability(10.0);
        assert!((0.8..0.9).contains(&at_ten), "{p:?} gives {at_ten}");
        assert!(p.probability(0.0) < at_ten, "{p:?}");
    }

    #[test]
    fn platt_scaling_fits_rising_outcomes() {
        // Outcomes get likelier as the score rises: the fitted curve rises through one half.
        let points: Vec<(f32, bool)> = (0..200)
            .map(|k| {
                let s = k as f32 / 20.0 - 5.0;
                (s, (k * 7919) % 200 < k)
            })
            .collect();
        let p = Platt::fit(&points);
        assert!(p.a > 0.0, "{p:?}");
        assert!(
            p.probability(-5.0) < 0.2 && p.probability(5.0) > 0.8,
            "{p:?}"
        );
        let mid = p.probability(0.0);
        assert!((0.3..0.7).contains(&mid), "{mid}");
        assert_eq!(Platt::fit(&[(1.0, true)]), Platt::default());
    }

    #[test]
    fn a_model_round_trips() {
        let m = QuoteModel {
            direct: Linear::quantise(2, &[(5, vec![(1, 0.5)])], 0.0),
            reported: Linear::quantise(2, &[], 0.0),
            speaker: Linear::quantise(1, &[(9, vec![(0, -2.0)])], 0.0),
            direct_calibration: Platt { a: 2.0, b: -1.0 },
            first_names: [(7, Gender::Female), (9, Gender::Male)]
                .into_iter()
                .collect(),
            ..QuoteModel::default()
        };
        let m = QuoteModel {
            reported: Linear::quantise(2, &[(1, vec![(0, 1.0)])], 0.0),
            ..m
        };
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let back = QuoteModel::read(&mut Reader::new(&bytes)).expect("reads its own output");
        assert_eq!(back, m);
    }
}
