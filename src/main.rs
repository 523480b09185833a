//! The `qa-widget` command: build an index from a site's pages, ask it questions, and
//! measure its answers.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    #[cfg(target_os = "wasi")]
    enter_host_working_directory();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// WASI gives a program no working directory of its own, so the npm package's host
/// (`www/build-wasi.js`) passes the user's in `PWD`: relative paths then mean what they
/// mean to the native binary, and the report prints them as they were given.
#[cfg(target_os = "wasi")]
fn enter_host_working_directory() {
    if let Some(dir) = std::env::var_os("PWD") {
        if let Err(error) = std::env::set_current_dir(&dir) {
            eprintln!("warning: cannot enter the working directory {}: {error}", std::path::Path::new(&dir).display());
        }
    }
}
