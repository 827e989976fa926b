package render

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/kexplain/kexplain/interp"
)

// Keras3 prints a rebuilt model's summary exactly as Keras 3 (3.0.5 and later) prints it to a
// pipe or an 80-column console: a rich box table (summary-formats.md §5), then the totals.
func Keras3(w io.Writer, m *interp.Model) error {
	// the console is 80 columns wide, or as wide as an explicit line_length (the width a user
	// who asks for a wide table prints it at)
	console := 80
	if m.Summary.LineLength > console {
		console = m.Summary.LineLength
	}
	var b strings.Builder
	writeTitle(&b, m.Name, console)
	cols := k3Columns(m)
	L := k3Length(m, 80)
	widths := k3Widths(cols, L)
	var lines []string
	border := func(l, mid, r, h string) string {
		var s strings.Builder
		s.WriteString(l)
		for i, wd := range widths {
			if i > 0 {
				s.WriteString(mid)
			}
			s.WriteString(strings.Repeat(h, wd))
		}
		s.WriteString(r)
		return s.String()
	}
	lines = append(lines, border("┏", "┳", "┓", "━"))
	var head [][]string
	for i, c := range cols {
		head = append(head, alignLines(wrapCell(c.title, widths[i]-2), widths[i]-2, c.align))
	}
	lines = append(lines, rowLines(head, widths, "┃", true)...)
	lines = append(lines, border("┡", "╇", "┩", "━"))
	for k, r := range m.Rows {
		if k > 0 {
			lines = append(lines, border("├", "┼", "┤", "─"))
		}
		var cells [][]string
		for i, c := range cols {
			cells = append(cells, alignLines(wrapCell(c.cell(r), widths[i]-2), widths[i]-2, c.align))
		}
		lines = append(lines, rowLines(cells, widths, "│", false)...)
	}
	lines = append(lines, border("└", "┴", "┘", "─"))
	for _, l := range lines {
		if textWidth(l) > console {
			l = cropCells(l, console)
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	opt := int64(0)
	if m.HasOpt {
		opt = m.Optimizer
	}
	total := m.Trainable + m.NonTrain + opt
	withSize := func(n int64) string { return commas(n) + " (" + sizeText(4*n) + ")" }
	fmt.Fprintf(&b, " Total params: %s\n", totalCell(m, total, false, withSize))
	fmt.Fprintf(&b, " Trainable params: %s\n", totalCell(m, m.Trainable, true, withSize))
	fmt.Fprintf(&b, " Non-trainable params: %s\n", totalCell(m, m.NonTrain, true, withSize))
	if m.HasOpt {
		fmt.Fprintf(&b, " Optimizer params: %s (%s)\n", commas(opt), sizeText(4*opt))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTitle prints `Model: "name"`, wrapped at the console width as rich wraps text.
func writeTitle(b *strings.Builder, name string, console int) {
	t := `Model: "` + name + `"`
	if textWidth(t) <= console {
		b.WriteString(t + "\n")
		return
	}
	b.WriteString("Model: \n")
	rest := []rune(`"` + name + `"`)
	for len(rest) > 0 {
		n := 0
		k := 0
		for k < len(rest) && n+runeWidth(rest[k]) <= console {
			n += runeWidth(rest[k])
			k++
		}
		if k == 0 {
			k = 1
		}
		b.WriteString(string(rest[:k]) + "\n")
		rest = rest[k:]
	}
}

type k3Col struct {
	title string
	pos   float64
	align byte // 'l', 'r', 'c'
	cell  func(r *interp.Row) string
}

func k3Columns(m *interp.Model) []k3Col {
	layer := k3Col{"Layer (type)", 0, 'l', func(r *interp.Row) string {
		s := r.Name + " (" + className(r) + ")"
		if r.Depth > 0 {
			s = strings.Repeat("   ", r.Depth) + "└ " + s
		}
		return s
	}}
	shape := k3Col{"Output Shape", 0, 'l', func(r *interp.Row) string { return r.Output }}
	params := k3Col{"Param #", 0, 'r', func(r *interp.Row) string {
		if r.Unbuilt {
			return "0 (unbuilt)"
		}
		return paramCell(r, commas)
	}}
	conn := k3Col{"Connected to", 0, 'l', func(r *interp.Row) string {
		if len(r.Connected) == 0 {
			return "-"
		}
		return strings.Join(r.Connected, ", ")
	}}
	train := k3Col{"Trainable", 0, 'c', func(r *interp.Row) string { return r.Trainable }}
	var cols []k3Col
	var pos []float64
	if m.Sequential {
		cols, pos = []k3Col{layer, shape, params}, []float64{0.45, 0.80, 1.0}
	} else {
		cols, pos = []k3Col{layer, shape, params, conn}, []float64{0.3, 0.56, 0.74, 1.0}
	}
	if m.Summary.ShowTrainable {
		for i := range pos {
			pos[i] *= 0.9
		}
		pos = append(pos, 1.0)
		cols = append(cols, train)
	}
	for i := range cols {
		cols[i].pos = pos[i]
	}
	return cols
}

// k3Length is the table width L (§5.2 item 2).
func k3Length(m *interp.Model, console int) int {
	if m.Summary.LineLength > 0 {
		return m.Summary.LineLength
	}
	L := 88
	if !m.Sequential {
		L = 108
	}
	if m.Summary.ShowTrainable {
		L += 12
	}
	if L > console-4 {
		L = console - 4
	}
	return L
}

// k3Widths are the interior widths (padding included) of the columns: Keras's widths from the
// positions, then rich's even removal of the 3n + 1 excess, left to right (§5.2 items 3, 4).
func k3Widths(cols []k3Col, L int) []int {
	n := len(cols)
	ws := make([]int, n)
	sum := 0
	for i, c := range cols {
		ws[i] = int(c.pos*float64(L)) - sum
		sum += ws[i]
	}
	excess := 3*n + 1
	for i := range ws {
		left := n - i
		cut := int(math.RoundToEven(float64(excess) / float64(left)))
		ws[i] = ws[i] - cut + 2
		excess -= cut
		if ws[i] < 3 {
			ws[i] = 3 // a tiny line_length: a column still holds one cell of text (no negative widths)
		}
	}
	return ws
}

// wrapCell wraps a cell's text into lines of at most w cells by rich's word rule: a word is a run
// of non-spaces with the spaces after it; a word longer than the line gets a line of its own,
// cut to w − 1 cells and "…".
func wrapCell(text string, w int) []string {
	if w < 1 {
		w = 1
	}
	var words []string
	i := 0
	rs := []rune(text)
	for i < len(rs) {
		j := i
		if i == 0 {
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
		}
		for j < len(rs) && rs[j] != ' ' {
			j++
		}
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		words = append(words, string(rs[i:j]))
		i = j
	}
	var lines []string
	cur, used := "", 0
	flush := func() {
		if cur != "" || len(lines) == 0 {
			lines = append(lines, cur)
		}
		cur, used = "", 0
	}
	for _, wd := range words {
		bare := strings.TrimRight(wd, " ")
		bw := textWidth(bare)
		if bw > w {
			if cur != "" {
				flush()
			}
			lines = append(lines, cutTo(bare, w-1)+"…")
			continue
		}
		if cur != "" && used+bw > w {
			flush()
		}
		cur += wd
		used += textWidth(wd)
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// cutTo keeps the first n cells of s (a wide rune that would straddle the cut becomes a space).
func cutTo(s string, n int) string {
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > n {
			if used < n {
				b.WriteString(strings.Repeat(" ", n-used))
			}
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String()
}

// alignLines pads each line to w cells.
func alignLines(lines []string, w int, align byte) []string {
	w = max(w, 1)
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimRight(l, " ")
		if textWidth(t) > w {
			t = cutTo(t, w)
		}
		n := max(0, w-textWidth(t))
		switch align {
		case 'r':
			out[i] = strings.Repeat(" ", n) + t
		case 'c':
			out[i] = strings.Repeat(" ", n/2) + t + strings.Repeat(" ", n-n/2)
		default:
			out[i] = t + strings.Repeat(" ", n)
		}
	}
	return out
}

// rowLines lays cells side by side; header rows align to the bottom, body rows to the top.
func rowLines(cells [][]string, widths []int, bar string, bottom bool) []string {
	h := 0
	for _, c := range cells {
		if len(c) > h {
			h = len(c)
		}
	}
	var out []string
	for k := 0; k < h; k++ {
		var s strings.Builder
		s.WriteString(bar)
		for i, c := range cells {
			if i > 0 {
				s.WriteString(bar)
			}
			idx := k
			if bottom {
				idx = k - (h - len(c))
			}
			line := strings.Repeat(" ", widths[i]-2)
			if idx >= 0 && idx < len(c) {
				line = c[idx]
			}
			s.WriteString(" " + line + " ")
		}
		s.WriteString(bar)
		out = append(out, s.String())
	}
	return out
}

// cropCells cuts a line after n cells, as rich crops a table wider than the console.
func cropCells(s string, n int) string { return cutTo(s, n) }

// commas writes a count with thousands separators.
func commas(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// sizeText prints a size in bytes as Keras 3 does: "644.02 KB", "0.00 B".
func sizeText(bytes int64) string {
	v := float64(bytes)
	units := []string{"B", "KB", "MB", "GB", "TB", "PB"}
	u := 0
	for v/1024 >= 1 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.2f %s", v, units[u])
}
