//! Numbers, dates and times by rule: DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL,
//! after the OntoNotes 5 conventions.
//!
//! Every token is classed once ([`Lex`]); then one left-to-right pass per sentence tries, at each
//! token, the expressions that can start there and keeps the first match. Each matcher looks at a
//! bounded number of tokens (a run of number words at most once), so the pass is linear in the
//! number of tokens. Approximators ("about", "more than") stay outside the spans.

use crate::analysis::Label;
use crate::hash::FastMap;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Finds number and time expressions in `doc`: byte spans, in text order, without overlaps.
pub fn detect(doc: &Document) -> Vec<(Span, Label)> {
    let lex: Vec<Lex> = doc
        .tokens
        .iter()
        .map(|t| classify(t.text(doc.text), t.kind))
        .collect();
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        let first_word = range
            .clone()
            .find(|&k| doc.tokens[k].kind == TokenKind::Word)
            .unwrap_or(range.end);
        let scan = Scan {
            doc,
            lex: &lex,
            lo: range.start,
            hi: range.end,
            first_word,
        };
        let mut i = scan.lo;
        while i < scan.hi {
            if scan.cannot_start(i) {
                i += 1;
                continue;
            }
            match scan.expression_at(i) {
                Some(found) => {
                    debug_assert!(found.end > i && found.end <= scan.hi);
                    let span = Span::new(
                        doc.tokens[i].span.start(),
                        doc.tokens[found.end - 1].span.end(),
                    );
                    out.push((span, found.label));
                    i = found.end;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The class of a token, from its lower-cased text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    Other,
    /// "zero" to "ninety-nine" spelled out.
    NumWord,
    /// "hundred", "thousand", "million", "billion", "trillion".
    Scale,
    /// "hundreds", "thousands", "dozens", "tens": vague counts.
    Scales,
    /// "first" to "millionth", "twenty-first".
    Ordinal,
    Month(MonthKind),
    Weekday,
    Season,
    /// "day(s)", "week(s)", "year(s)", "decade(s)", "century" ...: durations that are DATEs.
    DateUnit,
    /// "quarter", "half": parts of a year after an ordinal ("the first quarter").
    YearPart,
    /// "hour(s)", "minute(s)", "seconds": durations that are TIMEs.
    TimeUnit,
    /// "morning", "afternoon", "evening", "night".
    PartOfDay,
    /// "today", "yesterday", "tomorrow".
    Deictic,
    /// "tonight", "noon", "midnight", "midday": TIMEs on their own.
    TimeWord,
    /// "last", "next", "this", "past", "coming", "previous", "following".
    Relative,
    /// "early", "late", "mid".
    Edge,
    /// "ago", "earlier", "later", "old" after a duration.
    After,
    /// "dollars", "pence", "euros" ...
    Currency,
    /// "$", "£", "€" ...
    CurrencySign,
    /// "%", "percent".
    PercentSign,
    /// "km", "tonnes", "miles" ...
    Unit,
    /// "square", "cubic", "metric", "nautical" before a unit.
    UnitPrefix,
    /// "a.m.", "p.m.", "am", "pm".
    Meridiem,
    /// "GMT", "UTC", "EST" ...
    Zone,
    /// Prepositions that set a bare year in time: "in", "since", "until" ...
    DatePrep,
    /// Words that announce a count: "about", "nearly", "some", "than" ...
    CountWord,
    /// Other closed-class words; a number after them is no part of a name.
    Function,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthKind {
    /// "January", "Aug.": a month wherever it is capitalised.
    Plain,
    /// "May", "March": also a verb, so a month only with a day, a year or a date preposition.
    Ambiguous,
    /// "Jan", "Aug" without a period: a month only before a day or a year.
    Short,
}

fn classify(word: &str, kind: TokenKind) -> Lex {
    match kind {
        TokenKind::Punct => match word {
            "$" | "£" | "€" | "¥" | "₹" | "₽" | "₩" => Lex::CurrencySign,
            "%" => Lex::PercentSign,
            _ => Lex::Other,
        },
        TokenKind::Word => {
            let mut buf = [0u8; 24];
            match ascii_lower(word, &mut buf) {
                Some(key) => lexeme(key),
                None => Lex::Other,
            }
        }
        _ => Lex::Other,
    }
}

/// `word` lower-cased into `buf` (typographic apostrophes made straight), if it is short ASCII.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '\u{2019}' => b'\'',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// The words with a meaning for numbers and dates, by lexeme.
const LEXEMES: &[(Lex, &[&str])] = &[
    (
        Lex::NumWord,
        &[
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
        ],
    ),
    (
        Lex::Scale,
        &["hundred", "thousand", "million", "billion", "trillion"],
    ),
    (
        Lex::Scales,
        &[
            "hundreds",
            "thousands",
            "millions",
            "billions",
            "dozens",
            "tens",
        ],
    ),
    (
        Lex::Ordinal,
        &[
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "thirtieth",
            "fortieth",
            "fiftieth",
            "sixtieth",
            "seventieth",
            "eightieth",
            "ninetieth",
            "hundredth",
            "thousandth",
            "millionth",
        ],
    ),
    (
        Lex::Month(MonthKind::Plain),
        &[
            "january",
            "february",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan.",
            "feb.",
            "mar.",
            "apr.",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "sept.",
            "oct.",
            "nov.",
            "dec.",
        ],
    ),
    (Lex::Month(MonthKind::Ambiguous), &["may", "march"]),
    (
        Lex::Month(MonthKind::Short),
        &[
            "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ],
    ),
    (Lex::Weekday, super::rules::WEEKDAYS),
    (
        Lex::Season,
        &["spring", "summer", "autumn", "fall", "winter"],
    ),
    (
        Lex::DateUnit,
        &[
            "day",
            "days",
            "week",
            "weeks",
            "weekend",
            "weekends",
            "fortnight",
            "month",
            "months",
            "year",
            "years",
            "decade",
            "decades",
            "century",
            "centuries",
        ],
    ),
    (Lex::YearPart, &["quarter", "half"]),
    (
        Lex::TimeUnit,
        &["hour", "hours", "minute", "minutes", "seconds"],
    ),
    (
        Lex::PartOfDay,
        &["morning", "afternoon", "evening", "night"],
    ),
    (Lex::Deictic, &["today", "yesterday", "tomorrow"]),
    (Lex::TimeWord, &["tonight", "noon", "midnight", "midday"]),
    (
        Lex::Relative,
        &[
            "last",
            "next",
            "this",
            "past",
            "coming",
            "previous",
            "following",
        ],
    ),
    (Lex::Edge, &["early", "late", "mid"]),
    (Lex::After, &["ago", "earlier", "later", "old"]),
    (
        Lex::Currency,
        &[
            "dollar", "dollars", "cent", "cents", "pence", "penny", "pound", "pounds", "sterling",
            "euro", "euros", "yen", "yuan", "renminbi", "rupee", "rupees", "rouble", "roubles",
            "ruble", "rubles", "dinar", "dinars", "riyal", "riyals", "rial", "rials", "dirham",
            "dirhams", "franc", "francs", "peso", "pesos", "lira", "lire", "shekel", "shekels",
            "naira", "rand", "krona", "kronor", "krone", "kroner", "zloty", "baht", "ringgit",
            "usd", "eur", "gbp", "jpy", "cny", "chf", "inr",
        ],
    ),
    (Lex::PercentSign, &["percent", "pct"]),
    (
        Lex::Unit,
        &[
            "km",
            "kms",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
            "mile",
            "miles",
            "metre",
            "metres",
            "meter",
            "meters",
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
            "kg",
            "kgs",
            "kilogram",
            "kilograms",
            "kilo",
            "kilos",
            "gram",
            "grams",
            "tonne",
            "tonnes",
            "ton",
            "tons",
            "lb",
            "lbs",
            "ounce",
            "ounces",
            "oz",
            "litre",
            "litres",
            "liter",
            "liters",
            "gallon",
            "gallons",
            "barrel",
            "barrels",
            "acre",
            "acres",
            "hectare",
            "hectares",
            "feet",
            "foot",
            "ft",
            "inch",
            "inches",
            "yard",
            "yards",
            "degree",
            "degrees",
            "mph",
            "kph",
            "knot",
            "knots",
            "watt",
            "watts",
            "kilowatt",
            "kilowatts",
            "megawatt",
            "megawatts",
            "gigawatt",
            "gigawatts",
            "kw",
            "mw",
            "gw",
            "kwh",
            "mwh",
            "gwh",
        ],
    ),
    (Lex::UnitPrefix, &["square", "cubic", "metric", "nautical"]),
    (Lex::Meridiem, &["a.m.", "p.m.", "a.m", "p.m", "am", "pm"]),
    (
        Lex::Zone,
        &[
            "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "cet", "cest", "bst",
        ],
    ),
    (
        Lex::DatePrep,
        &[
            "in", "since", "by", "until", "till", "from", "during", "before", "after", "through",
            "between", "of", "circa",
        ],
    ),
    (
        Lex::CountWord,
        &[
            "about",
            "nearly",
            "almost",
            "approximately",
            "roughly",
            "some",
            "over",
            "under",
            "than",
            "only",
            "just",
            "least",
            "another",
            "additional",
            "extra",
            "all",
            "total",
            "estimated",
            "more",
            "fewer",
            "less",
            "exactly",
            "precisely",
        ],
    ),
    (
        Lex::Function,
        &[
            "the", "a", "an", "and", "or", "but", "to", "at", "on", "for", "with", "without",
            "around", "up", "these", "those", "its", "their", "his", "her", "our", "your", "my",
            "is", "are", "was", "were", "be", "if", "when", "while", "as",
        ],
    ),
];

fn lexeme(key: &str) -> Lex {
    static MAP: std::sync::OnceLock<FastMap<&'static str, Lex>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        LEXEMES
            .iter()
            .flat_map(|&(lex, words)| words.iter().map(move |&w| (w, lex)))
            .collect()
    });
    map.get(key)
        .copied()
        .unwrap_or_else(|| hyphenated_number(key))
}

/// "twenty-five" is a number word and "twenty-first" an ordinal.
fn hyphenated_number(key: &str) -> Lex {
    let Some((tens, unit)) = key.split_once('-') else {
        return Lex::Other;
    };
    let is_tens = matches!(
        tens,
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
    );
    match lexeme(unit) {
        Lex::NumWord if is_tens => Lex::NumWord,
        Lex::Ordinal if is_tens => Lex::Ordinal,
        _ => Lex::Other,
    }
}

/// A match: from the token where the scan stands to `end` (exclusive).
#[derive(Debug, Clone, Copy)]
struct Found {
    end: usize,
    label: Label,
}

fn found(end: usize, label: Label) -> Option<Found> {
    Some(Found { end, label })
}

fn found_if(condition: bool, end: usize, label: Label) -> Option<Found> {
    condition.then_some(Found { end, label })
}

/// Digits and letters written together over one or more glued tokens ("5km", "21st", "1990s",
/// "2.5bn", "10am"): the token after them, the number and the lower-case suffix.
struct Compound<'t> {
    end: usize,
    number: &'t str,
    suffix: String,
}

/// The tokens of one sentence and their classes.
struct Scan<'a, 't> {
    doc: &'a Document<'t>,
    lex: &'a [Lex],
    lo: usize,
    hi: usize,
    /// The sentence's first word, the one that is capitalised whatever it is.
    first_word: usize,
}

impl<'t> Scan<'_, 't> {
    // ---- Token access, safe outside the sentence. ----

    fn has(&self, k: usize) -> bool {
        k >= self.lo && k < self.hi
    }

    /// The index before `k`, or an index outside every sentence.
    fn before(&self, k: usize) -> usize {
        if k > self.lo {
            k - 1
        } else {
            usize::MAX
        }
    }

    fn text(&self, k: usize) -> &'t str {
        if self.has(k) {
            self.doc.token_text(k)
        } else {
            ""
        }
    }

    fn lex(&self, k: usize) -> Lex {
        if self.has(k) {
            self.lex[k]
        } else {
            Lex::Other
        }
    }

    fn kind(&self, k: usize) -> Option<TokenKind> {
        self.has(k).then(|| self.doc.tokens[k].kind)
    }

    fn is(&self, k: usize, word: &str) -> bool {
        self.text(k).eq_ignore_ascii_case(word)
    }

    /// Whether token `k` follows the previous one without space.
    fn glued(&self, k: usize) -> bool {
        self.has(k) && k > self.lo && !self.doc.tokens[k].space_before
    }

    fn capitalised(&self, k: usize) -> bool {
        self.text(k).chars().next().is_some_and(char::is_uppercase)
    }

    /// A capitalised word that does not open the sentence: likely part of a name.
    fn capitalised_inside(&self, k: usize) -> bool {
        self.capitalised(k) && k != self.first_word
    }

    fn is_dash(&self, k: usize) -> bool {
        matches!(self.text(k), "-" | "\u{2013}")
    }

    fn is_month(&self, k: usize) -> bool {
        matches!(self.lex(k), Lex::Month(_)) && self.capitalised(k)
    }

    // ---- Numbers. ----

    /// A token of digits with optional `,` and `.` inside ("2,500", "3.5").
    fn is_plain_number(&self, k: usize) -> bool {
        self.kind(k) == Some(TokenKind::Number)
            && self
                .text(k)
                .chars()
                .all(|c| c.is_numeric() || c == ',' || c == '.')
    }

    /// The value of a token of ASCII digits only.
    fn digits_value(&self, k: usize) -> Option<u32> {
        let s = self.text(k);
        let digits = self.kind(k) == Some(TokenKind::Number)
            && s.len() <= 9
            && s.bytes().all(|b| b.is_ascii_digit());
        if digits {
            s.parse().ok()
        } else {
            None
        }
    }

    /// A spelled-out number that is not part of a name ("Formula One").
    fn is_number_word(&self, k: usize) -> bool {
        self.lex(k) == Lex::NumWord && !self.capitalised_inside(k)
    }

    /// A number inside a name or code: after a capitalised word that is not a date or function
    /// word ("Boeing 747", "Article 5", "No. 10"), or after "#".
    fn is_code_number(&self, k: usize) -> bool {
        let p = self.before(k);
        self.text(p) == "#"
            || self.kind(p) == Some(TokenKind::Word)
                && self.capitalised(p)
                && self.lex(p) == Lex::Other
    }

    /// A number at `i` in digits ("2,500", "10-15") or words ("two hundred and five"), with a
    /// following scale word ("2.5 billion"): the token after it.
    fn amount(&self, i: usize) -> Option<usize> {
        if self.is_number_word(i) {
            let mut e = i + 1;
            loop {
                if self.is_number_word(e) || self.lex(e) == Lex::Scale {
                    e += 1;
                } else if self.is(e, "and")
                    && self.lex(e - 1) == Lex::Scale
                    && self.is_number_word(e + 1)
                {
                    e += 2;
                } else {
                    return Some(e);
                }
            }
        }
        if !self.is_plain_number(i) || self.is_code_number(i) {
            return None;
        }
        let mut e = i + 1;
        if self.is_dash(e) && self.glued(e) && self.glued(e + 1) && self.is_plain_number(e + 1) {
            e += 2;
        }
        Some(if self.lex(e) == Lex::Scale { e + 1 } else { e })
    }

    /// Digits and letters written together, starting at `i`.
    fn compound(&self, i: usize) -> Option<Compound<'t>> {
        let starts_digit = |k: usize| self.text(k).starts_with(|c: char| c.is_ascii_digit());
        if !starts_digit(i) {
            return None;
        }
        let mut e = i;
        while self.is(e + 1, ".") && self.glued(e + 1) && self.glued(e + 2) && starts_digit(e + 2) {
            e += 2;
        }
        if self.kind(e) != Some(TokenKind::Word) {
            return None;
        }
        let whole = &self.doc.text[self.doc.tokens[i].span.start()..self.doc.tokens[e].span.end()];
        let cut = whole
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(whole.len());
        Some(Compound {
            end: e + 1,
            number: &whole[..cut],
            suffix: whole[cut..].to_ascii_lowercase(),
        })
    }

    /// A year: four ASCII digits from 1000 to 2099.
    fn year(&self, k: usize) -> Option<u32> {
        if self.text(k).len() != 4 {
            return None;
        }
        self.digits_value(k).filter(|y| (1000..=2099).contains(y))
    }

    /// A day of the month: "22" or "22nd".
    fn is_day(&self, k: usize) -> bool {
        if let Some(d) = self.digits_value(k) {
            return (1..=31).contains(&d);
        }
        let s = self.text(k);
        ordinal_digits(s).is_some_and(|d| (1..=31).contains(&d))
    }

    // ---- The expressions. ----

    /// Whether no expression can start at token `i`, by a quick look: a token that is not a
    /// number, holds no digit or hyphen, is no word of the number and time lists, and is none
    /// of the words the expressions below open with ("the", "a", "an", "US" before "$"). Every
    /// path of [`Scan::expression_at`] needs one of those.
    fn cannot_start(&self, i: usize) -> bool {
        let text = self.text(i);
        self.lex(i) == Lex::Other
            && self.kind(i) != Some(TokenKind::Number)
            && !text.bytes().any(|b| b.is_ascii_digit() || b == b'-')
            && !is_money_prefix(text)
            && !["the", "a", "an"]
                .iter()
                .any(|w| text.eq_ignore_ascii_case(w))
    }

    fn expression_at(&self, i: usize) -> Option<Found> {
        self.money_sign(i)
            .or_else(|| self.word_led(i))
            .or_else(|| self.number_led(i))
    }

    /// "$2.5 billion", "£3", "US$40m".
    fn money_sign(&self, i: usize) -> Option<Found> {
        let mut k = i;
        if is_money_prefix(self.text(k)) && self.glued(k + 1) {
            k += 1;
        }
        if self.lex(k) != Lex::CurrencySign {
            return None;
        }
        if let Some(c) = self.compound(k + 1) {
            let money_suffix = matches!(c.suffix.as_str(), "m" | "mn" | "bn" | "b" | "k" | "tn");
            return found_if(money_suffix, c.end, Label::Money);
        }
        let end = self.amount(k + 1)?;
        found(end, Label::Money)
    }

    /// Expressions that start with a word.
    fn word_led(&self, i: usize) -> Option<Found> {
        if self.is(i, "the") {
            return self.the_phrase(i);
        }
        if self.is(i, "a") || self.is(i, "an") {
            return self.a_duration(i);
        }
        match self.lex(i) {
            Lex::Edge => self.edge_phrase(i),
            // "past", "previous" and "following" are prepositions or adjectives without "the".
            Lex::Relative => {
                let needs_the = ["past", "previous", "following"];
                if needs_the.iter().any(|w| self.is(i, w)) {
                    None
                } else {
                    self.relative_phrase(i)
                }
            }
            Lex::Month(kind) if self.capitalised(i) => self.month_phrase(i, kind),
            Lex::Weekday if self.capitalised(i) => {
                if self.lex(i + 1) == Lex::PartOfDay {
                    found(i + 2, Label::Time)
                } else {
                    found(self.weekday_date(i), Label::Date)
                }
            }
            Lex::Deictic if self.lex(i + 1) == Lex::PartOfDay => found(i + 2, Label::Time),
            Lex::Deictic => found(i + 1, Label::Date),
            Lex::TimeWord => found(i + 1, Label::Time),
            Lex::Season => self.season_date(i),
            Lex::Ordinal => self.ordinal_phrase(i),
            Lex::Scales => self.vague_count(i),
            Lex::Other => self.hyphenated_phrase(i),
            _ => None,
        }
    }

    /// "January", "Aug. 22", "in May"; not "May I", "March on" or "Jan" alone.
    fn month_phrase(&self, i: usize, kind: MonthKind) -> Option<Found> {
        let (end, dated) = self.month_date(i);
        let context = matches!(
            self.lex(self.before(i)),
            Lex::DatePrep | Lex::Edge | Lex::Relative
        );
        let month = match kind {
            MonthKind::Plain => true,
            MonthKind::Ambiguous => dated || context,
            MonthKind::Short => dated,
        };
        found_if(month, end, Label::Date)
    }

    /// Expressions that keep a leading "the": "the 1990s", "the last year", "the past three
    /// years", "the 21st century", "the first quarter of 2020", "the 5th of May".
    fn the_phrase(&self, i: usize) -> Option<Found> {
        let k = i + 1;
        if self.lex(k) == Lex::Relative && !self.is(k, "this") {
            return self.relative_phrase(k);
        }
        let d = if self.lex(k) == Lex::Edge { k + 1 } else { k };
        if let Some(end) = self.decade_end(d) {
            return found(end, Label::Date);
        }
        if self.lex(k) == Lex::Season && self.is(k + 1, "of") && self.year(k + 2).is_some() {
            return found(k + 3, Label::Date);
        }
        let digit_ordinal = ordinal_digits(self.text(k)).is_some();
        if self.lex(k) != Lex::Ordinal && !digit_ordinal {
            return None;
        }
        if self.is(k + 1, "century") {
            return found(k + 2, Label::Date);
        }
        if self.lex(k + 1) == Lex::YearPart {
            let of_year = self.is(k + 2, "of") && self.year(k + 3).is_some();
            return found(if of_year { k + 4 } else { k + 2 }, Label::Date);
        }
        if digit_ordinal && self.is(k + 1, "of") && self.is_month(k + 2) {
            return found(self.month_date(k + 2).0, Label::Date);
        }
        None
    }

    /// "a year ago", "a week later".
    fn a_duration(&self, i: usize) -> Option<Found> {
        if self.lex(i + 2) != Lex::After {
            return None;
        }
        match self.lex(i + 1) {
            Lex::DateUnit => found(i + 3, Label::Date),
            Lex::TimeUnit => found(i + 3, Label::Time),
            _ => None,
        }
    }

    /// "late 2017", "early January", "mid 1990s", "early next year".
    fn edge_phrase(&self, i: usize) -> Option<Found> {
        let k = i + 1;
        if self.year(k).is_some() {
            return found(self.year_end(k), Label::Date);
        }
        if let Some(end) = self.decade_end(k) {
            return found(end, Label::Date);
        }
        if self.is_month(k) {
            return found(self.month_date(k).0, Label::Date);
        }
        if self.lex(k) == Lex::Relative {
            return self.relative_phrase(k);
        }
        None
    }

    /// "last year", "this morning", "next Monday", "the past three years", "the next 24 hours".
    fn relative_phrase(&self, k: usize) -> Option<Found> {
        let n = k + 1;
        match self.lex(n) {
            Lex::Weekday if self.lex(n + 1) == Lex::PartOfDay => found(n + 2, Label::Time),
            Lex::DateUnit | Lex::YearPart | Lex::Season | Lex::Weekday => found(n + 1, Label::Date),
            Lex::Month(_) if self.capitalised(n) => found(n + 1, Label::Date),
            Lex::PartOfDay | Lex::TimeUnit => found(n + 1, Label::Time),
            _ => {
                let e = if self.is(n, "few") || self.is(n, "several") {
                    n + 1
                } else {
                    self.amount(n)?
                };
                match self.lex(e) {
                    Lex::DateUnit => found(e + 1, Label::Date),
                    Lex::TimeUnit => found(e + 1, Label::Time),
                    _ => None,
                }
            }
        }
    }

    /// A month with an optional day and year ("January", "Aug. 22", "August 22, 2020",
    /// "January 2020"): the token after it, and whether a day or year came with it.
    fn month_date(&self, i: usize) -> (usize, bool) {
        let mut e = i + 1;
        let mut dated = false;
        if self.is_day(e) {
            e += 1;
            dated = true;
            // "July 19-20".
            if self.is_dash(e) && self.glued(e) && self.glued(e + 1) && self.is_day(e + 1) {
                e += 2;
            }
        }
        if self.year(e).is_some() {
            e += 1;
            dated = true;
        } else if dated && self.is(e, ",") && self.year(e + 1).is_some() {
            e += 2;
        }
        (e, dated)
    }

    /// "Monday", or "Monday, Aug. 22".
    fn weekday_date(&self, i: usize) -> usize {
        if self.is(i + 1, ",") && self.is_month(i + 2) {
            let (end, dated) = self.month_date(i + 2);
            if dated {
                return end;
            }
        }
        i + 1
    }

    /// "summer 2019".
    fn season_date(&self, i: usize) -> Option<Found> {
        self.year(i + 1)
            .and_then(|_| found(self.year_end(i + 1), Label::Date))
    }

    /// "fourth", "twenty-first", "the 21st century"; not a capitalised ordinal inside a name
    /// ("Second World War") and not "second" as a unit of time ("wait a second").
    fn ordinal_phrase(&self, i: usize) -> Option<Found> {
        if self.capitalised_inside(i) {
            return None;
        }
        if self.is(i + 1, "century") || self.is(i + 1, "centuries") {
            return found(i + 2, Label::Date);
        }
        if self.is(i, "second") {
            let p = self.text(self.before(i)).to_ascii_lowercase();
            let unit_before = matches!(p.as_str(), "a" | "one" | "per" | "every" | "split");
            let word_after = self.kind(i + 1) == Some(TokenKind::Word)
                && !matches!(self.lex(i + 1), Lex::After | Lex::Function);
            if unit_before && !word_after {
                return None;
            }
        }
        found(i + 1, Label::Ordinal)
    }

    /// "thousands", "tens of thousands", "dozens".
    fn vague_count(&self, i: usize) -> Option<Found> {
        if self.capitalised_inside(i) {
            return None;
        }
        if self.is(i + 1, "of") && self.lex(i + 2) == Lex::Scales {
            return found(i + 3, Label::Cardinal);
        }
        found_if(!self.is(i, "tens"), i + 1, Label::Cardinal)
    }

    /// One hyphenated word: "mid-2017", "mid-January", "five-year-old", "two-hour".
    fn hyphenated_phrase(&self, i: usize) -> Option<Found> {
        let text = self.text(i);
        let (head, rest) = text.split_once('-')?;
        if head.eq_ignore_ascii_case("mid") {
            let month = matches!(lexeme(&rest.to_ascii_lowercase()), Lex::Month(_))
                && rest.starts_with(char::is_uppercase);
            let year = rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit());
            if year || is_decade(rest) {
                return found(i + 1, Label::Date);
            }
            if month {
                let end = if self.year(i + 1).is_some() {
                    i + 2
                } else {
                    i + 1
                };
                return found(end, Label::Date);
            }
            return None;
        }
        if lexeme(&head.to_ascii_lowercase()) != Lex::NumWord || self.capitalised_inside(i) {
            return None;
        }
        // Fractions: "two-thirds", "one-half".
        let part = rest.to_ascii_lowercase();
        let part = part.strip_suffix('s').unwrap_or(&part);
        if lexeme(part) == Lex::Ordinal || part == "half" || part == "quarter" {
            return found(i + 1, Label::Cardinal);
        }
        unit_label(rest).and_then(|label| found(i + 1, label))
    }

    /// Expressions that start with a number in digits or words.
    fn number_led(&self, i: usize) -> Option<Found> {
        if let Some(c) = self.compound(i) {
            return self.compound_phrase(i, &c);
        }
        let text = self.text(i);
        if self.kind(i) == Some(TokenKind::Number) {
            if text.contains(':') {
                return self.clock(i);
            }
            if text.contains('/') {
                return found_if(is_slash_date(text), i + 1, Label::Date);
            }
        }
        if self.is_day(i) && self.is_month(i + 1) {
            let (end, _) = self.month_date(i + 1);
            return found(end, Label::Date);
        }
        if let Some(end) = self.iso_date(i).or_else(|| self.decade_end(i)) {
            return found(end, Label::Date);
        }
        if self.is_citation(i) {
            return None;
        }
        let e = self.amount(i)?;
        if let Some(f) = self.unit_after(e) {
            return Some(f);
        }
        if let Some(f) = self.hour(i, e) {
            return Some(f);
        }
        // "1400 GMT": a 24-hour clock before a time zone.
        if self.lex(e) == Lex::Zone && self.capitalised(e) && is_hhmm(self.text(i)) {
            return found(e + 1, Label::Time);
        }
        if self.year(i).is_some() && self.year_is_date(i) {
            return found(self.year_end(i), Label::Date);
        }
        if e == i + 1 && self.is(i, "one") && !self.one_is_number(i) {
            return None;
        }
        found(e, Label::Cardinal)
    }

    /// "21st", "1990s", "10am", "20km", "21st-century".
    fn compound_phrase(&self, i: usize, c: &Compound) -> Option<Found> {
        let label = if c.suffix == "s" && is_decade(self.text(i)) {
            Label::Date
        } else if ordinal_digits(&format!("{}{}", c.number, c.suffix)).is_some() {
            if self.is(c.end, "century") {
                return found(c.end + 1, Label::Date);
            }
            Label::Ordinal
        } else if let Some((ord, rest)) = c.suffix.split_once('-') {
            let ordinal = ordinal_digits(&format!("{}{}", c.number, ord)).is_some();
            if !(ordinal && rest == "century") {
                return None;
            }
            Label::Date
        } else if lexeme(&c.suffix) == Lex::Meridiem {
            if !is_hour(c.number) {
                return None;
            }
            Label::Time
        } else if lexeme(&c.suffix) == Lex::Unit {
            Label::Quantity
        } else {
            return None;
        };
        if self.is_code_number(i) {
            return None;
        }
        found(c.end, label)
    }

    /// What the word after an amount makes of it: "50 pence", "45 percent", "20 km",
    /// "two hours", "three years ago", "30-year-old".
    fn unit_after(&self, e: usize) -> Option<Found> {
        match self.lex(e) {
            Lex::Currency => return found(e + 1, Label::Money),
            Lex::PercentSign => return found(e + 1, Label::Percent),
            Lex::Unit => return found(self.unit_end(e), Label::Quantity),
            Lex::UnitPrefix if self.lex(e + 1) == Lex::Unit => {
                return found(self.unit_end(e + 1), Label::Quantity)
            }
            Lex::TimeUnit => return found(self.after_end(e + 1), Label::Time),
            Lex::DateUnit => return found(self.after_end(e + 1), Label::Date),
            _ => {}
        }
        if matches!(self.text(e), "US" | "U.S.") && self.lex(e + 1) == Lex::Currency {
            return found(e + 2, Label::Money);
        }
        if self.is(e, "per") && self.is(e + 1, "cent") {
            return found(e + 2, Label::Percent);
        }
        if self.is(e, "percentage") && (self.is(e + 1, "point") || self.is(e + 1, "points")) {
            return found(e + 2, Label::Percent);
        }
        if self.is_dash(e) && self.glued(e) && self.glued(e + 1) {
            return unit_label(self.text(e + 1)).and_then(|label| found(e + 2, label));
        }
        None
    }

    /// After a unit: "degrees Celsius", "miles per hour", "barrels a day".
    fn unit_end(&self, u: usize) -> usize {
        let scale = ["celsius", "fahrenheit", "centigrade", "c", "f"];
        let degrees = self.is(u, "degrees") || self.is(u, "degree");
        if degrees && scale.iter().any(|s| self.is(u + 1, s)) {
            return u + 2;
        }
        let per = self.is(u + 1, "per") || self.is(u + 1, "a") || self.is(u + 1, "an");
        let time = ["hour", "day", "second", "minute", "week", "month", "year"];
        if per && time.iter().any(|t| self.is(u + 2, t)) {
            return u + 3;
        }
        u + 1
    }

    /// After a duration: "ago", "later", "old".
    fn after_end(&self, k: usize) -> usize {
        if self.lex(k) == Lex::After {
            k + 1
        } else {
            k
        }
    }

    /// "10:30", "10:30 a.m. GMT".
    fn clock(&self, i: usize) -> Option<Found> {
        let (h, m) = self.text(i).split_once(':')?;
        let valid = h.len() <= 2
            && m.len() == 2
            && h.parse::<u32>().is_ok_and(|h| h <= 24)
            && m.parse::<u32>().is_ok_and(|m| m < 60);
        if !valid {
            return None;
        }
        let mut e = i + 1;
        if self.lex(e) == Lex::Meridiem {
            e += 1;
        }
        found(self.zone_end(e), Label::Time)
    }

    /// "9 p.m.", "10.30 pm", "ten o'clock".
    fn hour(&self, i: usize, e: usize) -> Option<Found> {
        if self.is(e, "o'clock") || self.is(e, "o\u{2019}clock") {
            return found(self.zone_end(e + 1), Label::Time);
        }
        if self.lex(e) == Lex::Meridiem && e == i + 1 && is_hour(self.text(i)) {
            return found(self.zone_end(e + 1), Label::Time);
        }
        None
    }

    fn zone_end(&self, e: usize) -> usize {
        if self.lex(e) == Lex::Zone && self.capitalised(e) {
            e + 1
        } else if self.is(e, "local") && self.is(e + 1, "time") {
            e + 2
        } else {
            e
        }
    }

    /// A decade: "1990s", "90s", "1990's", "90's".
    fn decade_end(&self, k: usize) -> Option<usize> {
        if is_decade(self.text(k)) {
            return Some(k + 1);
        }
        let s = self.text(k);
        let digits = self.digits_value(k).is_some() && (s.len() == 2 || s.len() == 4);
        if !(digits && s.ends_with('0') && self.glued(k + 1)) {
            return None;
        }
        // After digits the tokenizer leaves the apostrophe and the "s" apart.
        let apostrophe = matches!(self.text(k + 1), "'" | "\u{2019}");
        if apostrophe && self.is(k + 2, "s") && self.glued(k + 2) {
            return Some(k + 3);
        }
        let apostrophe_s = self.is(k + 1, "'s") || self.is(k + 1, "\u{2019}s");
        apostrophe_s.then_some(k + 2)
    }

    /// A footnote mark such as "[1]": a number glued between square brackets.
    fn is_citation(&self, k: usize) -> bool {
        self.text(self.before(k)) == "["
            && self.glued(k)
            && self.is(k + 1, "]")
            && self.glued(k + 1)
    }

    /// "2020-01-05".
    fn iso_date(&self, i: usize) -> Option<usize> {
        self.year(i)?;
        let two = |k: usize| self.text(k).len() == 2 && self.digits_value(k).is_some();
        let parts = [i + 1, i + 2, i + 3, i + 4];
        let glued = parts.iter().all(|&k| self.glued(k));
        (glued && self.is(i + 1, "-") && two(i + 2) && self.is(i + 3, "-") && two(i + 4))
            .then_some(i + 5)
    }

    /// After a year, a glued range: "2017-18", "2017–2018".
    fn year_end(&self, i: usize) -> usize {
        let n = self.text(i + 2).len();
        if self.is_dash(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.digits_value(i + 2).is_some()
            && (n == 2 || n == 4)
        {
            i + 3
        } else {
            i + 1
        }
    }

    /// Whether a four-digit number is a year ("in 2017", "2017 was") rather than a count
    /// ("about 2000 people").
    fn year_is_date(&self, i: usize) -> bool {
        let p = self.before(i);
        match self.lex(p) {
            Lex::CountWord => false,
            Lex::DatePrep | Lex::Edge => true,
            _ => {
                let Some(y) = self.year(i) else {
                    return false;
                };
                if self.counts_things(i + 1) {
                    // "the 2020 elections" against "the 2000 soldiers": round numbers count.
                    self.is_determiner(p) && (1900..=2099).contains(&y) && y % 100 != 0
                } else {
                    (1800..=2099).contains(&y)
                }
            }
        }
    }

    fn is_determiner(&self, k: usize) -> bool {
        let determiners = [
            "the",
            "its",
            "their",
            "his",
            "her",
            "our",
            "your",
            "my",
            "'s",
            "\u{2019}s",
        ];
        determiners.iter().any(|d| self.is(k, d))
    }

    /// Whether token `k` is a plural noun counted by the number before it ("2000 people"): a
    /// lower-case word in -s that is not a verb before a determiner ("2017 marks the ..."), or a
    /// common irregular plural.
    fn counts_things(&self, k: usize) -> bool {
        let w = self.text(k);
        if matches!(
            w,
            "people" | "men" | "women" | "children" | "police" | "staff"
        ) {
            return true;
        }
        let plural = self.kind(k) == Some(TokenKind::Word)
            && w.len() >= 4
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && w.starts_with(|c: char| c.is_ascii_lowercase());
        let verb = matches!(
            self.text(k + 1).to_ascii_lowercase().as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this" | "that" | "our"
        );
        plural && !verb
    }

    /// Whether "one" counts ("one soldier") rather than stands for something ("one of the",
    /// "the one who", "no one", "a thorny one", "one produced in Italy").
    fn one_is_number(&self, i: usize) -> bool {
        let next = self.text(i + 1).to_ascii_lowercase();
        let prev = self.text(self.before(i)).to_ascii_lowercase();
        let next_is_word = self.kind(i + 1) == Some(TokenKind::Word);
        let participle_next = next.len() > 4 && (next.ends_with("ed") || next.ends_with("ing"));
        let article_two_back = ["a", "an", "the"]
            .iter()
            .any(|a| self.is(self.before(self.before(i)), a));
        let number_after_and = (next == "and" || next == "or")
            && (self.is_number_word(i + 2) || self.is_plain_number(i + 2));
        let pronoun_next = matches!(
            next.as_str(),
            "of" | "another"
                | "who"
                | "that"
                | "which"
                | "is"
                | "was"
                | "has"
                | "had"
                | "can"
                | "could"
                | "would"
                | "should"
                | "will"
                | "must"
                | "might"
                | "may"
                | "does"
                | "did"
                | "'s"
                | "\u{2019}s"
                | "point"
                | "way"
                | "thing"
                | "side"
                | "hand"
                | "by"
        );
        let determiner_before = matches!(
            prev.as_str(),
            "the"
                | "this"
                | "that"
                | "no"
                | "any"
                | "every"
                | "each"
                | "which"
                | "another"
                | "a"
                | "only"
                | "such"
                | "last"
                | "other"
                | "little"
                | "new"
                | "right"
                | "wrong"
                | "best"
        );
        next_is_word
            && !pronoun_next
            && !determiner_before
            && !participle_next
            && !article_two_back
            && (!matches!(next.as_str(), "and" | "or") || number_after_and)
    }
}

/// The label a unit word gives to the number before it ("year-old" DATE, "hour" TIME, "km"
/// QUANTITY, "percent" PERCENT), judging by its first hyphen-separated part.
fn unit_label(word: &str) -> Option<Label> {
    let head = word.split('-').next().unwrap_or(word).to_ascii_lowercase();
    match lexeme(&head) {
        Lex::DateUnit => Some(Label::Date),
        Lex::TimeUnit => Some(Label::Time),
        Lex::Unit => Some(Label::Quantity),
        Lex::PercentSign => Some(Label::Percent),
        _ => None,
    }
}

/// "1990s", "90s".
/// A country's letters glued before a currency sign ("US$40m", "HK$5").
fn is_money_prefix(word: &str) -> bool {
    matches!(word, "US" | "U.S." | "A" | "C" | "NZ" | "HK" | "S")
}

fn is_decade(word: &str) -> bool {
    let Some(digits) = word.strip_suffix('s') else {
        return false;
    };
    (digits.len() == 4 || digits.len() == 2)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.ends_with('0')
}

/// The value of "1st", "22nd", "13th" (with the right suffix).
fn ordinal_digits(word: &str) -> Option<u32> {
    let cut = word.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = word.split_at(cut);
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let expected = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    suffix.eq_ignore_ascii_case(expected).then_some(n)
}

/// "9", "10.30": an hour of a 12-hour clock, with optional minutes after a period.
fn is_hour(number: &str) -> bool {
    let (h, m) = number.split_once('.').unwrap_or((number, "00"));
    h.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h))
        && m.len() == 2
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

/// "0930", "1400": four digits of a 24-hour clock.
fn is_hhmm(number: &str) -> bool {
    number.len() == 4
        && number
            .parse::<u32>()
            .is_ok_and(|n| n / 100 < 24 && n % 100 < 60)
}

/// "22/08/2020", "8/22/20": two slashes between a day, a month and a year.
fn is_slash_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').collect();
    let [a, b, y] = parts.as_slice() else {
        return false;
    };
    let small = |s: &str| s.len() <= 2 && s.parse::<u32>().is_ok_and(|v| (1..=31).contains(&v));
    small(a) && small(b) && (y.len() == 2 || y.len() == 4) && y.parse::<u32>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number and time expressions found in `text`, as (text, label) pairs.
    fn found_in(text: &str) -> Vec<(&str, &'static str)> {
        detect(&Document::new(text))
            .into_iter()
            .map(|(span, label)| (span.slice(text), label.as_str()))
            .collect()
    }

    type Case = (&'static str, &'static [(&'static str, &'static str)]);

    #[test]
    fn each_listed_word_has_one_lexeme() {
        let mut seen = std::collections::HashSet::new();
        for &(lex, words) in LEXEMES {
            for &w in words {
                assert!(seen.insert(w), "{w} is listed twice");
                assert_eq!(lexeme(w), lex, "{w}");
            }
        }
        assert_eq!(lexeme("twenty-five"), Lex::NumWord);
        assert_eq!(lexeme("twenty-first"), Lex::Ordinal);
        assert_eq!(lexeme("minister"), Lex::Other);
    }

    #[test]
    fn the_quick_look_never_hides_an_expression() {
        let text = "The deal, worth US$40m or £3 billion, closed on 5 May 2021 at 10am, two \
                    weeks ago. In the 1990s and mid-2000s, sales rose 12 percent a year; \
                    early next year, one-third of 2,500 staff leave. A decade later, the third \
                    quarter of 2017-18 saw 20km of road built for $5.5 million [3].";
        let doc = Document::new(text);
        let lex: Vec<Lex> = doc
            .tokens
            .iter()
            .map(|t| classify(t.text(text), t.kind))
            .collect();
        let scan = Scan {
            doc: &doc,
            lex: &lex,
            lo: 0,
            hi: doc.tokens.len(),
            first_word: 0,
        };
        let mut skipped = 0;
        for i in 0..doc.tokens.len() {
            if scan.cannot_start(i) {
                skipped += 1;
                assert!(scan.expression_at(i).is_none(), "{}", doc.token_text(i));
            }
        }
        assert!(skipped > 10, "plain words are skipped");
        assert!(found_in(text).len() > 12);
    }

    /// Each sentence with every expression it must yield, and nothing else.
    const CASES: &[Case] = &[
        // DATE
        ("The plant closed in late 2017.", &[("late 2017", "DATE")]),
        ("Sales fell in January 2020.", &[("January 2020", "DATE")]),
        ("The ministers meet on Monday.", &[("Monday", "DATE")]),
        ("Prices rose last year.", &[("last year", "DATE")]),
        ("Music changed in the 1990s.", &[("the 1990s", "DATE")]),
        (
            "The vote is on Aug. 22 in the capital.",
            &[("Aug. 22", "DATE")],
        ),
        (
            "It opened on 22 August 2020.",
            &[("22 August 2020", "DATE")],
        ),
        (
            "It closed on August 22, 2020, for good.",
            &[("August 22, 2020", "DATE")],
        ),
        ("The report is due in May.", &[("May", "DATE")]),
        ("Growth slowed in mid-2019.", &[("mid-2019", "DATE")]),
        (
            "Output grew in the first quarter of 2021.",
            &[("the first quarter of 2021", "DATE")],
        ),
        (
            "Rents doubled over the past three years.",
            &[("the past three years", "DATE")],
        ),
        (
            "The bridge fell down five years ago.",
            &[("five years ago", "DATE")],
        ),
        ("A 30-year-old man was held.", &[("30-year-old", "DATE")]),
        ("The 2018-19 season was long.", &[("2018-19", "DATE")]),
        (
            "The law took effect on 2021-03-01.",
            &[("2021-03-01", "DATE")],
        ),
        (
            "Everything changed in the 21st century.",
            &[("the 21st century", "DATE")],
        ),
        ("The fair is back next summer.", &[("next summer", "DATE")]),
        (
            "The budget was approved yesterday.",
            &[("yesterday", "DATE")],
        ),
        ("The 2024 elections were close.", &[("2024", "DATE")]),
        // TIME
        (
            "The train left at 10:30 a.m. sharp.",
            &[("10:30 a.m.", "TIME")],
        ),
        ("She called this morning.", &[("this morning", "TIME")]),
        (
            "The talks ended at 9 p.m. local time.",
            &[("9 p.m. local time", "TIME")],
        ),
        (
            "They spoke on Friday night for two hours.",
            &[("Friday night", "TIME"), ("two hours", "TIME")],
        ),
        ("The curfew starts at midnight.", &[("midnight", "TIME")]),
        // MONEY
        (
            "The deal is worth $2.5 billion.",
            &[("$2.5 billion", "MONEY")],
        ),
        ("A stamp costs 50 pence.", &[("50 pence", "MONEY")]),
        ("Tickets cost £3 each.", &[("£3", "MONEY")]),
        (
            "The fund raised US$40m and €12 million.",
            &[("US$40m", "MONEY"), ("€12 million", "MONEY")],
        ),
        (
            "He owes two million dollars.",
            &[("two million dollars", "MONEY")],
        ),
        // PERCENT
        ("Turnout was 45 percent.", &[("45 percent", "PERCENT")]),
        (
            "Inflation hit 3.2% in June.",
            &[("3.2%", "PERCENT"), ("June", "DATE")],
        ),
        (
            "Support fell by 4 percentage points.",
            &[("4 percentage points", "PERCENT")],
        ),
        ("Rates rose 5 per cent.", &[("5 per cent", "PERCENT")]),
        // QUANTITY
        ("The convoy drove 20 km north.", &[("20 km", "QUANTITY")]),
        (
            "The ship carried 5,000 tonnes of grain.",
            &[("5,000 tonnes", "QUANTITY")],
        ),
        (
            "The runners covered 42km in heat of 35 degrees Celsius.",
            &[("42km", "QUANTITY"), ("35 degrees Celsius", "QUANTITY")],
        ),
        (
            "The field spans 10 square kilometres.",
            &[("10 square kilometres", "QUANTITY")],
        ),
        // CARDINAL
        ("About 2,500 troops remain.", &[("2,500", "CARDINAL")]),
        (
            "Three ships and two million people.",
            &[("Three", "CARDINAL"), ("two million", "CARDINAL")],
        ),
        ("They sent 2000 soldiers.", &[("2000", "CARDINAL")]),
        ("Around 1500 people marched.", &[("1500", "CARDINAL")]),
        (
            "Thousands of people and tens of thousands of cars.",
            &[("Thousands", "CARDINAL"), ("tens of thousands", "CARDINAL")],
        ),
        ("One soldier died.", &[("One", "CARDINAL")]),
        ("Exactly 40 delegates came.", &[("40", "CARDINAL")]),
        (
            "Two-thirds of voters agreed.",
            &[("Two-thirds", "CARDINAL")],
        ),
        // ORDINAL
        (
            "It was the fourth round of talks.",
            &[("fourth", "ORDINAL")],
        ),
        ("He finished 21st in the race.", &[("21st", "ORDINAL")]),
        (
            "It is the twenty-first attempt.",
            &[("twenty-first", "ORDINAL")],
        ),
        ("First, the council voted.", &[("First", "ORDINAL")]),
        // Negatives: modal and verb month names, pronoun "one", names and codes.
        ("May I ask a question?", &[]),
        ("You may leave now.", &[]),
        ("Theresa May spoke to reporters.", &[]),
        ("March on, the crowd chanted.", &[]),
        ("They march to the sea.", &[]),
        ("She is one of the best players.", &[]),
        ("No one knew, and the one who did left.", &[]),
        ("On the one hand, prices fell.", &[]),
        ("The question is a thorny one and divides us.", &[]),
        ("If you lack a bike, buy one produced locally.", &[]),
        (
            "Choose one or two people.",
            &[("one", "CARDINAL"), ("two", "CARDINAL")],
        ),
        ("He flew on a Boeing 747 to the G7 summit.", &[]),
        ("COVID-19 cases rose.", &[]),
        ("Article 5 of the treaty applies.", &[]),
        ("Formula One teams met.", &[]),
        ("The Second World War ended.", &[]),
        ("Wait a second.", &[]),
        ("The score was 3:1 after 9/11.", &[]),
        ("The late president was honoured.", &[]),
        ("The past is gone and the next step is near.", &[]),
        ("He was 5G ready, they said.", &[]),
        ("The claim is disputed.[2] Others agree.", &[]),
        (
            "Disco faded in the late 70's.",
            &[("the late 70's", "DATE")],
        ),
        (
            "Rents in the 1980's and 1990s rose.",
            &[("the 1980's", "DATE"), ("1990s", "DATE")],
        ),
    ];

    #[test]
    fn table_of_sentences() {
        assert!(CASES.len() >= 40);
        let failures: Vec<String> = CASES
            .iter()
            .filter_map(|&(text, want)| {
                let got = found_in(text);
                (got != want).then(|| format!("{text:?}\n   want {want:?}\n    got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn years_against_counts() {
        assert_eq!(found_in("in 1492"), [("1492", "DATE")]);
        assert_eq!(found_in("1945 was a turning point"), [("1945", "DATE")]);
        assert_eq!(found_in("some 1999 ballots"), [("1999", "CARDINAL")]);
        assert_eq!(found_in("the 2000 soldiers"), [("2000", "CARDINAL")]);
        assert_eq!(found_in("2017 marks the end"), [("2017", "DATE")]);
        assert_eq!(
            found_in("in 1999, 1,999 people"),
            [("1999", "DATE"), ("1,999", "CARDINAL")]
        );
    }

    #[test]
    fn spans_are_ordered_disjoint_and_on_char_boundaries() {
        let texts = [
            "",
            "$",
            "£ 5 ,,, %% 10:99 99:99 1/2/3/4 --- 2017- -2017 the the late",
            "Émile paid €5 😀 on 5 Mai; مرحبا 2020 ٣ 10 a.m",
            "ONE TWO THREE MILLION MAY 2020 FIRST",
            "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25",
            "twenty-five-year-old mid- mid-x 99999999999999999999 0.0.0.0 1,,2",
        ];
        for text in texts {
            let found = detect(&Document::new(text));
            let mut last_end = 0;
            for (span, _) in found {
                assert!(
                    span.start() >= last_end && span.start() < span.end(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
                last_end = span.end();
            }
        }
    }
}
