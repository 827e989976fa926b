// Package normalize turns a pasted text into plain lines, each mapped back to the line:col of the
// input it came from. It owns every repair that does not depend on what a line means, each kind of
// damage in one place:
//
//   - characters (chars.go, utf16.go, mojibake.go): UTF-16 files, carriage returns, tabs, odd,
//     no-break and zero-width spaces, ANSI colour escapes, typographic ligatures, UTF-8 read in
//     Windows-1252 or a DOS code page;
//   - markup around the text (html.go, entities.go, bbcode.go, wikitable.go, latex.go, csv.go,
//     markdown.go): HTML tables in any line layout, entities, BBCode and MediaWiki tables, LaTeX
//     tabulars, CSV exports, Markdown headings, emphasis, code spans, escapes, list markers,
//     fences glued to text, pipe tables with or without outer pipes (and Jira's doubled pipes);
//   - what tools put around a print's lines (prefix.go, gutter.go, escaped.go, diff.go): `>`
//     quoting at any depth, console prompts, comment markers, logging and container prefixes
//     found by their repetition, console source suffixes, line-number gutters, lines inside
//     string literals (notebook JSON, a repr, a printed list), a diff's hunks;
//   - a print's lines broken or joined (hardwrap.go, flat.go, escaped.go): lines a terminal or a
//     mail client broke, a blank line after every line, summaries whose line breaks were lost;
//   - a Keras 3 box whose drawing a console printed as "?" (lostbox.go).
//
// It knows text, not tables: which lines are rows, headers or totals is decided by package
// [github.com/kexplain/kexplain/grammar], which imports this package. Two views come out of
// [Normalize]: Plain lines (character repairs, HTML and doubled lines undone) for code, where
// `**kwargs`, `__init__` and `# comments` must stay, and table Lines (Plain plus every markup and
// prefix repair) for summaries. Nothing here panics or grows faster than the input.
package normalize
