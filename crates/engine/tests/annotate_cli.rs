//! The `annotate` program on JSON Lines: order, parallel runs, and records it cannot read.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn annotate(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annotate starts");
    // Written from another thread: annotate's output would fill its pipe first.
    let mut stdin = child.stdin.take().expect("a pipe");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("annotate finishes");
    writer.join().expect("the writer").expect("input written");
    out
}

fn ids(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each output line is JSON");
            v["id"].as_str().expect("an id").to_string()
        })
        .collect()
}

/// Documents of very different lengths, so that parallel workers finish out of order.
fn corpus(n: usize) -> String {
    (0..n)
        .map(|k| {
            let sentence =
                format!("Maria Lopez said on Monday that talks in Denver went well ({k}). ");
            let text = sentence.repeat(1 + (k * 37) % 60);
            serde_json::json!({ "id": format!("doc-{k}"), "text": text }).to_string() + "\n"
        })
        .collect()
}

#[test]
fn parallel_runs_keep_the_input_order_and_give_the_same_output() {
    let input = corpus(600);
    let one = annotate(&["--jobs", "1", "-"], &input);
    let two = annotate(&["--jobs", "2", "-"], &input);
    assert!(one.status.success() && two.status.success());
    let expected: Vec<String> = (0..600).map(|k| format!("doc-{k}")).collect();
    assert_eq!(ids(&two), expected);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn unreadable_records_are_named_by_line_and_the_rest_is_analysed() {
    let input = "{\"id\":\"a\",\"text\":\"Ann Lee said it.\"}\n\
                 not json\n\
                 \n\
                 {\"id\":\"b\"}\n\
                 {\"id\":\"c\",\"text\":\"Paris is big.\"}\n";
    let out = annotate(&["-"], input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), ["a", "c"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2:"), "{err}");
    assert!(err.contains("line 4:") && err.contains("text"), "{err}");
    assert!(err.contains("2 of 4 records"), "{err}");
}

#[test]
fn a_bad_jobs_count_is_refused() {
    let out = annotate(&["--jobs", "none", "-"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jobs"));
}

#[test]
fn a_quote_names_its_speaker_as_written_and_in_full() {
    let text = "Rita Okafor, the mayor of Lagos, opened the session on Monday.\n\n\
                \"We will wait for the court,\" Okafor said.";
    let input = serde_json::json!({ "id": "okafor", "text": text }).to_string() + "\n";
    let out = annotate(&["-"], &input);
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON record");
    let quote = &record["quotes"][0];
    assert_eq!(quote["text"], "We will wait for the court,");
    assert_eq!(quote["speaker"], "Okafor", "as the attribution writes it");
    assert_eq!(quote["speaker_name"], "Rita Okafor", "the fullest name");
    assert_eq!(quote["speaker_mention"]["text"], "Okafor");
}
