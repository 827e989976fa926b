package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// Box drawing lost to question marks: a console whose code page has no box drawing (a Windows
// console in cp1252 printing with errors="replace") writes every character of a Keras 3 table's
// box as "?", and the ellipsis of a cut name too. The box is told by its borders: lines that end
// in a long run of "?" and hold no other "?". The lines around a border that hold a "?" in the
// border's left column (a prefix of the same width stands before both), or start with "?" after
// quote markers and spaces only, are the box's rows. Columns are display columns (a wide
// character takes two) counted from each line's own left edge. A column where every row holds a
// "?" before a space (after a space, or after a cut name's "?") is a wall ("│"). A "?" that ends
// a word before a space is a cut name's "…", and one alone at the start of a row's first cell
// marks a nested model's row ("└"). Any other "?" stays: Keras 3 prints "?" for the shape of a
// layer that is not built.
//
// The borders are drawn again as Keras 3 draws them: a box that starts with a border starts with
// its top (┏━┳━┓), and the next border closes the header (┡━╇━┩); a box that ends with a border
// ends with its bottom (└─┴─┘); the others part rows (├─┼─┤). A box cut by a page break starts
// or ends with rows.

// minLostBorder is the shortest run of "?" taken for a border: a box is wider than any "???" of
// prose.
const minLostBorder = 20

// lostBoxes puts back the box drawing of tables whose box was printed as "?".
func lostBoxes(in []Line) []Line {
	var out []Line
	for i := 0; i < len(in); {
		if _, ok := lostBorder(in[i].text.s); !ok {
			i++
			continue
		}
		// the box: the border, the borders and rows next to it, and the rows above it
		start, end := i, i
		b0, _ := lostBorder(in[i].text.s)
		col := utf8.RuneCountInString(in[i].text.s[:b0]) // the border's left edge
		for start > 0 && lostEdge(in[start-1].text.s, col) >= 0 {
			start--
		}
		for end+1 < len(in) {
			k := end + 1
			for k+1 < len(in) && foreignLine(in[k].text.s) {
				k++ // a log line or a progress bar another part of the program wrote inside the box
			}
			if lostEdge(in[k].text.s, col) < 0 {
				break
			}
			end = k
			if b, ok := lostBorder(in[end].text.s); ok {
				col = utf8.RuneCountInString(in[end].text.s[:b])
			}
		}
		if out == nil {
			out = append([]Line(nil), in...)
		}
		var box []Line // the box's own lines, and where each stands
		var at []int
		for k := start; k <= end; k++ {
			if !foreignLine(in[k].text.s) {
				box, at = append(box, in[k]), append(at, k)
			}
		}
		walls := lostWalls(box, col)
		borders := 0
		header := false // between the top border and the one under the header
		for j, l := range box {
			var kind *borderKind
			if _, ok := lostBorder(l.text.s); ok {
				kind = &borderKinds[2]
				switch {
				case borders == 0 && j == 0:
					kind = &borderKinds[0]
					header = true
				case borders == 1 && lostStartsBorder(box):
					kind = &borderKinds[1]
					header = false
				case j == len(box)-1:
					kind = &borderKinds[3]
				}
				borders++
			}
			wall := "│"
			if header {
				wall = "┃"
			}
			out[at[j]].set(redrawLost(&l.text, walls, kind, col, wall))
		}
		i = end + 1
	}
	if out == nil {
		return in
	}
	return out
}

// foreignLine reports a line that no table holds, which another part of the program may write
// between a table's lines: a TensorFlow native log line, a progress bar.
func foreignLine(s string) bool {
	s = TrimSpace(s)
	return isNativeLog(s) || isProgressLine(s)
}

func lostStartsBorder(box []Line) bool {
	_, ok := lostBorder(box[0].text.s)
	return ok
}

// lostBorder reports a line that ends in at least minLostBorder "?" with no other "?" before
// them, and the byte where they start.
func lostBorder(s string) (left int, ok bool) {
	e := len(s)
	for e > 0 && s[e-1] == ' ' {
		e--
	}
	b := e
	for b > 0 && s[b-1] == '?' {
		b--
	}
	if e-b < minLostBorder || strings.IndexByte(s[:b], '?') >= 0 {
		return 0, false
	}
	return b, true
}

// lostEdge is the byte of a lost box's line where its left edge stands: a "?" in column col (the
// edge of a border near it: a prefix of the same width stands before both), or else the first
// "?", when only quote markers, comment marks or spaces stand before it; -1 for other lines.
func lostEdge(s string, col int) int {
	if _, ok := lostBorder(s); ok {
		b, _ := lostBorder(s)
		return b
	}
	c := 0
	for i, r := range s {
		if c == col {
			if r == '?' {
				return i
			}
			break
		}
		c++
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '?':
			return i
		case c == ' ' || c == '>' || c == '#' || c == '/' || c == '|' || c == ':' || c == '-' || c == '\'':
		default:
			return -1
		}
	}
	return -1
}

// lostWalls finds the wall columns of a box, counted from each line's left edge: those where
// every row holds a "?" before a space or at its end.
func lostWalls(box []Line, col int) map[int]bool {
	var walls map[int]bool
	for _, l := range box {
		s := l.text.s
		if _, border := lostBorder(s); border {
			continue
		}
		r := []rune(s[lostEdge(s, col):])
		here := map[int]bool{}
		w := 0 // display column: a wide character (CJK) takes two
		for c := 0; c < len(r); c++ {
			if r[c] == '?' && (c == 0 || r[c-1] == ' ' || r[c-1] == '?') && (c+1 == len(r) || r[c+1] == ' ') {
				here[w] = true
			}
			w += runeCols(r[c])
		}
		if walls == nil {
			walls = here
			continue
		}
		for c := range walls {
			if !here[c] {
				delete(walls, c)
			}
		}
	}
	return walls
}

// borderKind is how Keras 3 draws one of a box's borders: its left end, its junctions with the
// walls, its right end and its line.
type borderKind struct{ left, join, right, line string }

// borderKinds are the top border, the one under the header, the ones between rows and the bottom.
var borderKinds = [4]borderKind{{"┏", "┳", "┓", "━"}, {"┡", "╇", "┩", "━"}, {"├", "┼", "┤", "─"}, {"└", "┴", "┘", "─"}}

// redrawLost writes a line of a lost box again: a border (kind not nil) as that border, walls as
// wall ("┃" in the header, "│" below it), a cut name's "?" as "…", a nested row's mark as "└".
func redrawLost(t *text, walls map[int]bool, kind *borderKind, col0 int, wall string) text {
	s := t.s
	edge := lostEdge(s, col0)
	last := runewidth.StringWidth(strings.TrimRight(s[edge:], " ")) - 1
	var b builder
	col, kept := 0, edge
	b.keep(t, 0, edge)
	var prev rune
	for i, c := range s[edge:] {
		i += edge
		if c == '?' {
			var with string
			next := byte(' ')
			if j := i + 1; j < len(s) {
				next = s[j]
			}
			switch {
			case kind != nil && col == 0:
				with = kind.left
			case kind != nil && col == last:
				with = kind.right
			case kind != nil && walls[col]:
				with = kind.join
			case kind != nil:
				with = kind.line
			case walls[col]:
				with = wall
			case isWordRune(prev) && next == ' ':
				with = "…"
			case next == ' ' && (i <= edge+1 || strings.TrimLeft(s[edge+1:i], " ") == ""):
				with = "└" // a nested model's row
			}
			if with != "" {
				b.keep(t, kept, i)
				b.litAt(with, t, i)
				kept = i + 1
			}
		}
		prev = c
		col += runeCols(c)
	}
	b.keep(t, kept, len(s))
	return b.text()
}

// runeCols is the display columns of r: two for a wide character, one for the others.
func runeCols(r rune) int {
	if r < 0x1100 {
		return 1
	}
	return max(1, runewidth.RuneWidth(r))
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
