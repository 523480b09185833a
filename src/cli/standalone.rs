//! The single-file page for kiosks, intranets and email: `qa-widget build … --standalone page.html`.
//!
//! One HTML file holds everything: the widget, engine and wasm glue bundled into one script
//! (`qa-widget.standalone.js`, made by `make pkg`), inlined in a `<script type="module">`; the
//! wasm and the index inlined as `data:` URLs in the `<qa-widget>` element's `wasm` and `index`
//! attributes. Opened from `file://`, from an intranet share or from an email attachment, it
//! answers with no network at all.

use std::path::Path;

use anyhow::Context;

/// The bundled JS (widget + engine + glue) in the assets folder.
const SCRIPT: &str = "qa-widget.standalone.js";
/// The engine's wasm in the assets folder.
const WASM: &str = "qa-widget-engine_bg.wasm";
/// The page's title when the index has no titled document.
const DEFAULT_TITLE: &str = "Questions and answers";
/// How many document titles the page lists under "Answers come from".
const LISTED_DOCUMENTS: usize = 50;

/// Writes the page for `index` (the bytes of a built index) to `page`, inlining the built
/// package's files from `assets` (the `pkg/` folder of `make pkg`, or an installed
/// `node_modules/qa-widget`).
/// The widget bundle and the wasm that a standalone page inlines, read before anything
/// is written so that a missing `make pkg` leaves no half-done output behind.
pub struct Assets {
    script: String,
    wasm: Vec<u8>,
}

pub fn read_assets(assets: &Path) -> anyhow::Result<Assets> {
    let script = read_asset(assets, SCRIPT)?;
    let script = String::from_utf8(script).with_context(|| format!("{} is not UTF-8 text", assets.join(SCRIPT).display()))?;
    let wasm = read_asset(assets, WASM)?;
    if !wasm.starts_with(b"\0asm") {
        anyhow::bail!("{} is not a WebAssembly module; rebuild it with `make pkg`", assets.join(WASM).display());
    }
    Ok(Assets { script, wasm })
}

pub fn write_page(page: &Path, assets: &Assets, index: &[u8]) -> anyhow::Result<()> {
    let titles = document_titles(index)?;
    let html = render(&titles, &assets.script, &assets.wasm, index);
    std::fs::write(page, html).with_context(|| format!("cannot write the standalone page to {}", page.display()))
}

fn read_asset(assets: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    let path = assets.join(name);
    std::fs::read(&path).with_context(|| {
        format!(
            "the standalone page needs {} from the built npm package: run `make pkg` (it writes pkg/), \
             or pass --assets with the folder that holds {SCRIPT} and {WASM} (such as node_modules/qa-widget)",
            path.display()
        )
    })
}

/// The titles of the index's documents, in order (the first one titles the page).
fn document_titles(index: &[u8]) -> anyhow::Result<Vec<String>> {
    let index = qa_widget::Index::from_bytes(index).context("the index just built cannot be read back")?;
    let titles = (0..index.document_count() as u32).filter_map(|d| index.document(d)).map(|d| d.title.trim().to_string());
    Ok(titles.filter(|t| !t.is_empty()).collect())
}

/// The whole page.
fn render(titles: &[String], script: &str, wasm: &[u8], index: &[u8]) -> String {
    let title = escape_html(titles.first().map_or(DEFAULT_TITLE, String::as_str));
    let mut sources = String::new();
    for document in titles.iter().take(LISTED_DOCUMENTS) {
        sources.push_str(&format!("\n      <li>{}</li>", escape_html(document)));
    }
    if titles.len() > LISTED_DOCUMENTS {
        sources.push_str(&format!("\n      <li>… and {} more</li>", titles.len() - LISTED_DOCUMENTS));
    }
    let index_url = format!("data:application/octet-stream;base64,{}", base64(index));
    let wasm_url = format!("data:application/wasm;base64,{}", base64(wasm));
    let script = escape_script(script);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="qa-widget build --standalone">
<title>{title}</title>
<style>
  body {{ margin: 0 auto; max-width: 46rem; padding: 2rem 1rem 3rem; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
  h1 {{ font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }}
  .lead {{ margin: 0 0 1.5rem; opacity: .85; }}
  qa-widget {{ margin: 0 0 1.5rem; }}
  details {{ font-size: .9rem; opacity: .85; }}
</style>
</head>
<body>
<main>
  <h1>{title}</h1>
  <p class="lead">Ask a question in your own words: the answers are quoted from the pages listed below.
    This page works offline: everything it needs is inside this one file, and nothing you type leaves this device.</p>
  <noscript><p>This page needs JavaScript to answer questions.</p></noscript>
  <qa-widget mode="inline" heading="Ask a question" disclaimer="Answers are quotes from these pages, not medical advice."
    index="{index_url}"
    wasm="{wasm_url}"></qa-widget>
  <details>
    <summary>Answers come from {count} {pages}</summary>
    <ul>{sources}
    </ul>
  </details>
</main>
<script type="module">
{script}
</script>
</body>
</html>
"#,
        count = titles.len(),
        pages = if titles.len() == 1 { "page" } else { "pages" },
    )
}

/// Text for HTML element content and quoted attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JavaScript made safe to sit inside `<script>…</script>`: the HTML parser ends a script at
/// the first `</script` (any case), and `<!--` would put it in the "escaped" state, where a
/// later `<script` changes how the end is found. `</script` becomes `<\/script` and `<!--`
/// becomes `<\x21--`: the same characters wherever they can occur in a module (strings,
/// template literals, regular expressions, comments), and neither sequence is left.
fn escape_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len() + 16);
    let mut rest = js;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.len() >= 8 && tail.as_bytes()[1] == b'/' && tail.as_bytes()[2..8].eq_ignore_ascii_case(b"script") {
            out.push_str("<\\/");
            rest = &tail[2..];
        } else if let Some(after) = tail.strip_prefix("<!--") {
            out.push_str("<\\x21--");
            rest = after;
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Standard base64 with padding (RFC 4648), as `data:` URLs want it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8) | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_and_comment_openers_are_escaped_in_any_case() {
        assert_eq!(escape_script(r#"s = "</script>";"#), r#"s = "<\/script>";"#);
        assert_eq!(escape_script("a('</SCRIPT >', '</ScRiPt')"), r"a('<\/SCRIPT >', '<\/ScRiPt')");
        assert_eq!(escape_script("x = '<!-- <script>'"), r"x = '<\x21-- <script>'");
        assert_eq!(escape_script(r"/<\/script/u.test(s)"), r"/<\/script/u.test(s)", "already safe: unchanged");
        // What must stay as it is: comparisons, other tags, a `</scrip` that is not one, the end.
        for same in ["a < b && c <= d", "'<div></div>'", "'</scrip'", "'<!-'", "x<", "<", "", "é<ü"] {
            assert_eq!(escape_script(same), same);
        }
        // Any "</script" prefix is escaped, even where the parser would not end the script: harmless.
        assert_eq!(escape_script("'</scripts'"), r"'<\/scripts'");
    }

    #[test]
    fn nothing_escaped_can_end_the_script_or_open_a_comment() {
        let nasty = "</script</SCRIPT<!--<!---->< /script></script\n<!-<!--</scriptX</";
        let out = escape_script(nasty).to_ascii_lowercase();
        assert!(!out.contains("</script"), "{out}");
        assert!(!out.contains("<!--"), "{out}");
        // Only the two sequences change: removing the added escapes gives the input back.
        assert_eq!(escape_script(nasty).replace("<\\/", "</").replace("<\\x21--", "<!--"), nasty);
    }

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(escape_html(r#"Q&A <b>"bold"</b> it's"#), "Q&amp;A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; it&#39;s");
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, expected) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn the_page_inlines_everything_and_escapes_what_it_quotes() {
        let titles = vec!["Back pain <&> \"stem cells\"".to_string(), "Second".to_string()];
        let page = render(&titles, "const end = '</script>';", b"\0asm\x01\0\0\0", b"QAIDX");
        assert!(page.contains("<title>Back pain &lt;&amp;&gt; &quot;stem cells&quot;</title>"));
        assert!(page.contains(r#"index="data:application/octet-stream;base64,UUFJRFg=""#));
        assert!(page.contains(r#"wasm="data:application/wasm;base64,AGFzbQEAAAA=""#));
        assert!(page.contains(r"const end = '<\/script>';"));
        assert_eq!(page.matches("</script>").count(), 1, "only the page's own end of script");
        assert!(page.contains("works offline"));
        assert!(page.contains("Answers come from 2 pages"));
        assert!(!page.contains("http://") && !page.contains("https://"), "no external reference");
    }

    #[test]
    fn missing_assets_say_how_to_get_them() {
        let dir = std::env::temp_dir().join(format!("qa-widget-standalone-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let error = read_assets(&dir).err().map(|e| e.to_string()).unwrap_or_default();
        std::fs::remove_dir_all(&dir).ok();
        assert!(error.contains("make pkg") && error.contains("--assets"), "{error}");
    }
}
