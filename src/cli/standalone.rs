//! The single-file page for kiosks, intranets and email (to be written with the widget).

use std::path::Path;

pub fn write_page(_page: &Path, _assets: &Path, _index: &[u8]) -> anyhow::Result<()> {
    anyhow::bail!("--standalone is not available yet")
}
