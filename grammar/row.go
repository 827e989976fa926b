package grammar

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kexplain/kexplain/normalize"
)

// cols are the start columns (0-based, in runes, relative to the table's left edge) of the header
// titles of an aligned table; -1 where the table has no such column.
type cols struct {
	input, output, params, conn, trainable int
	aligned                                bool // positions can be trusted (no tabs, gaps of 2+ spaces)
	stream                                 bool // rows may follow each other on one line (line breaks lost)
	loose                                  bool // a line read alone: the cells say which columns there are
}

// rowBuilder collects the cells of one row over its lines.
type rowBuilder struct {
	line, endLine, col int    // col: byte where the row starts in the scanned text
	layer              string // layer cell text, wrapped parts joined
	layerSep           string // how wrapped parts of the layer cell join: "" (tf.keras) or " " (Keras 3)
	input              string
	output             []string
	params             string
	conn               []string
	trainable          string
	depth              int
	broken             string // why a cell cannot be read, "" when all is well
	brokenCol          int    // byte of the cell that cannot be read, -1 for the row's start
	paramsCol          int    // byte where the count starts
	paramsFill         bool   // the count fills its column up to the space before the next one
	shortShape         string // an unclosed shape that ends before its column does: why
	shortCol           int
	afterGap           bool   // an elision mark stands before the row on its line
	src                *rline // the row's first line
	base               int    // byte of src.text where the scanned text starts
	wrapped            bool   // the table wraps cells (tf.keras 2.7+)
	indented           bool   // a box row's layer cell starts further in, with no tree mark
}

func (b *rowBuilder) addLayer(s string) {
	s = normalize.TrimSpace(s)
	if s == "" {
		return
	}
	if b.layer == "" {
		b.layer = s
		return
	}
	b.layer += b.layerSep + s
}

// at gives the input position of byte i of the scanned text.
func (b *rowBuilder) at(i int) (int, int) {
	if b.src == nil {
		return b.line, i + 1
	}
	return b.src.posAt(b.base + i)
}

// finish turns the collected cells into a Row.
func (b *rowBuilder) finish(t *Table) *Row {
	_, col := b.at(b.col)
	r := &Row{Line: b.line, EndLine: b.endLine, Col: col, Depth: b.depth, Trainable: b.trainable, AfterGap: b.afterGap, Indented: b.indented}
	r.Name, r.TypeText, r.TypeCut, r.NameCut = splitLayerCell(b.layer, t.Keras0)
	r.OutputText = joinShapeParts(b.output)
	r.Output = ParseShape(r.OutputText)
	if b.shortShape != "" && b.broken == "" && (!b.wrapped || r.Output.Kind == ShapeCut && !strings.Contains(r.OutputText, "…")) {
		b.broken, b.brokenCol = b.shortShape, b.shortCol
	}
	if b.input != "" {
		r.InputText = b.input
		r.Inputs = ParseInputShapes(b.input)
	}
	r.ParamsText = normalize.TrimSpace(b.params)
	r.Params, r.Unbuilt = parseCount(r.ParamsText)
	// Keras 1 and 2 (and TF.js) cut every cell at its column and blank the column's last
	// character: a count that fills its column may have lost digits (explain decides, from the
	// layer's count)
	r.CountFills = b.paramsFill && !b.wrapped && r.Params != nil
	if r.Params == nil && r.ParamsText != "" && !strings.Contains(r.ParamsText, "…") && !asked(r.ParamsText) {
		b.broken = "cannot read the count " + quote(r.ParamsText)
		b.brokenCol = b.paramsCol
		if strings.Trim(r.ParamsText, "0123456789,") == "" {
			b.broken += ": too many digits for a parameter count"
		}
	}
	if b.broken != "" && t != nil {
		at := b.col
		if b.brokenCol > 0 {
			at = b.brokenCol
		}
		ln, col := b.at(at)
		t.Problems = append(t.Problems, &Error{Line: ln, Col: col, Msg: b.broken})
	}
	if len(b.conn) > 0 {
		parts := b.conn
		if b.wrapped {
			parts = joinCutConns(parts)
		}
		r.ConnText, r.Connected = parseConns(parts)
	}
	return r
}

// joinCutConns joins the parts of a connection list that a wrapped layout cut inside a name:
// "['batch_normalizat" + "ion[0][0]']" is one reference.
func joinCutConns(parts []string) []string {
	var out []string
	for _, p := range parts {
		p = normalize.TrimSpace(p)
		if n := len(out); n > 0 && p != "" {
			prev := out[n-1]
			last := prev[len(prev)-1]
			if last != '\'' && last != ',' && last != ']' && last != '"' && (isAlnum(last) || last == '_' || last == '[') {
				out[n-1] = prev + p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// joinShapeParts joins the lines of a wrapped shape cell: "[(None, 64)," + "(None, 64)]".
func joinShapeParts(parts []string) string {
	var s string
	for _, p := range parts {
		p = normalize.TrimSpace(p)
		if p == "" {
			continue
		}
		if s != "" && strings.HasSuffix(s, ",") {
			s += " "
		}
		s += p
	}
	return s
}

// splitLayerCell reads "name (ClassName)" into its parts. The class may be cut by the print
// ("max_pooling1d_1 (MaxPooling1", "batch_normalization (BatchNormalizatio…") or absent.
// Keras 0.x prints "ClassName (name)".
func splitLayerCell(cell string, keras0 bool) (name, typ string, typeCut, nameCut bool) {
	cell = normalize.TrimSpace(cell)
	i := strings.LastIndex(cell, " (")
	if i < 0 {
		if j := strings.IndexByte(cell, '('); j > 0 && !keras0 {
			// cut rule without a space: "name(Cla"
			i = j - 1
			name = cell[:j]
			typ = cell[j+1:]
		} else {
			name = cell
			return name, "", true, strings.HasSuffix(name, "…")
		}
	} else {
		name = normalize.TrimSpace(cell[:i])
		typ = cell[i+2:]
	}
	if strings.HasSuffix(typ, ")") && !strings.HasSuffix(typ, "…)") {
		typ = typ[:len(typ)-1]
	} else {
		typeCut = true
	}
	if strings.HasSuffix(typ, "…") {
		typeCut = true
	}
	typ = strings.ReplaceAll(typ, " ", "") // a class name has no spaces: parts of a wrapped cell, a typo
	nameCut = strings.HasSuffix(name, "…")
	if keras0 {
		name, typ = typ, name
		if typeCut {
			nameCut, typeCut = true, false
		}
	}
	return name, typ, typeCut, nameCut
}

// parseCount reads a Param # cell: "163,968", "163968", "0 (unbuilt)". Nil when the cell shows no
// whole count ("18,4…", "", 40 digits).
func parseCount(s string) (*int64, bool) {
	s = normalize.TrimSpace(s)
	unbuilt := false
	if strings.HasSuffix(s, "(unbuilt)") || strings.HasSuffix(s, "(unused)") {
		unbuilt = true
		s = normalize.TrimSpace(s[:strings.LastIndexByte(s, '(')])
	}
	n, ok := countValue(s)
	if !ok {
		return nil, unbuilt
	}
	return &n, unbuilt
}

// countValue reads a whole count (see isCount); ok is false when s is none or has too many digits.
func countValue(s string) (int64, bool) {
	if !isCount(s) {
		return 0, false
	}
	// isCount let through only digits and one kind of separator: skip the separators, and say no
	// where the number overflows an int64, as strconv would
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// isCount reports whether s is a whole count: digits, or digits with thousands separators. Keras
// parts the groups by commas; a page translated into a language that parts them by dots
// ("164.869", "1.234.567") or by (no-break, thin) spaces ("164 869"), or a spreadsheet of that
// locale, writes those instead. A dot or a space is read as a separator only where every group
// after the first has three digits and the first does not start with 0, so "0.001", "644.02",
// "2.13" and "0 256" stay no counts.
func isCount(s string) bool {
	if s == "" {
		return false
	}
	sep := ","
	if !strings.Contains(s, ",") {
		switch {
		case strings.Contains(s, "."):
			sep = "."
		case strings.Contains(s, "'"):
			sep = "'" // a Swiss locale's grouping: "164'869" (typographic ones are made "'")
		case strings.Contains(s, " "):
			sep = " "
		default:
			return allDigits(s)
		}
		if s[0] == '0' {
			return false
		}
	}
	// the groups between the separators, as strings.Split would give them, without the slice
	for i, rest := 0, s; ; i++ {
		g, after, more := strings.Cut(rest, sep)
		if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) || !allDigits(g) {
			return false
		}
		if !more {
			return true
		}
		rest = after
	}
}

// countLen returns the length of the count at the start of s (digits with optional thousands
// groups, parted as isCount reads them), or 0.
func countLen(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 {
		return i
	}
	sep := byte(',')
	if i < len(s) && (s[i] == '.' || s[i] == '\'') && s[0] != '0' {
		sep = s[i] // "164.869", "164'869": a locale's dots or apostrophes; never a space here, which parts the words of a row
	}
	for i+4 <= len(s) && s[i] == sep && allDigits(s[i+1:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') {
		i += 4
	}
	return i
}

// cutCountLen is the length of a count at the start of s that a Keras 3 cell too narrow for it
// cut, anywhere in its digits ("1,315,…", "300,0…"), the ellipsis left out; 0 when s starts
// with none.
func cutCountLen(s string) int {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || i > 0 && (s[i] == ',' || s[i] == '.')) {
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], "…") {
		return 0
	}
	return i
}

// spacedCountLen is the length of a count at the start of s whose thousands are parted by single
// spaces ("164 869", a locale's grouping retyped or translated), 0 when s starts with none. A
// totals line holds one count, so the groups after it are its own.
func spacedCountLen(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 || s[0] == '0' {
		return 0
	}
	n := 0
	for i+4 <= len(s) && s[i] == ' ' && allDigits(s[i+1:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') {
		i += 4
		n++
	}
	if n == 0 {
		return 0
	}
	return i
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseConns reads Connected to / Receives inputs parts: "dense[0][0]", "['dense[0][0]',",
// "'dense_1[0][0]']", "in1[0][0], lstm[0][0]", "-", "[]".
func parseConns(parts []string) (string, []Conn) {
	var items []string
	for _, p := range parts {
		for _, f := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == ',' }) {
			f = strings.Trim(f, "'\"")
			if strings.HasPrefix(f, "['") || strings.HasPrefix(f, "[\"") {
				f = strings.Trim(f[1:], "'\"")
			}
			f = strings.TrimSuffix(f, "']")
			if strings.HasSuffix(f, "]]") && strings.Count(f, "[") < strings.Count(f, "]") {
				f = f[:len(f)-1]
			}
			f = strings.Trim(f, "'\"")
			if f == "" || f == "[]" || f == "-" || f == "[" || f == "]" {
				continue
			}
			items = append(items, f)
		}
	}
	var conns []Conn
	if len(items) > 0 {
		conns = make([]Conn, 0, len(items))
	}
	for _, it := range items {
		conns = append(conns, parseConn(it))
	}
	return strings.Join(items, ", "), conns
}

// parseConn reads "dense_1[0][0]"; a reference the print cut ("batch_normalizat…",
// "input_1[0][") is marked Cut.
func parseConn(s string) Conn {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return Conn{Layer: s, Node: -1, Tensor: -1, Cut: true}
	}
	c := Conn{Layer: s[:i]}
	rest := s[i:]
	n, m := -1, -1
	if k := strings.IndexByte(rest, ']'); k > 1 {
		n, _ = strconv.Atoi(rest[1:k])
		rest = rest[k+1:]
		if len(rest) > 2 && rest[0] == '[' {
			if k := strings.IndexByte(rest, ']'); k > 1 {
				m, _ = strconv.Atoi(rest[1:k])
			}
		}
	}
	if n < 0 || m < 0 {
		c.Cut = true
	}
	c.Node, c.Tensor = n, m
	return c
}

// isConnToken reports whether a word looks like a Connected to item: "dense[0][0]",
// "['dense[0][0]',", "[]", "-".
func isConnToken(w string) bool {
	if w == "[]" || w == "-" {
		return true
	}
	w = strings.Trim(w, "[]'\",")
	if w == "" {
		return false
	}
	i := strings.IndexByte(w, '[')
	if i <= 0 {
		return strings.HasSuffix(w, "…")
	}
	return len(w) > i+1 && w[i+1] >= '0' && w[i+1] <= '9'
}

// isConnFragment reports whether a continuation chunk belongs to the Connected to column.
func isConnFragment(s string) bool {
	s = normalize.TrimSpace(s)
	if q := strings.TrimPrefix(strings.TrimPrefix(s, "["), "'"); len(q) < len(s) && q != "" && isIdentStart(q[0]) && !strings.ContainsAny(q, " (") {
		return true // a quoted reference of a list, maybe cut: "'dense_1[0][0]']", "'batch_normalizat"
	}
	for _, w := range strings.Fields(s) {
		if !isConnToken(w) {
			return false
		}
	}
	return s != ""
}

// isShapeFragment reports whether a continuation chunk is part of a wrapped shape.
func isShapeFragment(s string) bool {
	s = normalize.TrimSpace(s)
	if s == "" {
		return false
	}
	hasDigitOrNone := strings.Contains(s, "None") || strings.Contains(s, "null")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			hasDigitOrNone = true
			continue
		}
		if strings.HasPrefix(s[i:], "None") || strings.HasPrefix(s[i:], "null") {
			i += 3
			continue
		}
		if !isShapeRune(c) {
			return false
		}
	}
	return hasDigitOrNone && strings.ContainsAny(s, "()[],")
}

// shapeOpen reports whether the shape read so far has unclosed brackets (it wraps on).
func (b *rowBuilder) shapeOpen() bool {
	if len(b.output) == 0 {
		return false
	}
	first := normalize.TrimSpace(b.output[0])
	if first == "" || first[0] != '(' && first[0] != '[' {
		return false
	}
	depth := 0
	for _, part := range b.output {
		depth += shapeBrackets(part)
	}
	return depth > 0
}

// shapeBrackets counts the brackets a shape text opens minus those it closes.
func shapeBrackets(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			n++
		case ')', ']', '}':
			n--
		}
	}
	return n
}

func onlyShapeRunes(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isShapeRune(s[i]) && !strings.HasPrefix(s[i:], "None") {
			return false
		}
		if strings.HasPrefix(s[i:], "None") {
			i += 3
		}
	}
	return s != ""
}

// rowScan reads one row from the start of a text line (layouts without box borders). It returns
// the builder and the text left over after the row's cells (another row of a flattened table,
// or wrapped fragments), or ok false when the text does not start a row.
func rowScan(s string, c cols, t *Table) (b rowBuilder, rest string, ok bool) {
	i := skipSpaces(s, 0)
	start := i
	// the layer cell: name, then an optional "(Class" part
	j := i
	for j < len(s) && s[j] != ' ' {
		if s[j] == '(' && j > i && (strings.HasPrefix(s[j:], "(None") || strings.HasPrefix(s[j:], "((") || strings.HasPrefix(s[j:], "[(")) {
			break
		}
		j++
		if j-i > maxName {
			return b, s, false
		}
	}
	if j == i {
		return b, s, false
	}
	name := s[i:j]
	if strings.ContainsAny(name[:1], "([{,)]}") || isCountWord(name) { // a wrapped shape's piece (", (None, 256") is no name
		return b, s, false
	}
	k := skipSpaces(s, j)
	layerEnd := j
	if k < len(s) && s[k] == '(' && !startsShape(s[k:]) {
		m := k + 1
		for m < len(s) && s[m] != ')' && s[m] != ' ' && s[m] != '(' {
			m++
		}
		if m < len(s) && s[m] == ')' {
			m++
		}
		layerEnd = m
		k = skipSpaces(s, m)
	}
	b.layer = s[start:layerEnd]
	b.col = start
	// shapes
	nShapes := 1
	if c.input >= 0 || c.loose {
		nShapes = 2
	}
	var room [2]string // the shape cells, on the stack: copied out only for a row that reads (rowShapes)
	shapes := room[:0:nShapes]
	for len(shapes) < nShapes && k < len(s) {
		if s[k] == '(' || s[k] == '[' || s[k] == '{' {
			n, closed := scanShape(s[k:])
			if n == 0 {
				break
			}
			txt := s[k : k+n]
			end := c.params // where this cell's column ends: the Input Shape cell ends at Output shape
			if nShapes == 2 && len(shapes) == 0 && c.output > 0 {
				end = c.output
			}
			if !closed && c.aligned && end > 0 && k+n < end-2 && k < end && !strings.Contains(txt, "null") {
				// a short unclosed shape: a wrapped layout continues it on the next lines, a cut
				// one cannot (finish decides once the row's lines are read)
				b.shortShape = "the brackets of the shape " + quote(normalize.TrimSpace(txt)) + " do not balance"
				b.shortCol = k
			}
			jsonCut := !closed && s[k] == '[' && strings.Contains(txt, "null") && !strings.Contains(txt, ", ")
			if !closed && !jsonCut {
				// a cut shape: its count may have been read into it in squeezed text (a
				// TensorFlow.js shape has no spaces: the first space ends it, cut or not)
				if c.aligned && c.params > 0 && c.params < len(s) && c.params > k {
					if k+n > c.params {
						n = c.params - k
						txt = s[k : k+n]
					}
				} else if cut := cutShapeEnd(s[k:], c); cut > 0 {
					n = cut
					txt = s[k : k+n]
				} else if cut := cutShapeEndStream(s[k:]); c.stream && cut > 0 {
					n = cut
					txt = s[k : k+n]
				}
			}
			shapes = append(shapes, normalize.TrimSpace(txt))
			k = skipSpaces(s, k+n)
			continue
		}
		if strings.HasPrefix(s[k:], "multiple") {
			shapes = append(shapes, "multiple")
			k = skipSpaces(s, k+8)
			continue
		}
		if s[k] == '?' && (k+1 == len(s) || s[k+1] == ' ') {
			shapes = append(shapes, "?")
			k = skipSpaces(s, k+1)
			continue
		}
		if e := reprCell(s, k, c, s[start:layerEnd]); e > k && len(shapes) == nShapes-1 {
			// a layer that returns a Python object (a transformers ModelOutput) prints its repr as
			// the output shape, wrapped or cut in its column: an unknown shape
			shapes = append(shapes, s[k:e])
			k = skipSpaces(s, e)
			continue
		}
		if strings.HasPrefix(s[k:], "None") && (k+4 == len(s) || s[k+4] == ' ') {
			// a Keras 0.x Graph node whose layer reports no output shape
			shapes = append(shapes, "None")
			k = skipSpaces(s, k+4)
			continue
		}
		break
	}
	if len(shapes) == 0 {
		return b, s, false
	}
	// the count
	n := countLen(s[k:])
	if n == 0 {
		n = askedLen(s[k:])
	} else if m := cutCountLen(s[k:]); m > n {
		n = m // "300,0…": a count the print cut inside a group of its digits
	}
	if n == 0 {
		return b, s, false
	}
	if k+n < len(s) && s[k+n] != ' ' && !strings.HasPrefix(s[k+n:], "…") && !(c.stream && isIdentStart(s[k+n])) {
		// a count runs into the next row's name only where line breaks and trailing spaces
		// were both lost ("3 0padding_conv1 (ZeroPadding2D)")
		return b, s, false
	}
	b.params = s[k : k+n]
	b.paramsCol = k
	if next := nextColumn(c); c.aligned && next > 0 && k+n >= next-1 { // bytes are never fewer than characters
		// columns count characters (Keras pads a cell by its code points): the count starts at its
		// column and ends at the space before the next one
		if at := utf8.RuneCountInString(s[:k]); at == c.params && at+n == next-1 {
			b.paramsFill = true
		}
	}
	k += n
	if strings.HasPrefix(s[k:], "…") {
		b.params += "…"
		k += len("…")
	}
	k2 := skipSpaces(s, k)
	if strings.HasPrefix(s[k2:], "(unbuilt)") || strings.HasPrefix(s[k2:], "(unused)") {
		e := strings.IndexByte(s[k2:], ')') + 1
		b.params += " " + s[k2:k2+e]
		k2 = skipSpaces(s, k2+e)
	}
	k = k2
	// connections and the Trainable flag
	var connRoom [4]string // on the stack, copied out once
	conns := connRoom[:0]
	for k < len(s) {
		e := k
		for e < len(s) && s[e] != ' ' {
			e++
		}
		w := s[k:e]
		if cutAnnotation(w) == "" {
			break // a note typed after the cells ("<-- why?")
		}
		if c.trainable >= 0 && (w == "Y" || w == "N" || (w == "-" && c.conn < 0)) {
			b.trainable = w
			k = skipSpaces(s, e)
			continue
		}
		if c.conn >= 0 && (isConnToken(w) || !c.stream) {
			conns = append(conns, w)
			k = skipSpaces(s, e)
			continue
		}
		if c.loose && c.conn >= 0 && cutReference(w) && !startsRow(s[k:]) {
			// a reference the print cut before its "[0][0]", unless it is the next row's name
			conns = append(conns, w)
			k = skipSpaces(s, e)
			continue
		}
		break
	}
	b.input, b.output = rowShapes(shapes, nShapes)
	if len(conns) > 0 {
		b.conn = append([]string(nil), conns...)
	}
	return b, s[k:], true
}

// rowShapes reads the shape cells rowScan found (nShapes looked for) into the input shape and the
// output shapes, copied out of rowScan's stack.
func rowShapes(shapes []string, nShapes int) (input string, output []string) {
	if nShapes == 2 && len(shapes) == 2 {
		return shapes[0], []string{shapes[1]}
	}
	// one shape: the output (a TensorFlow.js row without an input shape, or an old layout)
	return "", append([]string(nil), shapes...)
}

// nextColumn is where the column after the count starts in an aligned layout, -1 when the count
// is the last column.
func nextColumn(c cols) int {
	switch {
	case c.conn > c.params && c.params >= 0:
		return c.conn
	case c.trainable > c.params && c.params >= 0:
		return c.trainable
	}
	return -1
}

// startsRow reports whether s starts with a row's layer cell and shape (and count): the next row
// of a line that holds several. It reads no connections, so it looks a bounded way ahead.
func startsRow(s string) bool {
	_, _, ok := rowScan(s, cols{input: -1, output: -1, params: -1, conn: -1, trainable: -1, stream: true}, nil)
	return ok
}

// cutShapeEnd finds where a shape that the print cut (or wrapped) ends in text whose columns
// were lost: the count is the last whole number on the line that only connections and a
// Trainable flag follow ("[(None, 150, 150, 3 0 []" → the shape is "[(None, 150, 150, 3").
// It returns the length of the shape part, or 0 when there is no such count.
func cutShapeEnd(s string, c cols) int {
	if len(s) > maxCutCell {
		s = s[:maxCutCell] // a cut shape, its count and its connections fit in this
	}
	type tok struct{ start, end int }
	var toks []tok
	for i := 0; i < len(s); {
		i = skipSpaces(s, i)
		if i >= len(s) {
			break
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		toks = append(toks, tok{i, j})
		i = j
	}
	for t := len(toks) - 1; t >= 1; t-- {
		w := s[toks[t].start:toks[t].end]
		if isCount(w) && !strings.HasSuffix(s[toks[t-1].start:toks[t-1].end], ",") {
			// everything after it must be connections or the Trainable flag
			ok := true
			for _, a := range toks[t+1:] {
				x := s[a.start:a.end]
				if !(isConnToken(x) || x == "Y" || x == "N" || x == "-" || x == "(unbuilt)" || x == "(unused)" || c.conn >= 0 && !c.stream) {
					ok = false
					break
				}
			}
			if ok {
				return toks[t].start - 1
			}
		}
	}
	// a number after a comma may be the count all the same: the shape was cut just after its
	// comma. A row always prints its count, so where connections follow the last number and no
	// other number can be the count, it is the count
	for t := len(toks) - 1; t >= 1; t-- {
		w := s[toks[t].start:toks[t].end]
		if !isCount(w) {
			continue
		}
		if t+1 == len(toks) || c.conn < 0 {
			return 0
		}
		for _, a := range toks[t+1:] {
			if !isConnToken(s[a.start:a.end]) {
				return 0
			}
		}
		return toks[t].start - 1
	}
	return 0
}

// maxCutCell bounds the text read after a cut shape for its count.
const maxCutCell = 600

// maxName bounds the layer cell's first word: a longer word is no layer name (and must not cost
// more than a bounded look).
const maxName = 400

// cutShapeEndStream finds where a cut shape ends in a line that holds further rows (line breaks
// lost): at the first whole number, or number glued to a name, that no comma leads into
// ("(None, None, None, 3 0padding_conv1 …" → "(None, None, None, 3"); 0 when there is none.
func cutShapeEndStream(s string) int {
	if len(s) > maxCutCell {
		s = s[:maxCutCell]
	}
	prevComma := true
	for i := 0; i < len(s); {
		i = skipSpaces(s, i)
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if i >= len(s) {
			break
		}
		w := s[i:j]
		if !prevComma && i > 0 {
			if n := countLen(w); n > 0 && (n == len(w) || isIdentStart(w[n])) {
				return i - 1
			}
		}
		prevComma = strings.HasSuffix(w, ",")
		i = j
	}
	return 0
}

func startsShape(s string) bool {
	return strings.HasPrefix(s, "(None") || strings.HasPrefix(s, "((") || strings.HasPrefix(s, "(?") ||
		len(s) > 1 && s[1] >= '0' && s[1] <= '9'
}

func isCountWord(w string) bool { return countLen(w) == len(w) }

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// chunk is a run of text in a line separated from its neighbours by two or more spaces.
type chunk struct {
	col  int // rune column of its start
	text string
}

// chunks splits a line at runs of two or more spaces.
func chunks(s string) []chunk {
	var out []chunk
	col := 0
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
			col++
		}
		if i >= len(s) {
			break
		}
		st, stCol := i, col
		for i < len(s) {
			if s[i] == ' ' && (i+1 >= len(s) || s[i+1] == ' ') {
				break
			}
			if s[i] < 0x80 || s[i] >= 0xC0 {
				col++
			}
			i++
		}
		out = append(out, chunk{col: stCol, text: s[st:i]})
	}
	return out
}

// addContinuation files the text of a continuation line under the row's cells: by column where
// the table is aligned, else by what the text looks like.
func (b *rowBuilder) addContinuation(s string, c cols, wrapped bool) {
	for _, ch := range chunks(s) {
		txt := ch.text
		col := ch.col
		switch {
		case c.aligned && c.conn >= 0 && col >= c.conn-1:
			b.conn = append(b.conn, txt)
		case c.aligned && c.params >= 0 && col >= c.params-1 && col < c.params+12 && (c.conn < 0 || col < c.conn-1):
			if c.trainable >= 0 && col >= c.trainable-1 {
				continue
			}
			switch {
			case strings.HasPrefix(txt, "("):
				b.params += " " + txt
			case wrapped && allDigits(strings.ReplaceAll(txt, ",", "")):
				b.params += txt // a count wrapped in a narrow column (tf.keras 2.13+)
			}
		case c.aligned && c.output >= 0 && col >= c.output-1 && wrapped:
			b.output = append(b.output, txt)
		case c.aligned && col < c.output-1:
			if wrapped {
				b.layer += txt
			}
		case isConnFragment(txt) && c.conn >= 0:
			b.conn = append(b.conn, txt)
		case !wrapped:
			// cut layouts continue a row only with further inbound layers
			if c.conn >= 0 {
				b.conn = append(b.conn, txt)
			}
		case wrapped && b.shapeOpen() && onlyShapeRunes(txt):
			b.output = append(b.output, txt)
		case isShapeFragment(txt) && wrapped:
			b.output = append(b.output, txt)
		case wrapped:
			b.layer += txt
		}
	}
}

// annotationMarks start a note that a person typed after a row's cells to point at it or ask
// about it ("<-- why?", "# ???", "← this one"); no cell of a print starts with one.
var annotationMarks = []string{"<-", "<=", "←", "⬅", "👈", "#", "//"}

// annotationStart holds the first bytes of the annotation marks: a line padded with spaces has a
// word start at every other byte, and only these need the marks compared.
var annotationStart = func() (t [256]bool) {
	for _, m := range annotationMarks {
		t[m[0]] = true
	}
	return t
}()

// cutAnnotation is s up to a note typed after a row's cells: a word that starts with an
// annotation mark, and everything after it. A wrapped row's first line (tf.keras 2.7+) goes on
// in its next line, so a note left there would be read as part of its layer cell.
func cutAnnotation(s string) string {
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ' ' {
			continue
		}
		if !annotationStart[s[i]] {
			continue
		}
		for _, m := range annotationMarks {
			if strings.HasPrefix(s[i:], m) {
				return s[:i]
			}
		}
	}
	return s
}

// maxRepr bounds the length of an object's repr read as an output cell.
const maxRepr = 2000

// reprCell is the end of an output cell at s[k] that holds a Python object's repr instead of a
// shape (a layer that returns a transformers ModelOutput): "Name(field=…, …)" whole, or, after a
// "name (Class)" cell, the start of one that the print wrapped or cut at its column's edge
// ("TFBaseModelOutputWi") with the count after it. 0 when it is not.
func reprCell(s string, k int, c cols, layer string) int {
	if k >= len(s) || s[k] < 'A' || s[k] > 'Z' {
		return 0
	}
	e := k
	lower := false
	for e < len(s) && (isAlnum(s[e]) || s[e] == '_') {
		lower = lower || s[e] >= 'a' && s[e] <= 'z'
		e++
	}
	if !lower || e-k < 4 {
		return 0
	}
	if e < len(s) && s[e] == '(' {
		depth := 0
		// a repr is a few hundred bytes: the scan is bounded, so trying it at every word of a long
		// line stays linear
		for m := e; m < len(s) && m < e+maxRepr; m++ {
			switch s[m] {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
				if depth == 0 {
					if strings.Contains(s[e:m], "=") {
						return m + 1
					}
					return 0
				}
			}
		}
		return 0
	}
	if e < len(s) && s[e] != ' ' || e-k < 8 || !strings.HasSuffix(normalize.TrimSpace(layer), ")") {
		return 0
	}
	if n := countLen(s[skipSpaces(s, e):]); n == 0 {
		return 0
	}
	if c.aligned && c.params > 0 && e > c.params {
		return 0
	}
	return e
}

// askedLen is the length of question marks standing for a count at the start of s ("?", "???"):
// the asker typed them over the count to ask what it is. 0 when there are none, or more than
// five, or they run into a word.
func askedLen(s string) int {
	n := 0
	for n < len(s) && s[n] == '?' {
		n++
	}
	if n == 0 || n > 5 || n < len(s) && s[n] != ' ' {
		return 0
	}
	return n
}

// AskedCount reports a count cell of question marks alone: a count the asker asks for.
func AskedCount(p string) bool { return asked(p) }

// asked reports a count cell of question marks alone: a count the asker asks for, not one the
// print shows; the row's count is unknown and no misreading.
func asked(p string) bool {
	p = strings.TrimSpace(p)
	return p != "" && askedLen(p) == len(p)
}
