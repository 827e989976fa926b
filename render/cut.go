package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kexplain/kexplain/interp"
)

// The line builders shared by the Keras 1, Keras 2, wrapped tf.keras and TF.js renderers
// (summary-formats.md §2.2, §4.3, §6). Lengths are Python string lengths: code points.

// columnEnds turns relative positions into column end positions as Keras does: each fraction
// times the line length, truncated (positions whose last entry is above 1 are already ends).
func columnEnds(lineLength int, pos []float64) []int {
	out := make([]int, len(pos))
	abs := pos[len(pos)-1] > 1
	for i, p := range pos {
		if abs {
			out[i] = int(p)
		} else {
			out[i] = int(float64(lineLength) * p)
		}
	}
	return out
}

// cutRow is the "cut" print_row of Keras 1.1.2+, Keras 2 and TF.js: each field starts where
// the previous column ends, after the line's last character was replaced by a space; the line is
// cut at the column's end and padded to it.
func cutRow(fields []string, ends []int) string {
	line := make([]rune, 0, lineCap(ends))
	for i, f := range fields {
		if i > 0 && len(line) > 0 {
			line[len(line)-1] = ' '
		}
		line = appendRunes(line, f)
		if len(line) > ends[i] {
			line = line[:ends[i]]
		}
		for len(line) < ends[i] {
			line = append(line, ' ')
		}
	}
	return string(line)
}

// runRow is the print_row of Keras 1.0.0–1.1.1: like cutRow, but nothing replaces the line's
// last character, so a full cell runs straight into the next one.
func runRow(fields []string, ends []int) string {
	line := make([]rune, 0, lineCap(ends))
	for i, f := range fields {
		line = appendRunes(line, f)
		if len(line) > ends[i] {
			line = line[:ends[i]]
		}
		for len(line) < ends[i] {
			line = append(line, ' ')
		}
	}
	return string(line)
}

// wrapRows is the wrapping print_row of tf.keras v2.7–v2.15 (§4.3): lines are emitted until every
// field is consumed; each column takes what fits (breaking early after "),", "},", "]," or "',"),
// then two spaces, then padding. v213 selects the v2.13+ widths and padding.
func wrapRows(fields []string, ends []int, nested int, v213 bool) []string {
	left := make([][]rune, len(fields))
	for i, f := range fields {
		left[i] = []rune(f)
	}
	more := func() bool {
		for _, l := range left {
			if len(l) > 0 {
				return true
			}
		}
		return false
	}
	var out []string
	for more() {
		line := make([]rune, 0, lineCap(ends)+2*nested)
		for col := range left {
			start := 0
			if col > 0 {
				start = ends[col-1]
			}
			end := ends[col]
			last := col == len(ends)-1
			space := 2
			if last {
				space = 0
			}
			cutoff := end - start - space
			if v213 {
				if !last {
					cutoff--
				}
				if col == 0 {
					cutoff -= nested
				}
			}
			if cutoff < 1 {
				cutoff = 1
			}
			fit := left[col]
			if len(fit) > cutoff {
				fit = fit[:cutoff]
			}
			best := -1
			fs := string(fit)
			for _, b := range []string{"),", "},", "],", "',"} {
				if k := strings.Index(fs, b); k >= 0 {
					// the index is in bytes; the texts are ASCII in practice, count runes anyway
					c := utf8.RuneCountInString(fs[:k]) + 2
					if best < 0 || c < best {
						best = c
					}
				}
			}
			if best >= 0 {
				cutoff = best
				fit = fit[:cutoff]
			}
			if col == 0 {
				line = appendRepeat(line, '|', nested)
				line = append(line, ' ')
			}
			line = append(line, fit...)
			line = appendRepeat(line, ' ', space)
			left[col] = left[col][len(fit):]
			pad := end - len(line)
			if nested > 0 && (!v213 || last) {
				pad -= nested
			}
			if pad > 0 {
				line = appendRepeat(line, ' ', pad)
			}
		}
		line = appendRepeat(line, '|', nested)
		out = append(out, string(line))
	}
	return out
}

// lineCap is room for a line whose columns end at ends, and a little more.
func lineCap(ends []int) int {
	if len(ends) == 0 {
		return 0
	}
	return max(ends[len(ends)-1], 0) + 8
}

// appendRunes appends the runes of s to line (as append(line, []rune(s)...) without the copy).
func appendRunes(line []rune, s string) []rune {
	for _, r := range s {
		line = append(line, r)
	}
	return line
}

// appendRepeat appends n copies of r to line (none when n ≤ 0, as strings.Repeat would panic).
func appendRepeat(line []rune, r rune, n int) []rune {
	for ; n > 0; n-- {
		line = append(line, r)
	}
	return line
}

// rule is a line of n copies of c.
func rule(c string, n int) string { return strings.Repeat(c, n) }

// pyList is Python's str() of a list of strings: "['dense[0][0]', 'dense_1[0][0]']".
func pyList(items []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
			b.WriteString(`"` + s + `"`)
		} else {
			b.WriteString("'" + strings.ReplaceAll(s, "'", `\'`) + "'")
		}
	}
	b.WriteByte(']')
	return b.String()
}

// topRows are the rows of the model itself (rows of expanded nested models left out), for the
// eras whose summary() cannot expand nested models.
func topRows(m *interp.Model) []*interp.Row {
	var out []*interp.Row
	for _, r := range m.Rows {
		if r.Depth == 0 {
			out = append(out, r)
		}
	}
	return out
}

// oldClass is the class name a row prints in multi-backend Keras (1.x, 2.x): a nested
// functional model is a `Model`.
func oldClass(r *interp.Row) string {
	if r.Class == "Functional" {
		return "Model"
	}
	return className(r)
}

// className is the class a row prints: "?" where the code does not say.
func className(r *interp.Row) string {
	if r.Class == "" {
		return "?"
	}
	return r.Class
}

// errUnbuilt is what Keras 1/2 and tf.keras raise for summary() of a model without an input shape.
func errUnbuilt(m *interp.Model) error {
	return fmt.Errorf("model %q has no input shape, so this Keras raises ValueError (the model has not yet been built) instead of printing a summary", m.Name)
}

// oldSize prints a size in bytes as tf.keras v2.13–v2.15 does: "644.02 KB", "0.00 Byte".
func oldSize(bytes int64) string {
	v := float64(bytes)
	units := []string{"Byte", "KB", "MB", "GB", "TB", "PB"}
	u := 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.2f %s", v, units[u])
}

// oldShape is the Output Shape cell before Keras 3: an undefined shape prints "multiple".
func oldShape(r *interp.Row) string {
	if r.Undefined && (r.Output == "?" || r.Output == "") {
		return "?" // not "multiple": the code does not say what this is
	}
	if r.Output == "?" || r.Output == "" {
		return "multiple"
	}
	return r.Output
}
