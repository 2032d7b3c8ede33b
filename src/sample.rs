//! The "Try a sample" article: a short invented news story written for this app (so the app
//! never ships third-party article text). Every name, place and event in it is made up.

pub const SAMPLE: &str = "\
Harbour town votes to rebuild its flooded sea wall

(An invented story, written as a sample for Article Annotator. The people and places are not real.)

Residents of Port Wenlow voted on Tuesday to rebuild the sea wall that gave way during the storms of last winter, ending eight months of argument over who should pay.

\u{201c}We have waited long enough,\u{201d} said Mayor Clara Osei after the count. \u{201c}Every family on the front has been living with sandbags since February.\u{201d}

The Wenlow Harbour Trust, which owns most of the quay, had argued that the town council should carry the full cost of 4.2 million pounds. Its chair, Desmond Kray, told reporters the trust would now contribute a third.

\u{201c}This is not the deal we wanted,\u{201d} Kray said. \u{201c}But the water does not wait for lawyers.\u{201d}

Osei said the first stones would be laid in the spring. She added that the council would publish every contract online.

\u{201c}People deserve to see where their money goes,\u{201d} she said.

A report by the Coastal Engineering Institute found that the old wall had not been inspected since 2009.
";
