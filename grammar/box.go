package grammar

import "strings"

// boxCols says which cell of a Keras 3 box row holds what (-1: absent).
type boxCols struct {
	layer, output, params, conn, trainable int
	cropped                                bool // the console cut the table's right-hand columns
}

func (b boxCols) columns() []Column {
	out := []Column{ColLayer, ColOutputShape, ColParams}
	if b.conn >= 0 {
		out = append(out, ColConnected)
	}
	if b.trainable >= 0 {
		out = append(out, ColTrainable)
	}
	return out
}

// splitCells splits a box line into its cells: "│ a │ b │" → ["a", "b"].
func splitCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "│")
	s = strings.TrimPrefix(s, "┃")
	var parts []string
	var cur strings.Builder
	for _, r := range s {
		if r == '│' || r == '┃' {
			parts = append(parts, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	// what follows the last border is only the start of a cell when the console cropped the line
	// (keras issue #21107): it is left out
	return parts
}

// cropped reports whether a box line lost its right end to the console width.
func cropped(s string) bool {
	s = strings.TrimRight(s, " ")
	for _, end := range []string{"│", "┃", "┤", "┩", "┓", "┘"} {
		if strings.HasSuffix(s, end) {
			return false
		}
	}
	return true
}

// boxColumns reads the header cells of a box table (header texts may wrap over several lines).
func boxColumns(node *tableNode, rl []rline) boxCols {
	var heads []string
	b := boxCols{layer: 0, output: -1, params: -1, conn: -1, trainable: -1}
	for _, h := range node.Header {
		if cropped(rl[idx(h)].text) {
			b.cropped = true
		}
		for i, c := range splitCells(rl[idx(h)].text) {
			for len(heads) <= i {
				heads = append(heads, "")
			}
			heads[i] += " " + strings.TrimSpace(c)
		}
	}
	for i, h := range heads {
		h = strings.TrimSpace(h)
		switch {
		case strings.HasPrefix(h, "Layer"):
			b.layer = i
		case strings.HasPrefix(h, "Output"):
			b.output = i
		case strings.HasPrefix(h, "Par"), strings.HasSuffix(h, "#"):
			b.params = i
		case strings.HasPrefix(h, "Conn"), strings.HasPrefix(h, "Rec"):
			b.conn = i
		case strings.HasPrefix(h, "T"):
			b.trainable = i
		}
	}
	if b.output < 0 && !b.cropped {
		b.output = 1
	}
	if b.params < 0 && !b.cropped {
		b.params = 2
	}
	return b
}

// boxRow reads one row of a box table: the cells of its lines, each cell's lines joined with a
// space (rich wraps at spaces).
func boxRow(rn *rowNode, rl []rline, bc boxCols, t *Table) *Row {
	lines := append([]string{rn.First}, rn.Cont...)
	var cells [][]string
	for _, li := range lines {
		for i, c := range splitCells(rl[idx(li)].text) {
			for len(cells) <= i {
				cells = append(cells, nil)
			}
			cells[i] = append(cells[i], c)
		}
	}
	cell := func(i int) []string {
		if i < 0 || i >= len(cells) {
			return nil
		}
		return cells[i]
	}
	join := func(parts []string) string {
		var s []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				s = append(s, p)
			}
		}
		return strings.Join(s, " ")
	}
	first := rl[idx(rn.First)]
	b := rowBuilder{line: first.no, endLine: rl[idx(lines[len(lines)-1])].no, col: first.off, layerSep: " "}
	// the layer cell: a nested row starts with "   └ " (three spaces a level)
	lc := cell(bc.layer)
	if len(lc) > 0 {
		head := strings.TrimPrefix(lc[0], " ")
		if k := strings.Index(head, "└"); k >= 0 && strings.TrimSpace(head[:k]) == "" {
			b.depth = k / 3
			if b.depth == 0 {
				b.depth = 1
			}
			lc = append([]string{head[k+len("└"):]}, lc[1:]...)
		}
	}
	b.layer = join(lc)
	if b.layer == "" {
		return nil
	}
	b.output = []string{join(cell(bc.output))}
	b.params = join(cell(bc.params))
	if bc.conn >= 0 {
		if cn := join(cell(bc.conn)); cn != "" {
			b.conn = []string{cn}
		}
	}
	if bc.trainable >= 0 {
		b.trainable = join(cell(bc.trainable))
	}
	r := b.finish(t)
	if r.Output.Kind == ShapeCut || r.Output.Kind == ShapeNone {
		// a cell too narrow for a word ends in "…"; anything else unreadable is a problem
		if !strings.Contains(r.OutputText, "…") && r.OutputText != "" {
			t.Problems = append(t.Problems, &Error{Line: first.no, Col: first.off + 1, Msg: "cannot read the output shape " + quote(r.OutputText)})
		}
	}
	return r
}

func quote(s string) string { return `"` + s + `"` }
