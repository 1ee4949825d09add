//! Progress bars of a pull on a terminal, as podman shows them: one line per blob
//! ("Copying blob 1a2b3c4d5e6f [=====>     ] 12.3MiB / 45.6MiB"), redrawn in place, ending
//! "done". `line` decides the text (pure); `Bars` redraws it with plain ANSI cursor moves.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::plan::units::binary_compact;

/// Narrowest bar drawn; below it a line shows the sizes only.
const MIN_BAR: usize = 10;
/// Widest bar drawn.
const MAX_BAR: usize = 40;
/// Redraws at most this often while bytes arrive (a blob's end is drawn at once).
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// What a blob's line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Downloading: the bytes so far and the total when it is known.
    Copying { done: u64, total: Option<u64> },
    /// Downloaded and verified.
    Done,
    /// Already in the store.
    Skipped,
}

/// The inside of a bar `width` wide: `=====>    ` for a known total, a `<=>` that moves
/// with the bytes when the total is unknown.
pub fn bar(done: u64, total: Option<u64>, width: usize) -> String {
    match total {
        Some(total) => {
            let filled = if total == 0 || done >= total {
                width
            } else {
                (u128::from(done) * width as u128 / u128::from(total)) as usize
            };
            if filled >= width {
                "=".repeat(width)
            } else if filled == 0 {
                " ".repeat(width)
            } else {
                format!("{}>{}", "=".repeat(filled - 1), " ".repeat(width - filled))
            }
        }
        None => {
            let span = width.saturating_sub(3).max(1);
            // One step per 256 KiB, back and forth.
            let step = (done >> 18) as usize % (2 * span);
            let at = if step < span { step } else { 2 * span - step };
            let at = at.min(width.saturating_sub(3));
            let mut s = " ".repeat(at);
            s.push_str(&"<=>"[..3.min(width)]);
            s.push_str(&" ".repeat(width.saturating_sub(at + 3)));
            s
        }
    }
}

/// The line of one blob on a terminal `cols` wide (never wider than `cols - 1`, so that it
/// does not wrap and the redraw's cursor moves stay right). `kind` is `blob` or `config`,
/// `short` the first 12 hex digits of its digest.
pub fn line(kind: &str, short: &str, state: State, cols: usize) -> String {
    let head = format!("Copying {kind} {short}");
    let text = match state {
        State::Done => format!("{head} done"),
        State::Skipped => format!("{head} skipped: already exists"),
        State::Copying { done, total } => {
            let sizes = match total {
                Some(t) => format!("{} / {}", binary_compact(done), binary_compact(t)),
                None => binary_compact(done),
            };
            // "HEAD [BAR] SIZES": four characters besides the three parts.
            let room = cols.saturating_sub(1 + head.len() + sizes.len() + 4);
            if room >= MIN_BAR {
                let width = room.min(MAX_BAR);
                format!("{head} [{}] {sizes}", bar(done, total, width))
            } else {
                format!("{head} {sizes}")
            }
        }
    };
    text.chars().take(cols.saturating_sub(1).max(1)).collect()
}

/// `sha256:<hex>` -> its first 12 hex digits.
pub fn short(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    &hex[..12.min(hex.len())]
}

struct Entry {
    kind: &'static str,
    short: String,
    state: State,
}

struct Screen {
    entries: Vec<Entry>,
    /// Lines drawn by the last redraw (the cursor is below them).
    drawn: usize,
    last: Option<Instant>,
    cols: usize,
    out: Box<dyn Write + Send>,
}

impl Screen {
    fn redraw(&mut self) {
        let mut buf = String::new();
        if self.drawn > 0 {
            // Back to the first line drawn.
            buf.push_str(&format!("\x1b[{}A", self.drawn));
        }
        for e in &self.entries {
            buf.push_str("\r\x1b[2K");
            buf.push_str(&line(e.kind, &e.short, e.state, self.cols));
            buf.push('\n');
        }
        self.drawn = self.entries.len();
        self.last = Some(Instant::now());
        // A terminal that went away is no reason to fail the pull.
        let _ = self.out.write_all(buf.as_bytes());
        let _ = self.out.flush();
    }
}

/// The bars of one pull, shared by its download threads.
pub struct Bars {
    screen: Mutex<Screen>,
}

impl Bars {
    /// Bars on standard error, as wide as its terminal (80 columns if it cannot say).
    pub fn stderr() -> Bars {
        use std::os::fd::AsFd;
        let cols = crate::sys::get_winsize(std::io::stderr().as_fd())
            .ok()
            .map(|ws| usize::from(ws.ws_col))
            .filter(|&c| c > 0)
            .unwrap_or(80);
        Bars {
            screen: Mutex::new(Screen {
                entries: Vec::new(),
                drawn: 0,
                last: None,
                cols,
                out: Box::new(std::io::stderr()),
            }),
        }
    }

    /// A new line for `digest`, drawn at once; returns its index for `set`.
    pub fn add(&self, kind: &'static str, digest: &str, state: State) -> usize {
        let Ok(mut s) = self.screen.lock() else {
            return usize::MAX;
        };
        s.entries.push(Entry {
            kind,
            short: short(digest).to_string(),
            state,
        });
        s.redraw();
        s.entries.len() - 1
    }

    /// Line `i` now shows `state`: redrawn at once when it is final, else at most every
    /// 100 ms.
    pub fn set(&self, i: usize, state: State) {
        let Ok(mut s) = self.screen.lock() else {
            return;
        };
        let Some(e) = s.entries.get_mut(i) else {
            return;
        };
        e.state = state;
        let due = s.last.is_none_or(|t| t.elapsed() >= REDRAW_EVERY);
        if due || !matches!(state, State::Copying { .. }) {
            s.redraw();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_with_the_bytes() {
        assert_eq!(bar(0, Some(100), 10), "          ");
        assert_eq!(bar(50, Some(100), 10), "====>     ");
        assert_eq!(bar(99, Some(100), 10), "========> ");
        assert_eq!(bar(100, Some(100), 10), "==========");
        assert_eq!(bar(200, Some(100), 10), "==========", "more than announced");
        assert_eq!(bar(0, Some(0), 4), "====", "an empty blob is complete");
        assert_eq!(bar(u64::MAX / 2, Some(u64::MAX), 10), "===>      ");
    }

    #[test]
    fn unknown_totals_bounce_inside_the_bar() {
        for done in (0..64u64).map(|i| i << 18) {
            let b = bar(done, None, 10);
            assert_eq!(b.len(), 10, "{b:?}");
            assert_eq!(b.trim(), "<=>", "{b:?}");
        }
        assert_eq!(bar(0, None, 10), "<=>       ");
        assert_eq!(bar(7 << 18, None, 10), "       <=>");
        assert_eq!(bar(8 << 18, None, 10), "      <=> ");
        assert_eq!(bar(0, None, 2), "<=");
    }

    #[test]
    fn lines_as_podman_prints_them() {
        let mib = 1 << 20;
        let l = line(
            "blob",
            "1a2b3c4d5e6f",
            State::Copying {
                done: 12 * mib,
                total: Some(48 * mib),
            },
            80,
        );
        assert_eq!(
            l,
            format!(
                "Copying blob 1a2b3c4d5e6f [{}] 12.0MiB / 48.0MiB",
                bar(1, Some(4), 33)
            )
        );
        assert_eq!(l.len(), 79, "fills the line but the last column");
        let wide = line(
            "blob",
            "1a2b3c4d5e6f",
            State::Copying {
                done: 0,
                total: Some(mib),
            },
            200,
        );
        assert!(
            wide.contains(&format!("[{}]", " ".repeat(MAX_BAR))),
            "{wide}"
        );
        let unknown = line(
            "blob",
            "1a2b3c4d5e6f",
            State::Copying {
                done: 512,
                total: None,
            },
            80,
        );
        assert!(
            unknown.ends_with("] 512B") && unknown.contains("<=>"),
            "{unknown}"
        );
        assert_eq!(
            line("blob", "1a2b3c4d5e6f", State::Done, 80),
            "Copying blob 1a2b3c4d5e6f done"
        );
        assert_eq!(
            line("config", "abcdef012345", State::Skipped, 80),
            "Copying config abcdef012345 skipped: already exists"
        );
    }

    #[test]
    fn narrow_terminals_drop_the_bar_then_cut_the_line() {
        let s = State::Copying {
            done: 1 << 20,
            total: Some(2 << 20),
        };
        let l = line("blob", "1a2b3c4d5e6f", s, 50);
        assert_eq!(l, "Copying blob 1a2b3c4d5e6f 1.0MiB / 2.0MiB");
        let cut = line("blob", "1a2b3c4d5e6f", s, 20);
        assert_eq!(cut, "Copying blob 1a2b3c");
        for cols in 0..120 {
            assert!(line("blob", "1a2b3c4d5e6f", s, cols).len() < cols.max(2));
        }
    }

    #[test]
    fn short_digests() {
        assert_eq!(
            short(&format!("sha256:{}", "ab".repeat(32))),
            "abababababab"
        );
        assert_eq!(short("sha256:abc"), "abc");
    }
}
