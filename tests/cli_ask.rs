//! `qa-widget ask` at its edge: the same `top` as the wasm, a bad stdin line reported by its
//! number while the batch goes on, and terminal output that escape sequences cannot drive.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn ask(args: &[&str], stdin: &[u8]) -> Output {
    let index = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/index-v1.idx");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qa-widget"))
        .args(["ask", "--index", index])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qa-widget runs");
    child.stdin.take().expect("stdin").write_all(stdin).expect("the questions are written");
    child.wait_with_output().expect("qa-widget finishes")
}

#[test]
fn top_outside_the_wasm_range_is_refused_with_the_range() {
    for top in ["2.5", "1001"] {
        let output = ask(&["--top", top, "insurance"], b"");
        assert!(!output.status.success(), "--top {top} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("from 0 to 1000"), "{stderr}");
    }
    assert!(ask(&["--top", "1000", "insurance"], b"").status.success());
}

#[test]
fn a_line_that_is_not_utf8_is_named_and_the_batch_goes_on() {
    let output = ask(&["--json"], b"Is it covered by insurance?\n\xff\xfe broken\r\n\nHow long does it take to see results?\r\n");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let answered: Vec<&str> = stdout.lines().collect();
    assert_eq!(answered.len(), 2, "{stdout}");
    assert!(answered[1].contains("\"question\":\"How long does it take to see results?\""), "{}", answered[1]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2: not UTF-8") && stderr.contains("(line 2)"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "a batch with a skipped line does not end as if all went well");
}

#[test]
fn text_output_does_not_pass_escape_sequences_to_the_terminal() {
    let output = ask(&[], b"insurance \x1b]0;owned\x07 \x1b[2J cost\n");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains('\x1b') && !stdout.contains('\x07'), "{stdout:?}");
    assert!(stdout.contains("Q: insurance \\u{1b}]0;owned\\u{7} \\u{1b}[2J cost"), "{stdout}");
}
