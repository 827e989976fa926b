package ocr

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// tfjsShapes puts right the brackets of the shape cells of a TensorFlow.js table by their column:
// an Input Shape cell is a list of shapes, "[[null,8]]" or "[[null,32],[null,32]]", two brackets
// deep; an Output shape cell is one shape, "[null,512]", one deep (or a list, where it holds
// "],["). The recogniser adds or drops a bracket at a cell's ends ("[null,512]]", "[[[null,50,8]]]",
// "[[null,800]"), which a cell alone cannot tell from the pieces of a parted one; the column can.
// A cell the print cut (no closing bracket) keeps its end.
func (lo *layout) tfjsShapes() {
	head, in, out, par := lo.tfjsColumns()
	if head < 0 {
		return
	}
	for r := head + 1; r < len(lo.rows); r++ {
		row := lo.rows[r]
		lo.joinShapeCell(r, in, out-1)
		lo.joinShapeCell(r, out, par-1)
		for _, t := range rowTokens(row) {
			if !strings.HasPrefix(t.text, "[") || !strings.Contains(t.text, "null") {
				continue
			}
			depth := 0
			switch {
			case t.col >= in-1 && t.col < out-1:
				depth = 2
			case t.col >= out-1 && t.col < par-1:
				depth = 1
			}
			fixed := rebracket(t.text, depth)
			if fixed == t.text || t.col+len([]rune(fixed)) > len(row) {
				continue
			}
			n := len([]rune(t.text))
			if m := len([]rune(fixed)); m > n && strings.TrimSpace(string(row[t.col+n:min(len(row), t.col+m+1)])) != "" {
				continue // no room
			}
			for c := t.col; c < t.col+n; c++ {
				row[c] = ' '
			}
			copy(row[t.col:], []rune(fixed))
		}
	}
}

// rebracket gives a shape cell the brackets of its column's depth (0: unknown, as read): its
// items, with only "],[" between shapes inside, in depth brackets, braces and parentheses read as
// the brackets they are. A cell with no closing bracket
// was cut by the print, and keeps its end.
func rebracket(t string, depth int) string {
	if depth == 0 {
		return t
	}
	// (a brace or a parenthesis in a TensorFlow.js shape is a bracket misread)
	t = strings.NewReplacer("{", "[", "(", "[", "}", "]", ")", "]").Replace(t)
	inner := strings.TrimLeft(t, "[")
	cut := !strings.HasSuffix(inner, "]")
	inner = strings.TrimRight(inner, "]")
	if depth == 2 && strings.Contains(inner, "]],[[") {
		// the shapes of several inbound nodes, each a list: "[[null,8]],[[null,8]]"
		if strings.ContainsAny(strings.ReplaceAll(strings.ReplaceAll(inner, "]],[[", ""), "],[", ""), "[]") {
			return t
		}
		if cut {
			return "[[" + inner
		}
		return "[[" + inner + "]]"
	}
	if !strings.Contains(inner, "]") {
		// a "[" read before a null inside the shape ("[null,[null,64]" of "[null,null,64]"):
		// only a list of shapes opens a bracket inside, after closing one
		inner = strings.ReplaceAll(inner, ",[null", ",null")
	}
	if inner == "" || strings.ContainsAny(strings.ReplaceAll(inner, "],[", ""), "[]") {
		return t
	}
	if strings.Contains(inner, "],[") {
		depth = 2 // a list of shapes
	}
	open := strings.Repeat("[", depth)
	if cut {
		return open + inner
	}
	return open + inner + strings.Repeat("]", depth)
}

// joinShapeCell puts together a TensorFlow.js shape cell of row r, in the columns [from, to), that
// the recogniser parted at a space it saw after a comma ("[null," "28,28,1]]"), and rids it of what
// a shape cell never prints: the print writes a shape cell with no space in it and ends every
// cell a space before the next column, so the words of one column are one cell; it holds only
// brackets, "null", digits and commas. Dots, colons, quotes and underscores in it are specks and a
// rule's remnants, a "j" is a bracket misread ("[null,3jj"), a doubled comma one comma, and a first
// item with no digit in it the "null" of the batch ("[ fnudti,22"). A cell so cleaned of more than
// its spaces keeps a low confidence: its numbers are doubtful.
func (lo *layout) joinShapeCell(r, from, to int) {
	row := lo.rows[r]
	var parts []tok
	for _, t := range rowTokens(row) {
		if t.col >= from-1 && t.col < to {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return
	}
	first, last := parts[0], parts[len(parts)-1]
	end := last.col + len([]rune(last.text))
	var joined strings.Builder
	conf := 100.0
	for c := first.col; c < end; c++ {
		if row[c] == ' ' {
			continue
		}
		joined.WriteRune(row[c])
		if r < len(lo.conf) && c < len(lo.conf[r]) && lo.conf[r][c] >= 0 {
			conf = min(conf, lo.conf[r][c])
		}
	}
	read := joined.String()
	if lostOpener(read) {
		// its opening bracket read as a letter with the batch's null ("Paid,1]" of "[null,1]")
		read = "[" + read
	}
	if !strings.ContainsAny(strings.TrimLeft(read, "_"), "[{(") || strings.IndexAny(strings.TrimLeft(read, "_"), "[{(") != 0 {
		return
	}
	cell := strings.NewReplacer(".", "", ":", "", ";", "", "'", "", "`", "", "\"", "", "_", "", "j", "]", "J", "]").Replace(read)
	for strings.Contains(cell, ",,") {
		cell = strings.ReplaceAll(cell, ",,", ",")
	}
	if k := strings.IndexByte(cell, ','); k > 0 && isBatchNull(cell[:k]) {
		// (the first item of a shape with no digit is the batch's null; its brackets are the column's)
		cell = "[null" + cell[k:]
	}
	cell = unreadDims(cell)
	if !isShapePiece(cell) || !strings.Contains(cell, "null") || cell == read && len(parts) == 1 {
		return
	}
	if cell != strings.Join(textsOf(parts), "") {
		conf = min(conf, DoubtConf/2)
	}
	for c := first.col; c < end; c++ {
		row[c] = ' '
	}
	copy(row[first.col:], []rune(cell))
	if r < len(lo.conf) {
		for c := first.col; c < end && c < len(lo.conf[r]); c++ {
			if c < first.col+len([]rune(cell)) {
				lo.conf[r][c] = conf
			} else {
				lo.conf[r][c] = -1
			}
		}
	}
}

// lostOpener reports whether a shape cell lost its opening bracket into the batch's null, both
// read as letters ("Paid, 1]", "inuii,20,20,16]" of "[null,1]", "[null,20,20,16]"): a first item
// of no digit and no bracket, as long as "[null" or a little longer, then dimensions that hold a
// digit, closed by the cell's "]".
func lostOpener(read string) bool {
	k := strings.IndexByte(read, ',')
	if k < 3 || k > 6 || strings.ContainsAny(read[:k], "[]{}()0123456789") || !strings.HasSuffix(read, "]") {
		return false
	}
	rest := read[k:]
	return isShapePiece(rest) && strings.ContainsAny(rest, "0123456789")
}

func textsOf(ts []tok) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

// isShapePiece tells whether a word holds only what a TensorFlow.js shape cell prints (brackets,
// "null", digits, commas), or its misreadings: braces and parentheses for brackets, "j" for "]",
// an underscore left of a rule.
func isShapePiece(w string) bool {
	w = strings.ReplaceAll(w, "null", "")
	return w != "" && strings.Trim(w, "0123456789,[]{}()jJ_?") == ""
}

// tfjsHeaderRe matches the header of a TensorFlow.js table as the recogniser may read it: its
// capitals and the "#" misread ("Cutput shape", "Param 0"), each word of a cell where its column
// starts. Its groups are the Input Shape, Output shape and Param # cells.
var tfjsHeaderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b([IlL1|]nput [S5]hape)\s+([OoC0QD]utput [s5S]hape)\s+(Param)\b`)
})

// tfjsColumns finds the header of a TensorFlow.js table: its row and the columns its Input Shape,
// Output shape and Param # cells start at (head -1: none).
func (lo *layout) tfjsColumns() (head, in, out, par int) {
	for r, row := range lo.rows {
		s := string(row)
		if m := tfjsHeaderRe().FindStringSubmatchIndex(s); m != nil {
			return r, len([]rune(s[:m[2]])), len([]rune(s[:m[4]])), len([]rune(s[:m[6]]))
		}
	}
	return -1, -1, -1, -1
}

// tfjsGlued parts a TensorFlow.js name cell from the Input Shape cell that the layout put flush
// against it ("global_average_pooling2d_GlobalAver[[null,32,32,32]]", a shape placed a cell to
// the left): the print ends every cell a space before the next column, so a shape that starts
// at that space, glued to a name, is moved to its column, where its cell has room. (A shape at
// its column glued to a name is a name read too long, "bidirectional_Bidirectional1" of a cut
// cell, which the names' readings put right.)
func (lo *layout) tfjsGlued() {
	head, in, out, _ := lo.tfjsColumns()
	if head < 0 {
		return
	}
	for r := head + 1; r < len(lo.rows); r++ {
		row := lo.rows[r]
		for _, t := range rowTokens(row) {
			rs := []rune(t.text)
			end := t.col + len(rs)
			if t.col >= in-1 || end <= in {
				continue
			}
			k := strings.Index(t.text, "[")
			if k <= 0 || !isIdentifier(t.text[:k]) || !strings.Contains(t.text[k:], "nul") {
				continue
			}
			c := t.col + len([]rune(t.text[:k]))
			if c != in-1 || end >= out-1 || end >= len(row) || row[end] != ' ' {
				continue
			}
			copy(row[c+1:end+1], row[c:end])
			row[c] = ' '
			if r < len(lo.conf) && end < len(lo.conf[r]) {
				copy(lo.conf[r][c+1:end+1], lo.conf[r][c:end])
				lo.conf[r][c] = -1
			}
		}
	}
}

// isBatchNull tells whether the first item of a TensorFlow.js shape cell, as read with the cell's
// opening brackets, is the batch's "null" misread: an item with no digit, or one holding a letter
// that no digit is misread as ("n", "u", "m": "[fmul2l" of "[[null", an "l" read as "2"). A
// number misread is all lookalikes of digits ("lO"); an item read right is left alone.
func isBatchNull(first string) bool {
	item := strings.TrimLeft(first, "[{(")
	if item == "null" || item == "" || len(item) > 8 || strings.Contains(item, ")") {
		return false
	}
	digits := 0
	for _, r := range item {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits == 0 || digits <= 2 && len(item)-digits >= 2 && strings.ContainsAny(item, "num")
}

// unreadDims marks as unknown ("?") a dimension of a TensorFlow.js shape cell that the recogniser
// read as a mark no digit is confused with ("[[null,2,%,64]]": an "8" read as "%"): a short item
// after the first, of digits and such marks, with no letter. The number is not guessed; the shape
// stays a shape, so that its row is read, and its count is judged by the arithmetic as ever.
func unreadDims(cell string) string {
	items := strings.Split(cell, ",")
	for i := 1; i < len(items); i++ {
		it := items[i]
		inner := strings.TrimRight(strings.TrimLeft(it, "[{("), "]})")
		open, shut := it[:strings.Index(it, inner)], it[strings.Index(it, inner)+len(inner):]
		if inner == "" || len([]rune(inner)) > 4 || strings.Trim(inner, "0123456789") == "" || strings.ContainsFunc(inner, unicode.IsLetter) ||
			strings.ContainsAny(inner, "[]{}() ") {
			continue
		}
		items[i] = open + "?" + shut
	}
	return strings.Join(items, ",")
}
