//! The tag sets: Penn Treebank parts of speech (quotation marks folded into one tag, brackets as
//! `-LRB-`/`-RRB-`) and the dependency labels of spaCy's English models (ClearNLP style).

/// A part-of-speech tag: an index into [`TAG_NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Tag(pub u8);

/// A dependency label: an index into [`DEP_NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Dep(pub u8);

pub const TAG_NAMES: [&str; 46] = [
    "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "DT", "PDT", "WDT", "WP", "WP$", "WRB", "JJ", "JJR",
    "JJS", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "IN", "TO", "CC",
    "CD", "EX", "FW", "LS", "POS", "RP", "SYM", "UH", ".", ",", ":", "''", "-LRB-", "-RRB-", "$",
    "HYPH", "NFP", "XX",
];

pub const DEP_NAMES: [&str; 45] = [
    "ROOT",
    "acl",
    "acomp",
    "advcl",
    "advmod",
    "agent",
    "amod",
    "appos",
    "attr",
    "aux",
    "auxpass",
    "case",
    "cc",
    "ccomp",
    "compound",
    "conj",
    "csubj",
    "csubjpass",
    "dative",
    "dep",
    "det",
    "dobj",
    "expl",
    "intj",
    "mark",
    "meta",
    "neg",
    "nmod",
    "npadvmod",
    "nsubj",
    "nsubjpass",
    "nummod",
    "oprd",
    "parataxis",
    "pcomp",
    "pobj",
    "poss",
    "preconj",
    "predet",
    "prep",
    "prt",
    "punct",
    "quantmod",
    "relcl",
    "xcomp",
];

impl Tag {
    pub const NN: Tag = Tag(0);
    pub const NNS: Tag = Tag(1);
    pub const NNP: Tag = Tag(2);
    pub const NNPS: Tag = Tag(3);
    pub const PRP: Tag = Tag(4);
    pub const PRP_POSS: Tag = Tag(5);
    pub const DT: Tag = Tag(6);
    pub const WDT: Tag = Tag(8);
    pub const WP: Tag = Tag(9);
    pub const WP_POSS: Tag = Tag(10);
    pub const JJ: Tag = Tag(12);
    pub const JJR: Tag = Tag(13);
    pub const JJS: Tag = Tag(14);
    pub const RB: Tag = Tag(15);
    pub const VB: Tag = Tag(18);
    pub const VBD: Tag = Tag(19);
    pub const VBG: Tag = Tag(20);
    pub const VBN: Tag = Tag(21);
    pub const VBP: Tag = Tag(22);
    pub const VBZ: Tag = Tag(23);
    pub const MD: Tag = Tag(24);
    pub const IN: Tag = Tag(25);
    pub const TO: Tag = Tag(26);
    pub const CC: Tag = Tag(27);
    pub const CD: Tag = Tag(28);
    pub const POS: Tag = Tag(32);
    pub const PERIOD: Tag = Tag(36);
    pub const COMMA: Tag = Tag(37);
    pub const COLON: Tag = Tag(38);
    pub const QUOTE: Tag = Tag(39);
    pub const XX: Tag = Tag(45);

    pub const COUNT: usize = TAG_NAMES.len();

    /// The tag of a name as the treebanks and spaCy write it; unknown and rare tags become `XX`.
    pub fn parse(name: &str) -> Tag {
        let name = match name {
            "``" | "\"" | "'" => "''",
            "(" => "-LRB-",
            ")" => "-RRB-",
            "#" => "SYM",
            other => other,
        };
        // CoNLL writes a few ambiguous tags as "NN|SYM": the first is taken.
        let name = name.split('|').next().unwrap_or(name);
        TAG_NAMES
            .iter()
            .position(|&t| t == name)
            .map_or(Tag::XX, |k| Tag(k as u8))
    }

    pub fn name(self) -> &'static str {
        TAG_NAMES.get(usize::from(self.0)).copied().unwrap_or("XX")
    }

    pub fn is_noun(self) -> bool {
        (0..=3).contains(&self.0)
    }

    pub fn is_proper_noun(self) -> bool {
        self == Tag::NNP || self == Tag::NNPS
    }

    pub fn is_verb(self) -> bool {
        (18..=24).contains(&self.0)
    }

    /// A verb form that makes a clause finite: past, present or modal.
    pub fn is_finite_verb(self) -> bool {
        matches!(self, Tag::VBD | Tag::VBP | Tag::VBZ | Tag::MD)
    }

    pub fn is_punct(self) -> bool {
        (36..=41).contains(&self.0) || self.0 == 43 || self.0 == 44
    }
}

impl Dep {
    pub const ROOT: Dep = Dep(0);
    pub const ACL: Dep = Dep(1);
    pub const ADVCL: Dep = Dep(3);
    pub const ADVMOD: Dep = Dep(4);
    pub const AGENT: Dep = Dep(5);
    pub const AMOD: Dep = Dep(6);
    pub const APPOS: Dep = Dep(7);
    pub const ATTR: Dep = Dep(8);
    pub const AUX: Dep = Dep(9);
    pub const AUXPASS: Dep = Dep(10);
    pub const CC: Dep = Dep(12);
    pub const CCOMP: Dep = Dep(13);
    pub const COMPOUND: Dep = Dep(14);
    pub const CONJ: Dep = Dep(15);
    pub const CSUBJ: Dep = Dep(16);
    pub const DATIVE: Dep = Dep(18);
    pub const DEP: Dep = Dep(19);
    pub const DET: Dep = Dep(20);
    pub const DOBJ: Dep = Dep(21);
    pub const MARK: Dep = Dep(24);
    pub const NEG: Dep = Dep(26);
    pub const NMOD: Dep = Dep(27);
    pub const NPADVMOD: Dep = Dep(28);
    pub const NSUBJ: Dep = Dep(29);
    pub const NSUBJPASS: Dep = Dep(30);
    pub const NUMMOD: Dep = Dep(31);
    pub const OPRD: Dep = Dep(32);
    pub const PARATAXIS: Dep = Dep(33);
    pub const PCOMP: Dep = Dep(34);
    pub const POBJ: Dep = Dep(35);
    pub const POSS: Dep = Dep(36);
    pub const PREP: Dep = Dep(39);
    pub const PRT: Dep = Dep(40);
    pub const PUNCT: Dep = Dep(41);
    pub const RELCL: Dep = Dep(43);
    pub const XCOMP: Dep = Dep(44);

    pub const COUNT: usize = DEP_NAMES.len();

    /// The label of a name; unknown labels become `dep`.
    pub fn parse(name: &str) -> Dep {
        DEP_NAMES
            .iter()
            .position(|&d| d == name)
            .map_or(Dep::DEP, |k| Dep(k as u8))
    }

    pub fn name(self) -> &'static str {
        DEP_NAMES.get(usize::from(self.0)).copied().unwrap_or("dep")
    }

    pub fn is_subject(self) -> bool {
        matches!(self, Dep::NSUBJ | Dep::NSUBJPASS | Dep::CSUBJ) || self.0 == 17
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_variants_fold() {
        for (k, name) in TAG_NAMES.iter().enumerate() {
            assert_eq!(Tag::parse(name), Tag(k as u8));
            assert_eq!(Tag(k as u8).name(), *name);
        }
        for (k, name) in DEP_NAMES.iter().enumerate() {
            assert_eq!(Dep::parse(name), Dep(k as u8));
        }
        assert_eq!(Tag::parse("``"), Tag::QUOTE);
        assert_eq!(Tag::parse("\""), Tag::QUOTE);
        assert_eq!(Tag::parse("("), Tag(40));
        assert_eq!(Tag::parse("GW"), Tag::XX);
        assert_eq!(Tag::parse("NN|SYM"), Tag::NN);
        assert_eq!(Dep::parse("nsubj:pass"), Dep::DEP);
        assert_eq!(Tag::VBZ.name(), "VBZ");
        assert_eq!(Dep::NSUBJ.name(), "nsubj");
        assert_eq!(Dep::XCOMP.name(), "xcomp");
        assert!(Tag::VBD.is_finite_verb() && !Tag::VBG.is_finite_verb());
    }
}
