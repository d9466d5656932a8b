//! Command-line inputs to the list of things to read: files, directories
//! (recursively), glob patterns and `-` for standard input.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{ErrorKind, IngestError};
use crate::record::Origin;

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Input {
    /// The name used in origins and messages: the path as given, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::Path(path) => path.display().to_string(),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Expands command-line arguments into inputs, in order: `-` is standard
/// input, a directory gives its files recursively (sorted by path, hidden
/// files and directories skipped, links to directories not followed), an argument that names no file but holds
/// `*`, `?` or `[` is a glob pattern (matches sorted, hidden files skipped).
///
/// Each problem (a missing file, a pattern that matches nothing, an
/// unreadable directory) is an `Err` in its place, so that the caller can
/// report it and go on with the other inputs.
pub fn expand_inputs<I, A>(arguments: I) -> Vec<Result<Input, IngestError>>
where
    I: IntoIterator<Item = A>,
    A: AsRef<Path>,
{
    let mut inputs = Vec::new();
    for argument in arguments {
        let argument = argument.as_ref();
        if argument == Path::new("-") {
            inputs.push(Ok(Input::Stdin));
            continue;
        }
        let error = |kind| {
            Err(IngestError::new(
                Origin::whole(argument.display().to_string()),
                kind,
            ))
        };
        match fs::metadata(argument) {
            Ok(metadata) if metadata.is_dir() => {
                let before = inputs.len();
                walk(argument, &mut inputs);
                if inputs.len() == before {
                    inputs.push(error(ErrorKind::EmptyDirectory));
                }
            }
            Ok(_) => inputs.push(Ok(Input::Path(argument.to_path_buf()))),
            Err(io_error) => match argument.to_str().filter(|s| s.contains(['*', '?', '['])) {
                Some(pattern) => expand_glob(pattern, &mut inputs),
                None => inputs.push(error(ErrorKind::Io(io_error))),
            },
        }
    }
    inputs
}

fn expand_glob(pattern: &str, inputs: &mut Vec<Result<Input, IngestError>>) {
    let origin = || Origin::whole(pattern);
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(error) => {
            let io_error = io::Error::new(io::ErrorKind::InvalidInput, error.to_string());
            inputs.push(Err(IngestError::new(origin(), ErrorKind::Io(io_error))));
            return;
        }
    };
    let before = inputs.len();
    let mut matched = Vec::new();
    for entry in paths {
        match entry {
            Ok(path) if path.is_dir() => walk(&path, inputs),
            Ok(path) if !is_hidden(&path) => matched.push(path),
            Ok(_) => {}
            Err(error) => {
                let path = error.path().display().to_string();
                inputs.push(Err(IngestError::new(
                    Origin::whole(path),
                    ErrorKind::Io(error.into()),
                )));
            }
        }
    }
    if matched.is_empty() && inputs.len() == before {
        inputs.push(Err(IngestError::new(origin(), ErrorKind::NoMatch)));
    }
    matched.sort();
    inputs.extend(matched.into_iter().map(|path| Ok(Input::Path(path))));
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.'))
}

/// Adds the files under `directory`, depth first in sorted order.
fn walk(directory: &Path, inputs: &mut Vec<Result<Input, IngestError>>) {
    let entries = fs::read_dir(directory).and_then(|entries| {
        entries
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<io::Result<Vec<PathBuf>>>()
    });
    let mut paths = match entries {
        Ok(paths) => paths,
        Err(error) => {
            let origin = Origin::whole(directory.display().to_string());
            inputs.push(Err(IngestError::new(origin, ErrorKind::Io(error))));
            return;
        }
    };
    paths.sort();
    for path in paths {
        if is_hidden(&path) {
            continue;
        }
        // A symbolic link to a directory is not followed: links can loop.
        let is_real_directory = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if is_real_directory {
            walk(&path, inputs);
        } else if !path.is_dir() {
            inputs.push(Ok(Input::Path(path)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[Result<Input, IngestError>], root: &Path) -> Vec<String> {
        inputs
            .iter()
            .map(|input| match input {
                Ok(Input::Path(path)) => path
                    .strip_prefix(root)
                    .map_or_else(|_| path.display().to_string(), |p| p.display().to_string()),
                Ok(Input::Stdin) => "-".to_string(),
                Err(error) => format!("error: {error}"),
            })
            .collect()
    }

    #[test]
    fn directories_globs_and_stdin_expand_in_order() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("b/c"))?;
        fs::create_dir_all(root.join(".git"))?;
        for file in [
            "a.txt",
            "b/z.html",
            "b/c/y.txt",
            "b/.hidden",
            ".git/config",
            "x.jsonl",
        ] {
            fs::write(root.join(file), "x")?;
        }
        let arguments = [
            root.join("b"),
            PathBuf::from("-"),
            root.join("*.txt"),
            root.join("missing.txt"),
            root.join("*.nothing"),
        ];
        let inputs = expand_inputs(&arguments);
        let names = names(&inputs, root);
        assert_eq!(names[..4], ["b/c/y.txt", "b/z.html", "-", "a.txt"]);
        assert!(names[4].starts_with("error: ") && names[4].contains("missing.txt: cannot read"));
        assert!(
            names[5].ends_with("*.nothing: the pattern matches no file"),
            "{}",
            names[5]
        );
        assert_eq!(names.len(), 6);

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("b/c/loop"))?;
            let inputs = expand_inputs([root.join("b")]);
            assert_eq!(
                super::tests::names(&inputs, root),
                ["b/c/y.txt", "b/z.html"]
            );
        }
        Ok(())
    }
}
