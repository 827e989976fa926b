package normalize

import "strings"

// Tables exported as CSV (a spreadsheet, pandas' to_csv, a "save as CSV" of a notebook's table):
// `conv2d (Conv2D),"(None, 26, 26, 32)",320`. The cells are parted by commas, and a cell holding a
// comma is quoted: every shape has one, so a row's shape is a quoted cell. A spreadsheet of a
// locale that writes decimal commas parts cells by semicolons instead, and leaves its shapes
// unquoted (`conv2d (Conv2D);(None, 26, 26, 32);320`). A record becomes a line of cells like a
// Markdown pipe row.
//
// Prose has commas too, so records are found in two steps. A line is sure to be a record when its
// cells say so: three to seven cells (the columns a summary prints), no tab or run of two spaces
// after its start (a printed row pads its cells), and either a row (a quoted cell that is a whole
// shape in brackets, and a whole cell that is a count) or a header (short cells, one naming the
// shape and one the parameters). The lines next to a sure record that part into as many cells
// are records too: rows whose shape has no comma ("multiple", "?", "None") and the rows of a
// table whose header was kept.

// csvRecords gives the delimiter of each line that is a CSV record, 0 for the others (nil when
// no line is one). Records are parted by commas, or by semicolons where a spreadsheet's locale
// writes decimal commas (its shapes, holding no semicolon, then go unquoted).
func csvRecords(in []Line, ends []int) []byte {
	var rec []byte
	for _, d := range []byte{',', ';'} {
		r := csvRecordsBy(in, ends, d)
		if r == nil {
			continue
		}
		if rec == nil {
			rec = make([]byte, len(in))
		}
		for k, ok := range r {
			if ok && rec[k] == 0 {
				rec[k] = d
			}
		}
	}
	return rec
}

// csvRecordsBy reports which lines are records parted by delim (nil when none is).
func csvRecordsBy(in []Line, ends []int, delim byte) []bool {
	var rec []bool
	n := make([]int, len(in)) // cells of each line, 0 when it cannot be a record
	for k := range in {
		cells, ok := csvCells(in[k].text.s, ends[k], delim)
		if !ok || len(cells) < 3 || len(cells) > 7 || delim == ',' && groupingOnly(in[k].text.s, cells) {
			continue
		}
		n[k] = len(cells)
		if !csvSure(in[k].text.s, cells, delim) {
			continue
		}
		if rec == nil {
			rec = make([]bool, len(in))
		}
		rec[k] = true
	}
	if rec == nil {
		return nil
	}
	for k := range in {
		if !rec[k] || k > 0 && rec[k-1] && n[k-1] == n[k] {
			continue // spread from the first sure record of each run
		}
		for j := k - 1; j >= 0 && n[j] == n[k]; j-- {
			rec[j] = true
		}
		for j := k + 1; j < len(in) && n[j] == n[k]; j++ {
			rec[j] = true
		}
	}
	return rec
}

// csvSure reports a line whose cells show it to be a record.
func csvSure(s string, cells []span, delim byte) bool {
	var shape, count, headShape, headParams, long bool
	for _, c := range cells {
		v := TrimSpace(s[c.a:c.e])
		quoted := len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"'
		if quoted {
			v = v[1 : len(v)-1]
		}
		low := strings.ToLower(v)
		long = long || len(strings.Fields(v)) > 3
		switch {
		case (quoted || delim != ',') && len(v) >= 2 && strings.Contains(v, ",") && (v[0] == '(' && v[len(v)-1] == ')' || v[0] == '[' && v[len(v)-1] == ']'):
			shape = true
		case v != "" && strings.Trim(v, "0123456789,.") == "" && v[0] != ',' && v[0] != '.':
			count = true
		case strings.Contains(low, "shape"):
			headShape = true
		case strings.Contains(low, "param"):
			headParams = true
		}
	}
	return shape && count || headShape && headParams && !long
}

// paddingEnd reports spaces from byte i up to a comma or the end: a cell padded to a width.
func paddingEnd(s string, i int, delim byte) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i == len(s) || s[i] == delim
}

// groupingOnly reports cells parted only by thousands separators: "Total params: 1,164,869" is
// one number, not three cells.
func groupingOnly(s string, cells []span) bool {
	for _, c := range cells[1:] {
		i := c.a - 1 // the comma
		if i == 0 || !isDigits(s[i-1:i]) || c.e-c.a < 3 || !isDigits(s[c.a:c.a+3]) || c.a+3 < len(s) && isDigits(s[c.a+3:c.a+4]) {
			return false
		}
	}
	return true
}

// csvLine writes a record as a line of cells.
func csvLine(l Line, p0 int, delim byte) Line {
	s := l.text.s
	cells, _ := csvCells(s, p0, delim)
	var b builder
	b.litAt("│ ", &l.text, p0)
	for i, c := range cells {
		if i > 0 {
			b.litAt(" │ ", &l.text, c.a)
		}
		a, e := c.a, c.e
		for a < e && s[a] == ' ' {
			a++
		}
		for e > a && s[e-1] == ' ' {
			e--
		}
		if e-a >= 2 && s[a] == '"' && s[e-1] == '"' {
			a, e = a+1, e-1
		}
		b.keep(&l.text, a, e)
	}
	b.litAt(" │", &l.text, len(s)-1)
	l.set(b.text())
	l.Cells = true
	return l
}

// span is a stretch [a, e) of a line.
type span struct{ a, e int }

// csvCells parts s[p0:] at the delimiters (commas or semicolons) outside double quotes, a fence
// glued to either end left out. ok is false for a line that cannot be a record: an unclosed quote,
// a tab, or a run of two spaces outside quotes that does not pad a cell to its delimiter.
func csvCells(s string, p0 int, delim byte) ([]span, bool) {
	for p0 < len(s) && (s[p0] == ' ' || s[p0] == '\t') {
		p0++
	}
	if strings.HasPrefix(s[p0:], "```") {
		p0 += 3
	}
	if strings.IndexByte(s[p0:], delim) < 0 {
		return nil, false
	}
	s = strings.TrimRight(s, " \t")
	s = strings.TrimSuffix(s, "```")
	var cells []span
	start, quoted := p0, false
	for i := p0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted:
			if c == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					i++ // a doubled quote inside a quoted cell
					continue
				}
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ' && !paddingEnd(s, i, delim), c == '\t':
			return nil, false
		case c == delim:
			cells = append(cells, span{start, i})
			start = i + 1
		}
	}
	if quoted {
		return nil, false
	}
	return append(cells, span{start, len(s)}), true
}
