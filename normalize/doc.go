// Package normalize turns a pasted text into plain lines, each mapped back to the line:col of the
// input it came from. It owns every repair that does not depend on what a line means: carriage
// returns, tabs, odd and zero-width spaces, ANSI colour escapes, HTML entities and tags (HTML tables
// in any line layout become one line a row), a blank line after every line, and, for the table
// view, Markdown (headings, emphasis, code spans, escapes, list markers, fences glued to text, pipe
// tables with or without outer pipes), `>` quoting at any depth, console prompts and comment
// prefixes, and summaries whose line breaks were lost.
//
// It knows text, not tables: which lines are rows, headers or totals is decided by package
// [github.com/kexplain/kexplain/grammar], which imports this package. Two views come out of
// [Normalize]: Plain lines (character repairs, HTML and doubled lines undone) for code, where
// `**kwargs`, `__init__` and `# comments` must stay, and table Lines (Plain plus every markup and
// prefix repair) for summaries. Nothing here panics or grows faster than the input.
package normalize
